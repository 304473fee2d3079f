// CallTasksApp over in-memory fakes of its ports (tests/fakes/dispatch_call_task_fakes.h), and
// DispatchApp handing a "call_task" plan to it; the Redis store is tested in tests/integration.
#include <gtest/gtest.h>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/call_tasks_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "tests/fakes/dispatch_call_task_fakes.h"
#include "tests/fakes/dispatch_fakes.h"

namespace careloop::dispatch::app {
namespace {

using careloop::testing::FakeAppointmentBooker;
using careloop::testing::FakeCallTaskStore;
using careloop::testing::FakeCauseCheck;
using careloop::testing::FakeContactDirectory;
using careloop::testing::FakeMessageLedger;
using careloop::testing::FakeSmsSender;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

auth::Principal Staff(std::string name, auth::Role role = auth::Role::kAdvisor) {
  return {std::move(name), role, {"S001"}, false};
}

class CallTasksAppTest : public ::testing::Test {
 protected:
  CallTasksAppTest() : clock_(At("2026-11-22T10:00:00+08:00")), stores_({Store()}) {
    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = "13912345678";
    contact.gender = 1;
    contact.plates["veh-1"] = "京A12345";
    contact.models["veh-1"] = "星途瑶光";
    contact.advisors["veh-1"] = "sa-li";
    directory_.contacts["cus-1"] = contact;
  }

  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.manager = "manager-chen";
    store.care_desk = "desk-s001";
    return store;
  }

  static TaskOrder WinBack(const std::string& reminder_id = "rem-wb-1") {
    TaskOrder order;
    order.request = {reminder_id, 1, domain::CareKind::kWinBack, "cus-1", "S001", "veh-1"};
    order.message_id = domain::MessageIdFor(reminder_id, 1, "call");
    return order;
  }

  std::string Opened(const TaskOrder& order) {
    auto id = app_.Open(order);
    EXPECT_TRUE(id.ok()) << id.error().ToString();
    return id.value();
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeCallTaskStore store_;
  FakeContactDirectory directory_;
  FakeAppointmentBooker booker_;
  CallTasksApp app_{store_, directory_, booker_, clock_, stores_};
};

TEST_F(CallTasksAppTest, OpensOneTaskForTheCarsAdvisorWithScriptAndDueTime) {
  const std::string id = Opened(WinBack());
  EXPECT_EQ(Opened(WinBack()), id);  // a replayed order
  ASSERT_EQ(store_.tasks.size(), 1u);
  const domain::CallTask& task = store_.tasks.at(id);
  EXPECT_EQ(task.assignee, "sa-li");
  EXPECT_EQ(task.due_at, At("2026-11-22T18:00:00+08:00"));
  EXPECT_EQ(task.car, "京A12345（星途瑶光）");
  EXPECT_NE(task.script.find("王先生"), std::string::npos);
  EXPECT_EQ(testing::IdsOf(store_.published, "CallTaskCreated"), std::vector<std::string>{id});
  const domain::Message& message = store_.messages.at(task.message_id);
  EXPECT_EQ(message.channel, "call");
  EXPECT_EQ(message.call_task_id, id);
}

TEST_F(CallTasksAppTest, NoAdvisorNoOwnerGoesToTheCareDesk) {
  directory_.contacts["cus-1"].advisors.clear();
  EXPECT_EQ(store_.tasks.at(Opened(WinBack())).assignee, "desk-s001");
}

TEST_F(CallTasksAppTest, AStepForTheCareDeskAndANamedCaseOwnerAreHonoured) {
  TaskOrder care = WinBack("rem-renewal-1");
  care.request.kind = domain::CareKind::kInsuranceRenewal;
  care.prefer = domain::StepAssignee::kCareCentre;
  EXPECT_EQ(store_.tasks.at(Opened(care)).assignee, "desk-s001");

  TaskOrder follow_up = WinBack("rem-case-1");
  follow_up.request.kind = domain::CareKind::kCaseFollowUp;
  follow_up.prefer = domain::StepAssignee::kCaseOwner;
  follow_up.assignee = "manager-zhou";
  follow_up.case_id = "case-1";
  follow_up.reason = "投诉处理时限已过半，请联系客户跟进处理进展";
  const domain::CallTask& task = store_.tasks.at(Opened(follow_up));
  EXPECT_EQ(task.assignee, "manager-zhou");
  EXPECT_EQ(task.case_id, "case-1");
  EXPECT_EQ(task.reason, follow_up.reason);
  EXPECT_NE(task.script.find("客户服务负责人"), std::string::npos) << task.script;
}

TEST_F(CallTasksAppTest, TheThreeDayCallAfterADeliveryIsTheCareDesksAboutTheSalesSurvey) {
  TaskOrder order;
  order.request = {"srv-delivery-1", 1, domain::CareKind::kSurveyInvitation, "cus-1", "S001", "veh-1"};
  order.request.about_delivery = true;
  order.message_id = domain::MessageIdFor("srv-delivery-1", 1, "call");
  order.prefer = domain::StepAssignee::kCareCentre;
  const domain::CallTask& task = store_.tasks.at(Opened(order));
  EXPECT_EQ(task.assignee, "desk-s001");
  EXPECT_EQ(task.survey_id, "srv-delivery-1");
  EXPECT_EQ(task.reason, "新车交付三日回访（购车与交车满意度）");
}

TEST_F(CallTasksAppTest, UnreachableCustomersIsRetryableAndWritesNothing) {
  directory_.unavailable = true;
  auto id = app_.Open(WinBack());
  ASSERT_FALSE(id.ok());
  EXPECT_TRUE(id.error().IsRetryable());
  EXPECT_TRUE(store_.tasks.empty());
}

TEST_F(CallTasksAppTest, ListIsStoreScopedFilteredAndEarliestDueFirst) {
  const std::string later = Opened(WinBack("rem-a"));  // due today 18:00
  TaskOrder early = WinBack("rem-b");
  early.due_at = At("2026-11-22T12:00:00+08:00");
  const std::string sooner = Opened(early);
  TaskOrder face = WinBack("rem-c");
  face.channel = domain::TaskChannel::kFaceToFace;
  face.message_id = domain::MessageIdFor("rem-c", 1, "face");
  const std::string undated = Opened(face);
  auto all = app_.List(Staff("sa-li"), {"S001"});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].task_id, sooner);
  EXPECT_EQ((*all)[1].task_id, later);
  EXPECT_EQ((*all)[2].task_id, undated);
  EXPECT_TRUE(app_.List(Staff("sa-li"), {"S001", "someone-else"})->empty());
  EXPECT_EQ(app_.List(Staff("sa-li"), {""}).error().field, "store_id");
  auth::Principal other{"sa-x", auth::Role::kAdvisor, {"S002"}, false};
  EXPECT_EQ(app_.List(other, {"S001"}).error().code, ErrorCode::kPermissionDenied);
  clock_.Set(At("2026-11-22T13:00:00+08:00"));
  EXPECT_TRUE(app_.List(Staff("sa-li"), {"S001"})->front().late);  // past due: late before any escalation
}

