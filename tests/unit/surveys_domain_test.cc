#include <gtest/gtest.h>

#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys::domain {
namespace {

const Instant kNow = *ParseRfc3339("2026-11-22T02:00:00Z");

TEST(SurveyRules, EveryRecentVisitGetsOneServiceSurveyWithADeterministicId) {
  const auto plan = PlanVisitSurvey("vis-1", {2026, 11, 22}, {2026, 11, 22}, kNow, SurveyPolicy{});
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->kind, SurveyKind::kServiceVisit);
  EXPECT_EQ(plan->survey_id,
            PlanVisitSurvey("vis-1", {2026, 11, 22}, {2026, 11, 23}, kNow + Days{1}, SurveyPolicy{})->survey_id);
  EXPECT_EQ(plan->expires_at - plan->issued_at, Millis{Days{7}});
}

TEST(SurveyRules, AVisitOlderThanTheAnswerWindowGetsNoSurvey) {
  EXPECT_TRUE(PlanVisitSurvey("vis-1", {2026, 11, 16}, {2026, 11, 22}, kNow, SurveyPolicy{}).has_value());
  EXPECT_FALSE(PlanVisitSurvey("vis-1", {2026, 11, 15}, {2026, 11, 22}, kNow, SurveyPolicy{}).has_value());
}

TEST(SurveyRules, RecentDeliveryGetsTheSalesSurvey) {
  auto plan = PlanDeliverySurvey("veh-1", {2026, 11, 19}, {2026, 11, 22}, kNow, SurveyPolicy{});
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->kind, SurveyKind::kSalesDelivery);
}

TEST(SurveyRules, ImportedOldDeliveryGetsNoSurvey) {
  EXPECT_FALSE(PlanDeliverySurvey("veh-1", {2026, 9, 3}, {2026, 11, 22}, kNow, SurveyPolicy{}).has_value());
}

}  // namespace
}  // namespace careloop::surveys::domain
