#include "tools/careloopctl/case_view.h"

#include "services/surveys/adapters/case_mapping.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace sv1 = careloop::survey::v1;
namespace sa = surveys::adapters;

template <class Table>
std::string WordOf(const Table& table, int value) {
  const auto domain = table.FromProto(value);
  const auto word = domain ? table.ToWord(*domain) : std::nullopt;
  return word ? std::string(*word) : "-";
}

std::string OrDash(const std::string& text) {
  return text.empty() ? std::string("-") : text;
}

std::string SeverityText(const sv1::ComplaintCase& complaint) {
  return complaint.severity() == careloop::common::v1::COMPLAINT_SEVERITY_MAJOR ? "重大投诉" : "抱怨";
}

std::string StatusText(const sv1::ComplaintCase& complaint) {
  switch (complaint.status()) {
    case sv1::CASE_STATUS_OPEN: return "待处理";
    case sv1::CASE_STATUS_IN_PROGRESS: return "处理中";
    case sv1::CASE_STATUS_RESOLVED: return "已解决 (" + WordOf(sa::kCaseResolutions, complaint.resolution()) + ")";
    default: return "-";
  }
}

std::string OwnerText(const sv1::ComplaintCase& complaint) {
  return complaint.escalated_from().empty() ? complaint.owner()
                                            : complaint.owner() + "←" + complaint.escalated_from() + " (已升级)";
}

// The GREAT-FUN step as the staff say it.
std::string StepLabel(sv1::HandlingStep step) {
  switch (step) {
    case sv1::HANDLING_STEP_GET_FACTS: return "了解事实";
    case sv1::HANDLING_STEP_TAKE_RESPONSIBILITY: return "承担责任";
    case sv1::HANDLING_STEP_EMPATHISE: return "表示理解";
    case sv1::HANDLING_STEP_AGREE_SOLUTION: return "商定方案";
    case sv1::HANDLING_STEP_THANK_CUSTOMER: return "感谢客户";
    case sv1::HANDLING_STEP_FOLLOW_UP: return "跟进回访";
    default: return "";
  }
}

std::string StepsDone(const sv1::ComplaintCase& complaint) {
  std::vector<std::string> words;
  for (const auto& step : complaint.steps()) {
    words.push_back(WordOf(sa::kHandlingSteps, step.step()));
  }
  return words.empty() ? "-" : JoinWords(words, ",");
}

}  // namespace

std::string CasesTable(const std::vector<sv1::ComplaintCase>& cases) {
  Table table({"ID", "截止", "客户", "严重程度", "状态", "负责人", "来源", "已做步骤"});
  for (const auto& complaint : cases) {
    table.AddRow({complaint.case_id(), FormatLocal(complaint.deadline_at(), complaint.has_deadline_at()),
                  complaint.customer_id(), SeverityText(complaint), StatusText(complaint), OwnerText(complaint),
                  WordOf(sa::kCaseSources, complaint.source()), StepsDone(complaint)});
  }
  return table.Render();
}

std::string CaseFields(const sv1::ComplaintCase& complaint) {
  std::vector<std::string> items;
  for (int item : complaint.items()) {
    items.push_back(ShortEnumName(sv1::SurveyItem_Name(static_cast<sv1::SurveyItem>(item)), "SURVEY_ITEM_"));
  }
  std::string out = RenderFields({
      {"编号", complaint.case_id()},
      {"门店", complaint.store_id()},
      {"客户", complaint.customer_id()},
      {"车辆", OrDash(complaint.vehicle_id())},
      {"来源", WordOf(sa::kCaseSources, complaint.source())},
      {"回访问卷", OrDash(complaint.survey_id())},
      {"涉及顾问", OrDash(complaint.advisor())},
      {"不满意项", items.empty() ? "-" : JoinWords(items, ",")},
      {"严重程度", SeverityText(complaint)},
      {"状态", StatusText(complaint)},
      {"负责人", OwnerText(complaint)},
      {"受理时间", FormatLocal(complaint.opened_at(), complaint.has_opened_at())},
      {"处理时限", FormatLocal(complaint.deadline_at(), complaint.has_deadline_at())},
      {"升级时间", FormatLocal(complaint.escalated_at(), complaint.has_escalated_at())},
      {"解决时间", FormatLocal(complaint.resolved_at(), complaint.has_resolved_at())},
      {"摘要", OrDash(complaint.summary())},
      {"处理结果说明", OrDash(complaint.resolution_note())},
  });
  if (complaint.steps_size() > 0) {
    Table steps({"步骤", "处理人", "时间", "备注"});
    for (const auto& step : complaint.steps()) {
      steps.AddRow({StepLabel(step.step()) + " " + WordOf(sa::kHandlingSteps, step.step()), step.staff_id(),
                    FormatLocal(step.done_at(), step.has_done_at()), OrDash(step.note())});
    }
    out += steps.Render();
  }
  return out;
}

}  // namespace careloop::ctl
