// The call task rules (services/dispatch/domain/call_task.h): who is asked, the script, the
// due time and its boundaries, lateness and escalation, which completions are valid, the report.
#include <gtest/gtest.h>

#include "services/dispatch/domain/call_task.h"

namespace careloop::dispatch::domain {
namespace {

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

Contact Wang() {
  Contact contact;
  contact.customer_id = "cus-1";
  contact.store_id = "S001";
  contact.name = "王小明";
  contact.gender = 1;
  contact.plates["veh-1"] = "京A12345";
  contact.models["veh-1"] = "星途瑶光";
  contact.advisors["veh-1"] = "sa-li";
  contact.owner_staff_id = "owner-zhao";
  return contact;
}

CallTask OpenTask(Instant due) {
  CallTask task;
  task.task_id = "ct-1";
  task.store_id = "S001";
  task.assignee = "sa-li";
  task.due_at = due;
  task.created_at = due - Millis{3'600'000};
  return task;
}

TEST(CallTaskAssignee, TheCarsAdvisorThenTheRecordsOwnerThenTheCareDesk) {
  Contact contact = Wang();
  EXPECT_EQ(ChooseAssignee(contact, "veh-1", "desk"), "sa-li");
  EXPECT_EQ(ChooseAssignee(contact, "veh-2", "desk"), "owner-zhao");  // another car: no advisor of its own
  contact.advisors["veh-1"] = "";
  EXPECT_EQ(ChooseAssignee(contact, "veh-1", "desk"), "owner-zhao");
  contact.owner_staff_id.clear();
  EXPECT_EQ(ChooseAssignee(contact, "veh-1", "desk"), "desk");
  EXPECT_EQ(ChooseAssignee(contact, "", "desk"), "desk");
}

TEST(CallTaskAssignee, ThePlanStepsPreferenceAndANamedOwnerDecide) {
  const Contact contact = Wang();
  EXPECT_EQ(ChooseAssignee(contact, "veh-1", "desk", StepAssignee::kAssignedAdvisor, ""), "sa-li");
  EXPECT_EQ(ChooseAssignee(contact, "veh-1", "desk", StepAssignee::kCareCentre, ""), "desk");
  EXPECT_EQ(ChooseAssignee(contact, "veh-1", "desk", StepAssignee::kSalesConsultant, ""), "owner-zhao");
  EXPECT_EQ(ChooseAssignee(contact, "veh-1", "desk", StepAssignee::kCaseOwner, "manager-wang"), "manager-wang");
  // A case step without its owner falls back to the usual chain rather than to nobody.
  EXPECT_EQ(ChooseAssignee(contact, "veh-1", "desk", StepAssignee::kCaseOwner, ""), "sa-li");
  Contact no_owner = Wang();
  no_owner.owner_staff_id.clear();
  EXPECT_EQ(ChooseAssignee(no_owner, "veh-1", "desk", StepAssignee::kSalesConsultant, ""), "sa-li");
}

TEST(CallTaskScript, ACaseFollowUpIsTheOwnersCallAboutTheComplaint) {
  const std::string script =
      CallScript(CareKind::kCaseFollowUp, TaskChannel::kPhoneCall, Wang(), "veh-1", "星途汽车朝阳店", "投诉跟进");
  EXPECT_NE(script.find("客户服务负责人"), std::string::npos) << script;
  EXPECT_EQ(script.find("服务顾问"), std::string::npos) << script;
  EXPECT_NE(script.find("处理进展"), std::string::npos) << script;
}

TEST(CallTaskScript, WinBackNamesTheStoreTheCustomerAndTheCar) {
  const std::string script =
      CallScript(CareKind::kWinBack, TaskChannel::kPhoneCall, Wang(), "veh-1", "星途汽车朝阳店", "准流失");
  EXPECT_EQ(script.rfind("您好，我是星途汽车朝阳店的服务顾问，请问是王先生吗？", 0), 0u) << script;
  EXPECT_NE(script.find("京A12345（星途瑶光）"), std::string::npos) << script;
  EXPECT_NE(script.find("没有回店保养"), std::string::npos) << script;
}

TEST(CallTaskScript, NoShowFollowUpAndFaceToFaceAndAWoman) {
  Contact contact = Wang();
  contact.name = "李娜";
  contact.gender = 2;
  const std::string no_show =
      CallScript(CareKind::kAppointmentNoShow, TaskChannel::kPhoneCall, contact, "veh-1", "星途汽车朝阳店", "");
  EXPECT_NE(no_show.find("李女士"), std::string::npos) << no_show;
  EXPECT_NE(no_show.find("预约"), std::string::npos) << no_show;
  const std::string face =
      CallScript(CareKind::kWinBack, TaskChannel::kFaceToFace, contact, "veh-1", "星途汽车朝阳店", "");
  EXPECT_EQ(face.rfind("李女士您好，我是星途汽车朝阳店的服务顾问。", 0), 0u) << face;
  const std::string other = CallScript(CareKind::kInsuranceRenewal, TaskChannel::kPhoneCall, contact, "veh-1",
                                       "星途汽车朝阳店", "保险即将到期");
  EXPECT_NE(other.find("保险即将到期"), std::string::npos) << other;
}

TEST(CallTaskDue, EndOfTheWorkingDayOrTheNextWhenTooLittleIsLeft) {
  const TimeZone zone("Asia/Shanghai");
  const TimeOfDay end{18 * 60};
  EXPECT_EQ(CallDueAt(At("2026-11-22T09:00:00+08:00"), zone, end), At("2026-11-22T18:00:00+08:00"));
  // Exactly two hours before the end: still today.
  EXPECT_EQ(CallDueAt(At("2026-11-22T16:00:00+08:00"), zone, end), At("2026-11-22T18:00:00+08:00"));
  // A minute later, or after work: the next day's end.
  EXPECT_EQ(CallDueAt(At("2026-11-22T16:01:00+08:00"), zone, end), At("2026-11-23T18:00:00+08:00"));
  EXPECT_EQ(CallDueAt(At("2026-11-22T22:30:00+08:00"), zone, end), At("2026-11-23T18:00:00+08:00"));
  EXPECT_EQ(VisitDueAt({2026, 12, 1}, zone, end), At("2026-12-01T18:00:00+08:00"));
}

TEST(CallTaskLateness, OverdueOnlyAfterTheDueMomentAndEscalatedOnce) {
  const Instant due = At("2026-11-22T18:00:00+08:00");
  CallTask task = OpenTask(due);
  EXPECT_FALSE(IsOverdue(task, due));
  EXPECT_FALSE(Escalate(task, "manager-chen", due));
  EXPECT_TRUE(IsOverdue(task, due + Millis{1}));
  ASSERT_TRUE(Escalate(task, "manager-chen", due + Millis{1}));
  EXPECT_TRUE(task.late);
  EXPECT_EQ(task.escalated_to, "manager-chen");
  EXPECT_FALSE(Escalate(task, "manager-chen", due + Millis{2}));  // once
  CallTask undated = OpenTask(Instant{});
  EXPECT_FALSE(IsOverdue(undated, due));  // face-to-face before the visit
}

TEST(CallTaskCompletion, OutcomesAndWhatEachNeeds) {
  const Instant due = At("2026-11-22T18:00:00+08:00");
  const Instant now = due - Millis{60'000};
  const CallTask task = OpenTask(due);
  EXPECT_EQ(ValidateCompletion(task, {}, now).error().field, "outcome");
  EXPECT_TRUE(ValidateCompletion(task, {CallOutcome::kReached, "ok"}, now).ok());
  Completion booked{CallOutcome::kAppointmentBooked};
  EXPECT_EQ(ValidateCompletion(task, booked, now).error().field, "appointment_at");
  booked.appointment_at = now - Millis{1};
  EXPECT_EQ(ValidateCompletion(task, booked, now).error().field, "appointment_at");  // in the past
  booked.appointment_at = now + Millis{86'400'000};
  EXPECT_TRUE(ValidateCompletion(task, booked, now).ok());
  Completion reached_with_time{CallOutcome::kReached};
  reached_with_time.appointment_at = now + Millis{1000};
  EXPECT_EQ(ValidateCompletion(task, reached_with_time, now).error().field, "appointment_at");
  EXPECT_EQ(ValidateCompletion(task, {CallOutcome::kComplaint}, now).error().field, "notes");
  EXPECT_TRUE(ValidateCompletion(task, {CallOutcome::kComplaint, "维修后异响未解决"}, now).ok());
  Completion callback{CallOutcome::kNoAnswer};
  callback.callback_at = now + Millis{1000};
  EXPECT_EQ(ValidateCompletion(task, callback, now).error().field, "callback_at");
  CallTask done = task;
  Complete(done, {CallOutcome::kReached}, now);
  const auto again = ValidateCompletion(done, {CallOutcome::kReached}, now);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.error().field, "call_task_id");
}

TEST(CallTaskCompletion, LateWhenCompletedAfterDue) {
  const Instant due = At("2026-11-22T18:00:00+08:00");
  CallTask on_time = OpenTask(due);
  Complete(on_time, {CallOutcome::kReached}, due);
  EXPECT_FALSE(on_time.late);
  CallTask late = OpenTask(due);
  Complete(late, {CallOutcome::kNoAnswer}, due + Millis{1});
  EXPECT_TRUE(late.late);
  EXPECT_EQ(late.status, TaskStatus::kCompleted);
}

TEST(CallTaskOutcome, WordsRoundTripAndUnknownIsRefused) {
  for (const auto outcome :
       {CallOutcome::kReached, CallOutcome::kAppointmentBooked, CallOutcome::kNoAnswer, CallOutcome::kCallbackRequested,
        CallOutcome::kWrongNumber, CallOutcome::kDeclined, CallOutcome::kComplaint}) {
    EXPECT_EQ(ParseCallOutcome(CallOutcomeName(outcome)), outcome);
  }
  EXPECT_FALSE(ParseCallOutcome("maybe"));
  EXPECT_FALSE(Reached(CallOutcome::kNoAnswer));
  EXPECT_FALSE(Reached(CallOutcome::kWrongNumber));
  EXPECT_TRUE(Reached(CallOutcome::kComplaint));
}

TEST(CallTaskLedger, TheTasksMessageFollowsItsState) {
  CallTask task = OpenTask(At("2026-11-22T18:00:00+08:00"));
  task.message_id = "msg-call";
  EXPECT_EQ(TaskMessage(task).status, MessageStatus::kSent);
  EXPECT_EQ(TaskMessage(task).channel, "call");
  EXPECT_EQ(TaskMessage(task).call_task_id, "ct-1");
  Complete(task, {CallOutcome::kWrongNumber}, task.due_at);
  EXPECT_EQ(TaskMessage(task).status, MessageStatus::kFailed);
  task.outcome = CallOutcome::kReached;
  EXPECT_EQ(TaskMessage(task).status, MessageStatus::kDelivered);
}

TEST(FollowUpReport, PerPersonTasksDoneOnTimeAndLate) {
  const TimeZone zone("Asia/Shanghai");
  const Instant due = At("2026-11-20T18:00:00+08:00");
  CallTask on_time = OpenTask(due);
  Complete(on_time, {CallOutcome::kReached}, due - Millis{1});
  CallTask late = OpenTask(due);
  late.task_id = "ct-2";
  Complete(late, {CallOutcome::kReached}, due + Millis{1});
  CallTask overdue = OpenTask(due);
  overdue.task_id = "ct-3";
  overdue.assignee = "sa-wu";
  CallTask next_month = OpenTask(At("2026-12-01T18:00:00+08:00"));
  next_month.task_id = "ct-4";
  CallTask other_store = OpenTask(due);
  other_store.store_id = "S002";
  const FollowUpReport report = BuildFollowUpReport(
      "S001", {2026, 11, 1}, {on_time, late, overdue, next_month, other_store}, zone, At("2026-11-25T09:00:00+08:00"));
  EXPECT_EQ(report.month, "2026-11");
  ASSERT_EQ(report.lines.size(), 2u);
  EXPECT_EQ(report.lines[0].staff_id, "sa-li");
  EXPECT_EQ(report.lines[0].tasks, 2);
  EXPECT_EQ(report.lines[0].done_on_time, 1);
  EXPECT_EQ(report.lines[0].late, 1);
  EXPECT_EQ(report.lines[1].staff_id, "sa-wu");
  EXPECT_EQ(report.lines[1].late, 1);
  EXPECT_EQ(report.lines[1].open, 1);
  EXPECT_EQ(report.total.tasks, 3);
  EXPECT_EQ(ParseMonth("2026-13").error().field, "month");
  EXPECT_EQ(ParseMonth("202611").error().field, "month");
  EXPECT_EQ(ParseMonth("2026-11").value(), (Date{2026, 11, 1}));
}

}  // namespace
}  // namespace careloop::dispatch::domain
