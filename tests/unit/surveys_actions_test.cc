// Improvement actions: the rules (domain/improvement_actions.h) and the use cases
// (app/improvement_actions_app.h) over tests/fakes/surveys_csi_fakes.h.
#include <gtest/gtest.h>

#include "services/surveys/app/improvement_actions_app.h"
#include "tests/fakes/surveys_csi_fakes.h"

namespace careloop::surveys {
namespace {

using domain::ActionStatus;

const auth::Principal kManagerS1{"mgr", auth::Role::kManager, {"S1"}, false};
const auth::Principal kManagerS2{"mgr2", auth::Role::kManager, {"S2"}, false};

domain::ImprovementAction Draft() {
  domain::ImprovementAction action;
  action.store_id = "S1";
  action.item = domain::SurveyItem::kServiceLounge;
  action.description = "休息室增加饮品和充电设施";
  action.owner = "mgr-1";
  action.due_date = {2027, 3, 31};
  action.baseline_score = 7.2;
  action.target_score = 8.5;
  return action;
}

TEST(ImprovementActionRulesTest, ANewActionNamesWhatIsWrong) {
  const Date today{2027, 2, 1};
  EXPECT_TRUE(domain::ValidateNewAction(Draft(), today).ok());
  auto action = Draft();
  action.due_date = {2027, 1, 31};
  EXPECT_EQ(domain::ValidateNewAction(action, today).error().field, "action.due_date");
  action = Draft();
  action.item = static_cast<domain::SurveyItem>(999);
  EXPECT_EQ(domain::ValidateNewAction(action, today).error().field, "action.item");
  action = Draft();
  action.owner.clear();
  EXPECT_EQ(domain::ValidateNewAction(action, today).error().field, "action.owner");
  action = Draft();
  action.target_score = 7;
  EXPECT_EQ(domain::ValidateNewAction(action, today).error().field, "action.target_score");
  action = Draft();
  action.period_from = {2027, 1, 31};
  action.period_to = {2027, 1, 1};
  EXPECT_EQ(domain::ValidateNewAction(action, today).error().field, "action.period.end_date");
}

TEST(ImprovementActionRulesTest, StatusGoesForwardOnlyAndVerifyingNeedsTheCheck) {
  EXPECT_TRUE(domain::CheckTransition(ActionStatus::kOpen, ActionStatus::kDone, "").ok());
  EXPECT_TRUE(domain::CheckTransition(ActionStatus::kOpen, ActionStatus::kCancelled, "").ok());
  EXPECT_TRUE(domain::CheckTransition(ActionStatus::kDone, ActionStatus::kVerified, "三月复查 8.6 分").ok());
  EXPECT_TRUE(domain::CheckTransition(ActionStatus::kDone, ActionStatus::kDone, "").ok());
  EXPECT_EQ(domain::CheckTransition(ActionStatus::kDone, ActionStatus::kVerified, "").error().field,
            "action.check_note");
  const auto backwards = domain::CheckTransition(ActionStatus::kDone, ActionStatus::kOpen, "");
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(backwards.error().field, "action.status");
  EXPECT_FALSE(domain::CheckTransition(ActionStatus::kOpen, ActionStatus::kVerified, "x").ok());
  EXPECT_FALSE(domain::CheckTransition(ActionStatus::kCancelled, ActionStatus::kDone, "").ok());
  EXPECT_FALSE(domain::CheckTransition(ActionStatus::kVerified, ActionStatus::kCancelled, "").ok());
}

class ImprovementActionsAppTest : public ::testing::Test {
 protected:
  ImprovementActionsAppTest()
      : clock_(*ParseRfc3339("2027-02-01T02:00:00Z")),
        stores_({{"S1", "一店", "一店", "Asia/Shanghai", "010-1"}, {"S2", "二店", "二店", "Asia/Shanghai", "010-2"}}),
        app_(store_, clock_, stores_) {}

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeImprovementActions store_;
  app::ImprovementActionsApp app_;
};

TEST_F(ImprovementActionsAppTest, CreateOnceUpdateForwardAndList) {
  auto created = app_.Create(kManagerS1, Draft(), "req-1");
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_EQ(created->status, ActionStatus::kOpen);
  auto again = app_.Create(kManagerS1, Draft(), "req-1");  // a replayed request
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->action_id, created->action_id);
  EXPECT_EQ(store_.published.size(), 1U);

  app::ActionChanges done{created->action_id, ActionStatus::kDone};
  auto updated = app_.Update(kManagerS1, done, "upd-1");
  ASSERT_TRUE(updated.ok()) << updated.error().ToString();
  EXPECT_EQ(updated->status, ActionStatus::kDone);
  EXPECT_EQ(updated->done_at, clock_.Now());

  app::ActionChanges back{created->action_id, ActionStatus::kOpen};
  EXPECT_EQ(app_.Update(kManagerS1, back, "upd-2").error().field, "action.status");
  app::ActionChanges verify{created->action_id, ActionStatus::kVerified};
  EXPECT_EQ(app_.Update(kManagerS1, verify, "upd-3").error().field, "action.check_note");
  verify.check_note = "三月回访该项平均 8.6 分，达标";
  auto verified = app_.Update(kManagerS1, verify, "upd-4");
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->status, ActionStatus::kVerified);
  EXPECT_EQ(verified->check_note, *verify.check_note);

  auto second = Draft();
  second.due_date = {2027, 2, 28};
  second.item = domain::SurveyItem::kServiceFaultFixed;
  ASSERT_TRUE(app_.Create(kManagerS1, second, "req-2").ok());
  auto listed = app_.List(kManagerS1, "S1", std::nullopt, "");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ(listed->at(0).item, domain::SurveyItem::kServiceFaultFixed);  // due first
  EXPECT_EQ(app_.List(kManagerS1, "S1", ActionStatus::kOpen, "")->size(), 1U);
  EXPECT_TRUE(app_.List(kManagerS1, "S1", std::nullopt, "nobody")->empty());
}

TEST_F(ImprovementActionsAppTest, RefusesBadInputAndCallersOfAnotherStore) {
  auto past = Draft();
  past.due_date = {2027, 1, 31};
  EXPECT_EQ(app_.Create(kManagerS1, past, "req-1").error().field, "action.due_date");
  EXPECT_EQ(app_.Create(kManagerS1, Draft(), "").error().field, "request_id");
  EXPECT_EQ(app_.Create(kManagerS2, Draft(), "req-1").error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(store_.published.empty());
  auto created = app_.Create(kManagerS1, Draft(), "req-1");
  ASSERT_TRUE(created.ok());
  app::ActionChanges changes{created->action_id, ActionStatus::kDone};
  EXPECT_EQ(app_.Update(kManagerS2, changes, "u").error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(app_.List(kManagerS2, "S1", std::nullopt, "").error().code, ErrorCode::kPermissionDenied);
  app::ActionChanges unknown{"act-none", ActionStatus::kDone};
  EXPECT_EQ(app_.Update(kManagerS1, unknown, "u").error().code, ErrorCode::kNotFound);
  app::ActionChanges late{created->action_id};
  late.due_date = Date{2027, 1, 1};
  EXPECT_EQ(app_.Update(kManagerS1, late, "u2").error().field, "action.due_date");
}

}  // namespace
}  // namespace careloop::surveys
