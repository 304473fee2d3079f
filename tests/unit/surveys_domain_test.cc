#include <gtest/gtest.h>

#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys::domain {
namespace {

const Instant kNow = *ParseRfc3339("2026-11-22T02:00:00Z");

TEST(SurveyRules, AnInvitationIssuesOneSurveyPerOccasionWithADeterministicId) {
  const auto plan = PlanInvitedSurvey(SurveyKind::kServiceVisit, "vis-1", kNow, kNow, SurveyPolicy{});
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->kind, SurveyKind::kServiceVisit);
  EXPECT_EQ(plan->survey_id,
            PlanInvitedSurvey(SurveyKind::kServiceVisit, "vis-1", kNow, kNow + Days{1}, SurveyPolicy{})->survey_id);
  EXPECT_NE(plan->survey_id,
            PlanInvitedSurvey(SurveyKind::kSalesDelivery, "vis-1", kNow, kNow, SurveyPolicy{})->survey_id);
  EXPECT_EQ(plan->issued_at, kNow);
  EXPECT_EQ(plan->expires_at - plan->issued_at, Millis{Days{7}});
}

TEST(SurveyRules, AFiringOlderThanTheAnswerWindowIssuesNothing) {
  const Instant fired = kNow - Days{7};
  EXPECT_TRUE(PlanInvitedSurvey(SurveyKind::kSalesDelivery, "veh-1", fired + Millis{1}, kNow, SurveyPolicy{}));
  EXPECT_FALSE(PlanInvitedSurvey(SurveyKind::kSalesDelivery, "veh-1", fired, kNow, SurveyPolicy{}));
}

}  // namespace
}  // namespace careloop::surveys::domain