TEST_F(CallTasksAppTest, OnlyTheAssigneeTheManagerOrAnAdminCompletes) {
  const std::string id = Opened(WinBack());
  auto stranger = app_.Complete(Staff("sa-wu"), id, {domain::CallOutcome::kReached}, "req-1");
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(stranger.error().field, "call_task_id");
  EXPECT_TRUE(store_.done.empty());
  EXPECT_TRUE(app_.Complete(Staff("manager-chen"), id, {domain::CallOutcome::kReached}, "req-2").ok());
  const std::string second = Opened(WinBack("rem-2"));
  EXPECT_TRUE(
      app_.Complete({"ops", auth::Role::kAdmin, {}, true}, second, {domain::CallOutcome::kNoAnswer}, "req-3").ok());
}

TEST_F(CallTasksAppTest, CompletionIsIdempotentOnTheRequestIdAndOnceOtherwise) {
  const std::string id = Opened(WinBack());
  auto done = app_.Complete(Staff("sa-li"), id, {domain::CallOutcome::kReached, "聊得很好"}, "req-1");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->status, domain::TaskStatus::kCompleted);
  EXPECT_EQ(done->completed_by, "sa-li");
  EXPECT_FALSE(done->late);
  auto again = app_.Complete(Staff("sa-li"), id, {domain::CallOutcome::kReached, "聊得很好"}, "req-1");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(testing::IdsOf(store_.published, "CallTaskCompleted").size(), 1u);
  auto other = app_.Complete(Staff("sa-li"), id, {domain::CallOutcome::kNoAnswer}, "req-2");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(store_.messages.at(store_.tasks.at(id).message_id).status, domain::MessageStatus::kDelivered);
}

