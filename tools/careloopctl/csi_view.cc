#include "tools/careloopctl/csi_view.h"

#include <cstdio>
#include <sstream>

#include "common/events/proto_event.h"
#include "services/surveys/adapters/csi_labels.h"
#include "services/surveys/adapters/enum_tables.h"
#include "services/surveys/domain/csi_figures.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace sv1 = careloop::survey::v1;

std::string Fixed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string Percent(bool present, double share) {
  return present ? Fixed(share * 100) + "%" : "不适用";
}

std::string Hours(bool present, double hours) {
  return present ? Fixed(hours) : "-";
}

std::string Average(const sv1::CsiRow& row) {
  return row.response_count() > 0 ? Fixed(row.average_score()) : "-";
}

}  // namespace

sv1::GetCsiReportRequest CsiReportRequest(const std::string& store, const std::string& month, CsiBy by,
                                          const std::string& kind) {
  const auto parsed = surveys::domain::CsiMonth::Parse(month);
  if (!parsed) {
    throw UsageError("--month is YYYY-MM, e.g. 2027-01; got " + month);
  }
  sv1::GetCsiReportRequest request;
  request.add_store_ids(store);
  *request.mutable_period()->mutable_start_date() = events::ToProto(parsed->FirstDay());
  *request.mutable_period()->mutable_end_date() = events::ToProto(parsed->LastDay());
  if (by == CsiBy::kAdvisor) {
    request.add_group_by(sv1::CSI_DIMENSION_ADVISOR);
  } else if (by == CsiBy::kItem) {
    request.add_group_by(sv1::CSI_DIMENSION_ITEM);
  }
  if (!kind.empty()) {
    request.set_kind(ProtoOfWord(surveys::adapters::kSurveyKinds, kind));
  }
  return request;
}

std::string RenderCsiReport(const sv1::GetCsiReportResponse& response, CsiBy by) {
  std::ostringstream out;
  if (by == CsiBy::kItem) {
    Table table({"项目", "类别", "评分数", "平均分", "9-10分占比"});
    for (const auto& row : response.rows()) {
      table.AddRow({surveys::adapters::ItemLabel(row.item()), surveys::adapters::CategoryLabel(row.category()),
                    std::to_string(row.response_count()), Average(row),
                    Percent(row.response_count() > 0, row.satisfied_share())});
    }
    out << (response.rows().empty() ? "(本月没有项目得分)\n" : table.Render());
    return out.str();
  }
  Table table(by == CsiBy::kAdvisor
                  ? std::vector<std::string>{"顾问", "发出", "回复", "回复率", "CSI", "NPS", "不满意", "投诉", "已解决",
                                             "按时解决", "解决中位数(小时)", "解决P90(小时)"}
                  : std::vector<std::string>{"发出", "回复", "过期", "回复率", "CSI", "NPS", "不满意", "投诉", "已解决",
                                             "按时解决", "解决中位数(小时)", "解决P90(小时)"});
  for (const auto& row : response.rows()) {
    std::vector<std::string> cells;
    if (by == CsiBy::kAdvisor) {
      cells.push_back(row.advisor().empty() ? "(未指定)" : row.advisor());
    }
    cells.push_back(std::to_string(row.issued_count()));
    cells.push_back(std::to_string(row.response_count()));
    if (by == CsiBy::kTotal) {
      cells.push_back(std::to_string(response.expired_count()));
    }
    cells.push_back(Percent(row.has_response_rate(), row.response_rate()));
    cells.push_back(Average(row));
    cells.push_back(row.has_nps() ? Fixed(row.nps()) : "-");
    cells.push_back(std::to_string(row.dissatisfied_count()));
    cells.push_back(std::to_string(row.case_count()));
    cells.push_back(std::to_string(row.case_resolved_count()));
    cells.push_back(Percent(row.has_resolved_within_sla_share(), row.resolved_within_sla_share()));
    cells.push_back(Hours(row.has_median_hours_to_resolve(), row.median_hours_to_resolve()));
    cells.push_back(Hours(row.has_p90_hours_to_resolve(), row.p90_hours_to_resolve()));
    table.AddRow(cells);
  }
  out << (response.rows().empty() ? "(本月没有问卷或投诉)\n" : table.Render());
  if (by == CsiBy::kTotal && !response.lowest_items().empty()) {
    Table lowest({"得分最低的项目", "类别", "评分数", "平均分"});
    for (const auto& row : response.lowest_items()) {
      lowest.AddRow({surveys::adapters::ItemLabel(row.item()), surveys::adapters::CategoryLabel(row.category()),
                     std::to_string(row.response_count()), Fixed(row.average_score())});
    }
    out << '\n' << lowest.Render();
  }
  out << "CSI: 回复的平均分（1-10）；回复率 = 回复 ÷ 发出；NPS = 推荐者(9-10)% − 贬损者(0-6)%；投诉按开立月份计。\n";
  return out.str();
}

Json CsiReportJson(const sv1::GetCsiReportResponse& response) {
  return ToJson(response);
}

}  // namespace careloop::ctl
