// SurveysApp over the shared in-memory fake of its repository (tests/fakes/surveys_fakes.h) and
// a manual clock: issuing on the invitation timers of visits and deliveries, replays, late
// firings, and the checks of List.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/app/surveys_app.h"
#include "tests/fakes/surveys_fakes.h"

namespace careloop::surveys::app {
namespace {

using careloop::testing::FakeSurveyRepository;
using careloop::testing::PublishedEvent;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

const Instant kFired = At("2026-11-22T10:00:00+08:00");

// The service follow-up timer of a visit, fired at `fired_at`.
InvitationDue VisitOf(const std::string& visit_id, const std::string& store_id = "S001",
                      const std::string& customer_id = "cus-1", Instant fired_at = kFired) {
  return {"rem-" + visit_id, customer_id, store_id,      domain::SurveyKind::kServiceVisit, "veh-1", visit_id,
          "张顾问",          fired_at,    {2026, 11, 19}};
}

// The 3-day-call timer of a delivery, fired at `fired_at`.
InvitationDue DeliveryOf(const std::string& vehicle_id = "veh-1", Instant fired_at = kFired) {
  return {
      "rem-d-" + vehicle_id, "cus-1", "S001", domain::SurveyKind::kSalesDelivery, vehicle_id, "", "李销售", fired_at};
}

std::vector<std::string> IdsOf(const std::vector<domain::Survey>& surveys) {
  std::vector<std::string> ids;
  for (const auto& survey : surveys) {
    ids.push_back(survey.survey_id);
  }
  return ids;
}

class SurveysAppTest : public ::testing::Test {
 protected:
  SurveysAppTest()
      : clock_(At("2026-11-22T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车天津河西店", "星途汽车河西店", "Asia/Shanghai", "022-85556666"}}),
        app_(repository_, clock_, stores_, domain::SurveyPolicy{}) {}

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeSurveyRepository repository_;
  SurveysApp app_;
};

// --- visits ---

TEST_F(SurveysAppTest, AVisitsTimerIssuesAServiceSurveyOnce) {
  const auto issued = app_.OnInvitationDue(VisitOf("visit-1"));
  ASSERT_TRUE(issued.has_value());
  EXPECT_FALSE(issued->survey_id.empty());
  EXPECT_EQ(issued->kind, domain::SurveyKind::kServiceVisit);
  EXPECT_EQ(issued->template_id, "csi-service-v1");
  EXPECT_EQ(issued->customer_id, "cus-1");
  EXPECT_EQ(issued->store_id, "S001");
  EXPECT_EQ(issued->vehicle_id, "veh-1");
  EXPECT_EQ(issued->visit_id, "visit-1");
  EXPECT_EQ(issued->advisor, "张顾问");
  EXPECT_EQ(issued->reminder_id, "rem-visit-1");
  EXPECT_EQ(issued->occasion_date, (Date{2026, 11, 19}));  // the visit's day, for the answer page
  EXPECT_EQ(issued->issued_at, At("2026-11-22T10:00:00+08:00"));
  EXPECT_EQ(issued->expires_at, At("2026-11-29T10:00:00+08:00"));  // open for seven days

  EXPECT_FALSE(app_.OnInvitationDue(VisitOf("visit-1")).has_value());
  EXPECT_EQ(repository_.Count(), 1u);
  EXPECT_EQ(repository_.published, (std::vector<PublishedEvent>{{"SurveyIssued", issued->survey_id}}));
}

TEST_F(SurveysAppTest, AFiringReplayedDaysLaterChangesNothing) {
  const auto issued = app_.OnInvitationDue(VisitOf("visit-1"));
  ASSERT_TRUE(issued.has_value());
  clock_.Advance(Days{3});
  EXPECT_FALSE(app_.OnInvitationDue(VisitOf("visit-1")).has_value());
  const auto stored = repository_.Find(issued->survey_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->issued_at, At("2026-11-22T10:00:00+08:00"));
  EXPECT_EQ(stored->expires_at, At("2026-11-29T10:00:00+08:00"));
  EXPECT_EQ(repository_.published.size(), 1u);
}

TEST_F(SurveysAppTest, EachVisitGetsItsOwnSurvey) {
  const auto first = app_.OnInvitationDue(VisitOf("visit-1"));
  const auto second = app_.OnInvitationDue(VisitOf("visit-2"));
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(first->survey_id, second->survey_id);
  EXPECT_EQ(repository_.Count(), 2u);
}

TEST_F(SurveysAppTest, ADeliverysTimerIssuesTheSalesSurvey) {
  const auto issued = app_.OnInvitationDue(DeliveryOf());
  ASSERT_TRUE(issued.has_value());
  EXPECT_EQ(issued->kind, domain::SurveyKind::kSalesDelivery);
  EXPECT_EQ(issued->template_id, "csi-sales-v1");
  EXPECT_EQ(issued->vehicle_id, "veh-1");
  EXPECT_EQ(issued->visit_id, "");
  EXPECT_EQ(issued->advisor, "李销售");
  EXPECT_EQ(issued->expires_at, At("2026-11-29T10:00:00+08:00"));
  EXPECT_EQ(repository_.published, (std::vector<PublishedEvent>{{"SurveyIssued", issued->survey_id}}));
  EXPECT_FALSE(app_.OnInvitationDue(DeliveryOf()).has_value());
  EXPECT_NE(issued->survey_id, app_.OnInvitationDue(VisitOf("veh-1"))->survey_id);  // a visit id equal to a vehicle's
}

TEST_F(SurveysAppTest, AFiringHandledAfterTheAnswerWindowWouldHaveClosedIssuesNothing) {
  // The service was down for a week: nobody is asked about a visit they have long forgotten.
  clock_.Set(kFired + Days{7});
  EXPECT_FALSE(app_.OnInvitationDue(VisitOf("visit-1")).has_value());
  EXPECT_TRUE(app_.OnInvitationDue(VisitOf("visit-2", "S001", "cus-1", kFired + Millis{1})).has_value());
  EXPECT_EQ(repository_.Count(), 1u);
}

TEST_F(SurveysAppTest, ConfiguredPolicyDecidesTheWindow) {
  domain::SurveyPolicy policy;
  policy.answer_window = Days{3};
  SurveysApp app(repository_, clock_, stores_, policy);
  const auto issued = app.OnInvitationDue(DeliveryOf("veh-2"));
  ASSERT_TRUE(issued.has_value());
  EXPECT_EQ(issued->expires_at, At("2026-11-25T10:00:00+08:00"));
}

// --- List ---

class SurveysListTest : public SurveysAppTest {
 protected:
  const auth::Principal advisor_ = {"sa-1", auth::Role::kAdvisor, {"S001"}, false};
  const auth::Principal admin_ = {"admin", auth::Role::kAdmin, {}, true};
};

TEST_F(SurveysListTest, ListsTheCustomersSurveysInIssueOrder) {
  const auto visit = app_.OnInvitationDue(VisitOf("visit-1"));
  clock_.Advance(Millis{3'600'000});
  const auto delivery = app_.OnInvitationDue(DeliveryOf());
  ASSERT_TRUE(visit.has_value());
  ASSERT_TRUE(delivery.has_value());
  auto listed = app_.List(advisor_, "cus-1");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_EQ(IdsOf(*listed), (std::vector<std::string>{visit->survey_id, delivery->survey_id}));
}

TEST_F(SurveysListTest, CustomerOrStoreIsRequired) {
  auto listed = app_.List(admin_, "");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(listed.error().field, "customer_id");
}

TEST_F(SurveysListTest, ByStoreListsThatStoresLatestFirst) {
  const auto first = app_.OnInvitationDue(VisitOf("visit-1", "S001"));
  ASSERT_TRUE(app_.OnInvitationDue(VisitOf("visit-2", "S002")).has_value());
  clock_.Advance(Millis{60'000});
  const auto second = app_.OnInvitationDue(VisitOf("visit-3", "S001", "cus-2"));
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  auto listed = app_.List(advisor_, "", "S001");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_EQ(IdsOf(*listed), (std::vector<std::string>{second->survey_id, first->survey_id}));
  auto other_store = app_.List(advisor_, "", "S002");
  ASSERT_FALSE(other_store.ok());
  EXPECT_EQ(other_store.error().code, ErrorCode::kPermissionDenied);
  auto unknown = app_.List(admin_, "", "S404");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "store_id");
}

TEST_F(SurveysListTest, IsDeniedWhenASurveyBelongsToAnotherStore) {
  ASSERT_TRUE(app_.OnInvitationDue(VisitOf("visit-1", "S001")).has_value());
  ASSERT_TRUE(app_.OnInvitationDue(VisitOf("visit-2", "S002")).has_value());
  auto listed = app_.List(advisor_, "cus-1");
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(listed.error().field, "store_id");
  auto for_admin = app_.List(admin_, "cus-1");
  ASSERT_TRUE(for_admin.ok()) << for_admin.error().message;
  EXPECT_EQ(for_admin->size(), 2u);
}

TEST_F(SurveysListTest, CustomerWithoutSurveysListsNothing) {
  auto listed = app_.List(advisor_, "cus-404");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_TRUE(listed->empty());
}

}  // namespace
}  // namespace careloop::surveys::app