TEST_F(CallTasksAppTest, BadCompletionsChangeNothing) {
  const std::string id = Opened(WinBack());
  EXPECT_EQ(app_.Complete(Staff("sa-li"), "ct-nope", {domain::CallOutcome::kReached}, "r").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(app_.Complete(Staff("sa-li"), id, {}, "r").error().field, "outcome");
  EXPECT_EQ(app_.Complete(Staff("sa-li"), id, {domain::CallOutcome::kAppointmentBooked}, "r").error().field,
            "appointment_at");
  EXPECT_TRUE(store_.done.empty());
  EXPECT_TRUE(booker_.booked.empty());
  EXPECT_EQ(store_.tasks.at(id).status, domain::TaskStatus::kOpen);
}

TEST_F(CallTasksAppTest, AppointmentBookedIsBookedWithTheRemindersServiceOnce) {
  const std::string id = Opened(WinBack());
  domain::Completion booked{domain::CallOutcome::kAppointmentBooked, "周六上午"};
  booked.appointment_at = At("2026-11-28T09:30:00+08:00");
  booker_.refusal = InvalidArgument("appointment_at", "the workshop is closed");
  auto refused = app_.Complete(Staff("sa-li"), id, booked, "req-1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "appointment_at");
  EXPECT_TRUE(store_.done.empty());
  booker_.refusal.reset();
  auto done = app_.Complete(Staff("sa-li"), id, booked, "req-1");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->appointment_id, "apt-1");
  ASSERT_EQ(booker_.booked.size(), 1u);
  EXPECT_EQ(booker_.booked[0].vehicle_id, "veh-1");
  EXPECT_EQ(booker_.booked[0].answered_reminder_id, "rem-wb-1");
  EXPECT_EQ(booker_.booked[0].scheduled_at, booked.appointment_at);
  EXPECT_FALSE(booker_.booked[0].request_id.empty());
}

TEST_F(CallTasksAppTest, LateTasksAreEscalatedToTheStoreManagerOnce) {
  const std::string id = Opened(WinBack());
  clock_.Set(At("2026-11-22T18:00:00+08:00"));
  EXPECT_EQ(app_.EscalateOverdue(), 0);  // due now: not late yet
  clock_.Set(At("2026-11-22T18:00:01+08:00"));
  EXPECT_EQ(app_.EscalateOverdue(), 1);
  EXPECT_EQ(app_.EscalateOverdue(), 0);
  EXPECT_EQ(store_.tasks.at(id).escalated_to, "manager-chen");
  EXPECT_TRUE(store_.tasks.at(id).late);
  auto done = app_.Complete(Staff("sa-li"), id, {domain::CallOutcome::kReached}, "req-1");
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(done->late);
  auto report = app_.Report(Staff("manager-chen", auth::Role::kManager), "S001", "2026-11");
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->lines.size(), 1u);
  EXPECT_EQ(report->lines[0].late, 1);
  EXPECT_EQ(report->lines[0].done_on_time, 0);
  EXPECT_EQ(app_.Report(Staff("x"), "S001", "11/2026").error().field, "month");
}

TEST_F(CallTasksAppTest, AFaceToFaceTaskBecomesDueOnTheVisitDay) {
  TaskOrder face = WinBack();
  face.channel = domain::TaskChannel::kFaceToFace;
  face.message_id = domain::MessageIdFor("rem-wb-1", 1, "face");
  const std::string id = Opened(face);
  EXPECT_EQ(store_.tasks.at(id).due_at, Instant{});
  EXPECT_EQ(app_.OnVisit("cus-1", {2026, 11, 21}), 0);  // recorded after the fact: waits for the next
  EXPECT_EQ(app_.OnVisit("cus-1", {2026, 11, 22}), 1);
  EXPECT_EQ(store_.tasks.at(id).due_at, At("2026-11-22T18:00:00+08:00"));
  EXPECT_EQ(app_.OnVisit("cus-1", {2026, 11, 22}), 0);  // a replayed visit
}

TEST_F(CallTasksAppTest, DispatchOpensACallTaskInsteadOfAnSmsForTheCallTaskPlan) {
  FakeMessageLedger ledger;
  FakeCauseCheck causes;
  FakeSmsSender sms;
  DispatchApp dispatch(ledger, directory_, causes, sms, clock_, stores_, domain::DefaultTemplates(), {});
  dispatch.UseTaskDesk(app_);
  domain::SendRequest request{"rem-wb-9", 1, domain::CareKind::kWinBack, "cus-1", "S001", "veh-1"};
  request.channel_plan_id = std::string(domain::kCallTaskPlan);
  EXPECT_EQ(dispatch.Process(request).value(), Outcome::kTaskOpened);
  EXPECT_EQ(dispatch.Process(request).value(), Outcome::kTaskOpened);  // a replay: the same task
  EXPECT_TRUE(sms.sent.empty());
  ASSERT_EQ(store_.tasks.size(), 1u);
  EXPECT_EQ(store_.tasks.begin()->second.message_id, domain::MessageIdFor("rem-wb-9", 1, "call"));
  request.customer_id = "cus-unknown";
  request.cause_id = "rem-wb-10";
  EXPECT_EQ(dispatch.Process(request).value(), Outcome::kSuppressed);
}

}  // namespace
}  // namespace careloop::dispatch::app
