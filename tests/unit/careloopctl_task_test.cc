// `careloopctl task list|complete` and `report follow-up`: the outcome words and the tables.
#include <gtest/gtest.h>

#include "common/events/proto_event.h"
#include "tools/careloopctl/task_view.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;

dv1::CallTask Task() {
  dv1::CallTask task;
  task.set_call_task_id("ct-msg-1");
  task.set_customer_id("cus-1");
  task.set_customer_name("王小明");
  task.set_vehicle_label("京A12345（星途瑶光）");
  task.set_reason("车辆较长时间未回店保养（准流失）");
  task.set_assignee("sa-li");
  task.set_status(dv1::CALL_TASK_STATUS_OPEN);
  *task.mutable_due_at() = events::ToTimestamp(*ParseRfc3339("2026-11-22T18:00:00+08:00"));
  task.set_script("您好，我是星途汽车朝阳店的服务顾问，请问是王先生吗？");
  return task;
}

TEST(CallTaskOutcomeWords, AreTheCompletionOutcomes) {
  EXPECT_EQ(CallOutcomeWords(), (std::vector<std::string>{"reached", "appointment_booked", "no_answer", "callback",
                                                          "wrong_number", "declined", "complaint"}));
}

TEST(CallTasksTable, DueCustomerCarReasonAssigneeStatusLate) {
  dv1::CallTask late = Task();
  late.set_call_task_id("ct-msg-2");
  late.set_late(true);
  late.set_escalated_to("manager-chen");
  dv1::CallTask face = Task();
  face.set_call_task_id("ct-msg-3");
  face.clear_due_at();
  face.set_status(dv1::CALL_TASK_STATUS_COMPLETED);
  face.set_outcome(dv1::CALL_OUTCOME_COMPLAINT);
  const std::string table = CallTasksTable({Task(), late, face});
  EXPECT_NE(table.find("到期"), std::string::npos) << table;
  EXPECT_NE(table.find("2026-11-22 18:00"), std::string::npos) << table;
  EXPECT_NE(table.find("王小明 (cus-1)"), std::string::npos) << table;
  EXPECT_NE(table.find("京A12345（星途瑶光）"), std::string::npos) << table;
  EXPECT_NE(table.find("准流失"), std::string::npos) << table;
  EXPECT_NE(table.find("是→manager-chen"), std::string::npos) << table;
  EXPECT_NE(table.find("下次到店"), std::string::npos) << table;
  EXPECT_NE(table.find("completed (complaint)"), std::string::npos) << table;
}

TEST(CallTaskFields, AnOpenTaskShowsItsScript) {
  EXPECT_NE(CallTaskFields(Task()).find("话术: 您好"), std::string::npos);
  dv1::CallTask done = Task();
  done.set_status(dv1::CALL_TASK_STATUS_COMPLETED);
  done.set_outcome(dv1::CALL_OUTCOME_APPOINTMENT_BOOKED);
  done.set_appointment_id("apt-9");
  const std::string fields = CallTaskFields(done);
  EXPECT_EQ(fields.find("话术"), std::string::npos) << fields;
  EXPECT_NE(fields.find("预约: apt-9"), std::string::npos) << fields;
}

TEST(CallTaskScripts, OneLinePerOpenTaskUnderTheList) {
  dv1::CallTask done = Task();
  done.set_call_task_id("ct-msg-2");
  done.set_status(dv1::CALL_TASK_STATUS_COMPLETED);
  const std::string scripts = CallTaskScripts({Task(), done});
  EXPECT_NE(scripts.find(Task().call_task_id() + " 话术: 您好"), std::string::npos) << scripts;
  EXPECT_EQ(scripts.find("ct-msg-2"), std::string::npos) << scripts;
  EXPECT_EQ(CallTaskScripts({done}), "");
}

TEST(FollowUpReportTable, PerPersonAndTheTotalWithTheOnTimeShare) {
  dv1::GetFollowUpReportResponse report;
  report.set_store_id("S001");
  report.set_month("2026-11");
  auto* li = report.add_lines();
  li->set_staff_id("sa-li");
  li->set_tasks(4);
  li->set_done_on_time(3);
  li->set_late(1);
  report.mutable_total()->set_tasks(4);
  report.mutable_total()->set_done_on_time(3);
  report.mutable_total()->set_late(1);
  const std::string table = FollowUpReportTable(report);
  EXPECT_NE(table.find("回访跟进 S001 2026-11"), std::string::npos) << table;
  EXPECT_NE(table.find("sa-li"), std::string::npos) << table;
  EXPECT_NE(table.find("75.0%"), std::string::npos) << table;
  EXPECT_NE(table.find("合计"), std::string::npos) << table;
}

}  // namespace
}  // namespace careloop::ctl
