#include "tools/careloopctl/task_view.h"

#include <iomanip>
#include <sstream>

#include "services/dispatch/adapters/call_task_mapping.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;

std::string OrDashText(const std::string& text) {
  return text.empty() ? std::string("-") : text;
}

std::string StatusWord(dv1::CallTaskStatus status) {
  const auto domain = dispatch::adapters::kTaskStatuses.FromProto(status);
  const auto word = domain ? dispatch::adapters::kTaskStatuses.ToWord(*domain) : std::nullopt;
  return word ? std::string(*word) : "-";
}

std::string OutcomeWord(dv1::CallOutcome outcome) {
  const auto domain = dispatch::adapters::kCallOutcomes.FromProto(outcome);
  const auto word = domain ? dispatch::adapters::kCallOutcomes.ToWord(*domain) : std::nullopt;
  return word ? std::string(*word) : "-";
}

std::string LateText(const dv1::CallTask& task) {
  if (!task.late()) {
    return "-";
  }
  return task.escalated_to().empty() ? "是" : "是→" + task.escalated_to();
}

std::string DueText(const dv1::CallTask& task) {
  return task.has_due_at() ? FormatLocal(task.due_at(), true) : "下次到店";
}

std::string Customer(const dv1::CallTask& task) {
  return task.customer_name().empty() ? task.customer_id() : task.customer_name() + " (" + task.customer_id() + ")";
}

std::string Percent(int part, int whole) {
  if (whole == 0) {
    return "-";
  }
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << 100.0 * part / whole << "%";
  return out.str();
}

}  // namespace

std::vector<std::string> CallOutcomeWords() {
  return dispatch::adapters::kCallOutcomes.Words();
}

std::string CallTasksTable(const std::vector<dv1::CallTask>& tasks) {
  Table table({"ID", "到期", "客户", "车辆", "原因", "负责人", "状态", "超时"});
  for (const auto& task : tasks) {
    std::string status = StatusWord(task.status());
    if (task.status() == dv1::CALL_TASK_STATUS_COMPLETED) {
      status += " (" + OutcomeWord(task.outcome()) + ")";
    }
    table.AddRow({task.call_task_id(), DueText(task), Customer(task), OrDashText(task.vehicle_label()),
                  OrDashText(task.reason()), task.assignee(), status, LateText(task)});
  }
  return table.Render();
}

std::string CallTaskScripts(const std::vector<dv1::CallTask>& tasks) {
  std::string out;
  for (const auto& task : tasks) {
    if (task.status() == dv1::CALL_TASK_STATUS_OPEN && !task.script().empty()) {
      out += task.call_task_id() + " 话术: " + task.script() + "\n";
    }
  }
  return out;
}

std::string CallTaskFields(const dv1::CallTask& task) {
  std::string out = CallTasksTable({task});
  if (!task.notes().empty()) {
    out += "备注: " + task.notes() + "\n";
  }
  if (!task.appointment_id().empty()) {
    out += "预约: " + task.appointment_id() + "\n";
  }
  if (task.has_callback_at()) {
    out += "回电: " + FormatLocal(task.callback_at(), true) + "\n";
  }
  if (task.status() == dv1::CALL_TASK_STATUS_OPEN && !task.script().empty()) {
    out += "话术: " + task.script() + "\n";
  }
  return out;
}

std::string FollowUpReportTable(const dv1::GetFollowUpReportResponse& report) {
  Table table({"员工", "任务", "按时完成", "超时", "未完成", "按时率"});
  const auto add = [&](const std::string& who, const dv1::FollowUpLine& line) {
    table.AddRow({who, std::to_string(line.tasks()), std::to_string(line.done_on_time()), std::to_string(line.late()),
                  std::to_string(line.open()), Percent(line.done_on_time(), line.tasks())});
  };
  for (const auto& line : report.lines()) {
    add(line.staff_id(), line);
  }
  add("合计", report.total());
  return "回访跟进 " + report.store_id() + " " + report.month() + "\n" + table.Render();
}

}  // namespace careloop::ctl
