// CaseFollowUpsApp over fakes of its ports: a complaint case's follow-up timer before the deadline
// and an escalation each put one call task on the right person's list; nothing else does.
#include <gtest/gtest.h>

#include "services/dispatch/app/case_follow_ups.h"
#include "tests/fakes/dispatch_case_fakes.h"
#include "tests/fakes/dispatch_plan_fakes.h"

namespace careloop::dispatch::app {
namespace {

using careloop::testing::FakeCaseRoster;
using careloop::testing::FakeTaskDesk;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

class CaseFollowUpsTest : public ::testing::Test {
 protected:
  static CaseFacts Opened() {
    return {"case-1", "cus-1", "S001", "veh-1", "manager-zhou", At("2026-12-03T18:00:00+08:00")};
  }
  static CaseFollowUpFiring Half() { return {"rem-case-half", 1, "case-1", At("2026-12-02T14:00:00+08:00")}; }
  static CaseFollowUpFiring AtDeadline() { return {"rem-case-deadline", 1, "case-1", At("2026-12-03T18:00:00+08:00")}; }

  FakeCaseRoster roster_;
  FakeTaskDesk desk_;
  CaseFollowUpsApp app_{roster_, desk_};
};

TEST_F(CaseFollowUpsTest, TheHalfwayTimerIsACallForTheOwnerAboutTheCase) {
  ASSERT_TRUE(app_.OnOpened(Opened()).ok());
  ASSERT_TRUE(app_.OnFollowUpDue(Half()).ok());
  ASSERT_EQ(desk_.opened.size(), 1u);
  const TaskOrder& order = desk_.opened.begin()->second;
  EXPECT_EQ(order.assignee, "manager-zhou");
  EXPECT_EQ(order.case_id, "case-1");
  EXPECT_EQ(order.request.kind, domain::CareKind::kCaseFollowUp);
  EXPECT_EQ(order.request.customer_id, "cus-1");
  EXPECT_EQ(order.request.vehicle_id, "veh-1");
  EXPECT_EQ(order.request.cause_id, "rem-case-half");
  EXPECT_NE(order.reason.find("过半"), std::string::npos) << order.reason;
}

TEST_F(CaseFollowUpsTest, AReplayedFiringAsksForTheSameTask) {
  ASSERT_TRUE(app_.OnOpened(Opened()).ok());
  ASSERT_TRUE(app_.OnFollowUpDue(Half()).ok());
  ASSERT_TRUE(app_.OnFollowUpDue(Half()).ok());
  EXPECT_EQ(desk_.calls.size(), 2u);
  EXPECT_EQ(desk_.opened.size(), 1u);  // one message id: the desk keeps one task
}

TEST_F(CaseFollowUpsTest, TheDeadlinesFiringLeavesTheCallToTheEscalation) {
  ASSERT_TRUE(app_.OnOpened(Opened()).ok());
  ASSERT_TRUE(app_.OnFollowUpDue(AtDeadline()).ok());
  EXPECT_TRUE(desk_.calls.empty());
  ASSERT_TRUE(app_.OnUpdated({"case-1", "gm-wang", Instant{}, true}).ok());
  ASSERT_EQ(desk_.opened.size(), 1u);
  const TaskOrder& order = desk_.opened.begin()->second;
  EXPECT_EQ(order.assignee, "gm-wang");
  EXPECT_NE(order.reason.find("升级"), std::string::npos) << order.reason;
  EXPECT_EQ(roster_.cases.at("case-1").owner, "gm-wang");
}

TEST_F(CaseFollowUpsTest, AHandOverGoesToTheNewOwnerWithoutATaskOfItsOwn) {
  ASSERT_TRUE(app_.OnOpened(Opened()).ok());
  ASSERT_TRUE(app_.OnUpdated({"case-1", "manager-li", Instant{}, false}).ok());
  EXPECT_TRUE(desk_.calls.empty());
  ASSERT_TRUE(app_.OnFollowUpDue(Half()).ok());
  ASSERT_EQ(desk_.opened.size(), 1u);
  EXPECT_EQ(desk_.opened.begin()->second.assignee, "manager-li");
}

TEST_F(CaseFollowUpsTest, AMovedDeadlineMakesAnEarlierFiringTheDeadlines) {
  ASSERT_TRUE(app_.OnOpened(Opened()).ok());
  // The deadline moved earlier than the half-way firing: that firing is now at/after the deadline.
  ASSERT_TRUE(app_.OnUpdated({"case-1", "", At("2026-12-02T12:00:00+08:00"), false}).ok());
  ASSERT_TRUE(app_.OnFollowUpDue(Half()).ok());
  EXPECT_TRUE(desk_.calls.empty());
  EXPECT_EQ(roster_.cases.at("case-1").owner, "manager-zhou");  // an update without an owner keeps it
}

TEST_F(CaseFollowUpsTest, AResolvedOrUnknownCaseIsNoCall) {
  ASSERT_TRUE(app_.OnOpened(Opened()).ok());
  ASSERT_TRUE(app_.OnResolved("case-1").ok());
  ASSERT_TRUE(app_.OnFollowUpDue(Half()).ok());
  ASSERT_TRUE(app_.OnFollowUpDue({"rem-x", 1, "case-unknown", At("2026-12-02T14:00:00+08:00")}).ok());
  ASSERT_TRUE(app_.OnUpdated({"case-1", "gm-wang", Instant{}, true}).ok());
  EXPECT_TRUE(desk_.calls.empty());
}

TEST_F(CaseFollowUpsTest, AReplayedOpeningDoesNotUndoAnEscalation) {
  ASSERT_TRUE(app_.OnOpened(Opened()).ok());
  ASSERT_TRUE(app_.OnUpdated({"case-1", "gm-wang", Instant{}, true}).ok());
  ASSERT_TRUE(app_.OnOpened(Opened()).ok());
  EXPECT_EQ(roster_.cases.at("case-1").owner, "gm-wang");
}

}  // namespace
}  // namespace careloop::dispatch::app
