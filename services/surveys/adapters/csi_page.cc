#include "services/surveys/adapters/csi_page.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "common/base/text.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/csi_labels.h"

namespace careloop::surveys::adapters {
namespace {

namespace pb = careloop::survey::v1;

std::string Fixed(double value, int digits = 1) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string Percent(double share) {
  return Fixed(share * 100) + "%";
}

std::string MonthLabel(domain::CsiMonth month) {
  return std::to_string(month.year) + "年" + std::to_string(month.month) + "月";
}

// Fill colour of a 1-10 score: green when customers are completely satisfied, red when not.
const char* ScoreColour(double score) {
  if (score >= 9) {
    return "#2e7d32";
  }
  if (score >= 8) {
    return "#81c784";
  }
  if (score >= 7) {
    return "#fff176";
  }
  if (score >= 6) {
    return "#ffb74d";
  }
  return "#e53935";
}

const char* TextColour(double score) {
  return score >= 9 || score < 6 ? "#fff" : "#222";
}

const pb::CsiRow* TotalRow(const pb::GetCsiReportResponse& response) {
  return response.rows().empty() ? nullptr : &response.rows(0);
}

// When the figures were computed, in the stores' own time ("2027-02-01 10:00"), or in UTC when
// the report spans stores of several zones.
std::string ComputedAt(const pb::GetCsiReportResponse& report) {
  const Instant at = events::FromTimestamp(report.computed_at());
  const bool local = !report.time_zone().empty();
  const TimeZone zone(local ? report.time_zone() : "UTC");
  return zone.DateAt(at).ToString() + " " + zone.TimeOfDayAt(at).ToString() + (local ? "" : " (UTC)");
}

void Card(std::ostringstream& html, const char* figure, const char* label, const std::string& value,
          const std::string& note = "") {
  html << "<div class=\"card\" data-figure=\"" << figure << "\"><div class=\"label\">" << label
       << "</div><div class=\"value\">" << HtmlEscape(value) << "</div>";
  if (!note.empty()) {
    html << "<div class=\"note\">" << HtmlEscape(note) << "</div>";
  }
  html << "</div>\n";
}

void Summary(std::ostringstream& html, const CsiPageData& data) {
  const pb::CsiRow* total = TotalRow(data.totals);
  const pb::CsiRow empty;
  const pb::CsiRow& row = total != nullptr ? *total : empty;
  html << "<section id=\"summary\"><h2>本月概况</h2><div class=\"cards\">\n";
  Card(html, "csi", "CSI 平均分", row.response_count() > 0 ? Fixed(row.average_score()) : "无数据", "满分 10 分");
  Card(html, "responses", "回复数", std::to_string(row.response_count()),
       "发出 " + std::to_string(data.totals.issued_count()) + " 份");
  Card(html, "response_rate", "回复率", row.has_response_rate() ? Percent(row.response_rate()) : "不适用");
  Card(html, "nps", "NPS 净推荐值", row.has_nps() ? Fixed(row.nps()) : "无数据",
       "推荐者 " + std::to_string(row.promoter_count()) + " / 贬损者 " + std::to_string(row.detractor_count()) +
           " / 作答 " + std::to_string(row.recommend_count()));
  Card(html, "dissatisfied", "不满意回复", std::to_string(row.dissatisfied_count()));
  Card(html, "cases", "投诉数", std::to_string(row.case_count()));
  Card(html, "median_hours", "解决时长中位数",
       row.has_median_hours_to_resolve() ? Fixed(row.median_hours_to_resolve()) + " 小时" : "无数据");
  Card(html, "p90_hours", "解决时长 P90",
       row.has_p90_hours_to_resolve() ? Fixed(row.p90_hours_to_resolve()) + " 小时" : "无数据");
  Card(html, "within_sla", "按时解决占比",
       row.has_resolved_within_sla_share() ? Percent(row.resolved_within_sla_share()) : "不适用");
  html << "</div></section>\n";
}

void Trend(std::ostringstream& html, const CsiPageData& data) {
  std::map<domain::CsiMonth, const pb::CsiRow*> by_month;
  for (const auto& row : data.trend.rows()) {
    by_month[{row.month().year(), row.month().month()}] = &row;
  }
  // A narrow drawing scaled to the page: its text stays readable on a phone.
  constexpr int kWidth = 480;
  constexpr int kTop = 20;
  constexpr int kPlot = 180;  // height of 10 points
  constexpr int kLeft = 30;
  constexpr int kStep = (kWidth - kLeft) / 12;
  html << "<section id=\"trend\"><h2>近 12 个月 CSI 趋势</h2>\n"
       << "<svg class=\"chart\" viewBox=\"0 0 " << kWidth << " 250\" role=\"img\" aria-label=\"近12个月CSI平均分\">\n";
  for (int score = 0; score <= 10; score += 2) {
    const int y = kTop + kPlot - score * kPlot / 10;
    html << "<line x1=\"" << kLeft << "\" x2=\"" << kWidth << "\" y1=\"" << y << "\" y2=\"" << y
         << "\" stroke=\"#ddd\"/><text x=\"" << kLeft - 6 << "\" y=\"" << y + 4
         << "\" text-anchor=\"end\" class=\"axis\">" << score << "</text>\n";
  }
  std::string points;
  for (int i = 0; i < 12; ++i) {
    const domain::CsiMonth month = data.month.Plus(i - 11);
    const int x = kLeft + i * kStep + kStep / 2;
    html << "<text x=\"" << x << "\" y=\"" << kTop + kPlot + 18 << "\" text-anchor=\"middle\" class=\"axis\">"
         << month.month << "月</text>\n";
    const auto found = by_month.find(month);
    if (found == by_month.end() || found->second->response_count() == 0) {
      html << "<text x=\"" << x << "\" y=\"" << kTop + kPlot - 6
           << "\" text-anchor=\"middle\" class=\"none\" data-month=\"" << month.ToString()
           << "\" data-csi=\"\">无</text>\n";
      continue;
    }
    const double score = found->second->average_score();
    const int height = static_cast<int>(score * kPlot / 10);
    const int y = kTop + kPlot - height;
    html << "<rect class=\"bar\" x=\"" << x - kStep / 3 << "\" y=\"" << y << "\" width=\"" << 2 * (kStep / 3)
         << "\" height=\"" << height << "\" fill=\"" << ScoreColour(score) << "\" data-month=\"" << month.ToString()
         << "\" data-csi=\"" << Fixed(score) << "\" data-responses=\"" << found->second->response_count()
         << "\"><title>" << MonthLabel(month) << " CSI " << Fixed(score) << "（" << found->second->response_count()
         << " 份回复）</title></rect>\n"
         << "<text x=\"" << x << "\" y=\"" << y - 4 << "\" text-anchor=\"middle\" class=\"value\">" << Fixed(score)
         << "</text>\n";
    points += std::to_string(x) + "," + std::to_string(y) + " ";
  }
  if (!points.empty()) {
    html << "<polyline points=\"" << points << "\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\"/>\n";
  }
  html << "</svg></section>\n";
}

void HeatMap(std::ostringstream& html, const CsiPageData& data) {
  std::set<int> items;
  std::set<std::string> advisors;
  std::map<std::pair<std::string, int>, const pb::CsiRow*> cells;
  for (const auto& row : data.heat.rows()) {
    if (row.response_count() == 0) {
      continue;
    }
    items.insert(row.item());
    advisors.insert(row.advisor());
    cells[{row.advisor(), row.item()}] = &row;
  }
  html << "<section id=\"heatmap\"><h2>顾问 × 项目 得分热力图</h2>\n";
  if (cells.empty()) {
    html << "<p class=\"empty\">本月没有项目得分。</p></section>\n";
    return;
  }
  constexpr int kLabel = 120;
  constexpr int kHeader = 120;
  constexpr int kCellW = 52;
  constexpr int kCellH = 30;
  const int width = kLabel + static_cast<int>(items.size()) * kCellW + 80;  // room for the last slanted label
  const int height = kHeader + static_cast<int>(advisors.size()) * kCellH + 10;
  // Drawn at its natural size where there is room, shrunk to fit a phone down to 60% (then it scrolls).
  html << "<div class=\"scroll\"><svg class=\"heat\" style=\"max-width:" << width << "px;min-width:" << width * 6 / 10
       << "px\" viewBox=\"0 0 " << width << " " << height << "\" role=\"img\" aria-label=\"顾问与项目的平均得分\">\n";
  int column = 0;
  for (const int item : items) {
    const int x = kLabel + column++ * kCellW + kCellW / 2;
    html << "<text class=\"axis\" transform=\"translate(" << x << "," << kHeader - 6
         << ") rotate(-45)\" data-item-label=\"" << item << "\">"
         << HtmlEscape(ItemLabel(static_cast<pb::SurveyItem>(item))) << "</text>\n";
  }
  int line = 0;
  for (const auto& advisor : advisors) {
    const int y = kHeader + line++ * kCellH;
    html << "<text class=\"axis\" x=\"" << kLabel - 8 << "\" y=\"" << y + kCellH / 2 + 4
         << "\" text-anchor=\"end\" data-advisor-label=\"" << HtmlEscape(advisor) << "\">"
         << HtmlEscape(advisor.empty() ? "（未指定）" : advisor) << "</text>\n";
    column = 0;
    for (const int item : items) {
      const int x = kLabel + column++ * kCellW;
      const auto found = cells.find({advisor, item});
      if (found == cells.end()) {
        html << "<rect x=\"" << x + 1 << "\" y=\"" << y + 1 << "\" width=\"" << kCellW - 2 << "\" height=\""
             << kCellH - 2 << "\" fill=\"#f3f3f3\"/>\n";
        continue;
      }
      const double score = found->second->average_score();
      html << "<rect class=\"cell\" x=\"" << x + 1 << "\" y=\"" << y + 1 << "\" width=\"" << kCellW - 2
           << "\" height=\"" << kCellH - 2 << "\" fill=\"" << ScoreColour(score) << "\" data-advisor=\""
           << HtmlEscape(advisor) << "\" data-item=\"" << item << "\" data-score=\"" << Fixed(score)
           << "\" data-count=\"" << found->second->response_count() << "\"><title>" << HtmlEscape(advisor) << " · "
           << HtmlEscape(ItemLabel(static_cast<pb::SurveyItem>(item))) << "：" << Fixed(score) << "（"
           << found->second->response_count() << " 个评分）</title></rect>\n"
           << "<text x=\"" << x + kCellW / 2 << "\" y=\"" << y + kCellH / 2 + 5
           << "\" text-anchor=\"middle\" class=\"cellvalue\" fill=\"" << TextColour(score) << "\">" << Fixed(score)
           << "</text>\n";
    }
  }
  html << "</svg></div></section>\n";
}

void Funnel(std::ostringstream& html, const CsiPageData& data) {
  const pb::CsiRow* total = TotalRow(data.totals);
  const pb::CsiRow empty;
  const pb::CsiRow& row = total != nullptr ? *total : empty;
  const std::pair<const char*, const char*> kStages[] = {
      {"opened", "已开立"}, {"in_progress", "已处理"}, {"within_sla", "按时解决"}, {"satisfied", "客户满意"}};
  const int64_t counts[] = {row.case_count(), row.case_in_progress_count(), row.case_resolved_within_sla_count(),
                            row.case_customer_satisfied_count()};
  constexpr int kWidth = 480;
  constexpr int kLabel = 80;
  constexpr int kBar = 36;
  html << "<section id=\"funnel\"><h2>投诉处理漏斗</h2>\n<svg class=\"chart\" viewBox=\"0 0 " << kWidth << " "
       << 4 * (kBar + 12) + 10 << "\" role=\"img\" aria-label=\"投诉处理漏斗\">\n";
  const double base = static_cast<double>(std::max<int64_t>(counts[0], 1));
  for (int i = 0; i < 4; ++i) {
    const int y = 5 + i * (kBar + 12);
    const int full = kWidth - kLabel - 110;
    const int width = std::max(2, static_cast<int>(full * static_cast<double>(counts[i]) / base));
    const int x = kLabel + (full - width) / 2;
    html << "<text x=\"" << kLabel - 10 << "\" y=\"" << y + kBar / 2 + 5 << "\" text-anchor=\"end\" class=\"axis\">"
         << kStages[i].second << "</text>\n"
         << "<rect class=\"stage\" x=\"" << x << "\" y=\"" << y << "\" width=\"" << width << "\" height=\"" << kBar
         << "\" fill=\"" << (i == 3 ? "#2e7d32" : "#1565c0") << "\" opacity=\"" << Fixed(1.0 - i * 0.15, 2)
         << "\" data-stage=\"" << kStages[i].first << "\" data-count=\"" << counts[i] << "\"/>\n"
         << "<text x=\"" << kWidth - 104 << "\" y=\"" << y + kBar / 2 + 5 << "\" class=\"value\">" << counts[i]
         << (i > 0 && counts[0] > 0 ? "（" + Percent(static_cast<double>(counts[i]) / base) + "）" : "") << "</text>\n";
  }
  html << "</svg></section>\n";
}

void Advisors(std::ostringstream& html, const CsiPageData& data) {
  html << "<section id=\"advisors\"><h2>顾问 / 销售顾问</h2>\n<div class=\"scroll\"><table>\n"
       << "<thead><tr><th>顾问</th><th>发出</th><th>回复</th><th>回复率</th><th>平均分</th><th>NPS</th>"
          "<th>不满意</th><th>投诉</th></tr></thead><tbody>\n";
  for (const auto& row : data.advisors.rows()) {
    html << "<tr data-advisor=\"" << HtmlEscape(row.advisor()) << "\"><td>"
         << HtmlEscape(row.advisor().empty() ? "（未指定）" : row.advisor()) << "</td><td>" << row.issued_count()
         << "</td><td>" << row.response_count() << "</td><td>"
         << (row.has_response_rate() ? Percent(row.response_rate()) : "不适用") << "</td><td>"
         << (row.response_count() > 0 ? Fixed(row.average_score()) : "-") << "</td><td>"
         << (row.has_nps() ? Fixed(row.nps()) : "-") << "</td><td>" << row.dissatisfied_count() << "</td><td>"
         << row.case_count() << "</td></tr>\n";
  }
  if (data.advisors.rows().empty()) {
    html << "<tr><td colspan=\"8\">本月没有数据。</td></tr>\n";
  }
  html << "</tbody></table></div></section>\n";
}

void Lowest(std::ostringstream& html, const CsiPageData& data) {
  html << "<section id=\"lowest\"><h2>得分最低的项目</h2>\n<div class=\"scroll\"><table>\n"
       << "<thead><tr><th>项目</th><th>类别</th><th>评分数</th><th>平均分</th></tr></thead><tbody>\n";
  for (const auto& row : data.totals.lowest_items()) {
    html << "<tr data-item=\"" << static_cast<int>(row.item()) << "\"><td>" << HtmlEscape(ItemLabel(row.item()))
         << "</td><td>" << HtmlEscape(CategoryLabel(row.category())) << "</td><td>" << row.response_count()
         << "</td><td>" << Fixed(row.average_score()) << "</td></tr>\n";
  }
  if (data.totals.lowest_items().empty()) {
    html << "<tr><td colspan=\"4\">本月没有项目得分。</td></tr>\n";
  }
  html << "</tbody></table></div></section>\n";
}

pb::GetCsiReportRequest RequestOf(const std::string& store_id, domain::CsiMonth first, domain::CsiMonth last) {
  pb::GetCsiReportRequest request;
  request.add_store_ids(store_id);
  *request.mutable_period()->mutable_start_date() = events::ToProto(first.FirstDay());
  *request.mutable_period()->mutable_end_date() = events::ToProto(last.LastDay());
  return request;
}

}  // namespace

CsiPageRequests CsiPageRequestsFor(const std::string& store_id, domain::CsiMonth month) {
  CsiPageRequests requests;
  requests.month = RequestOf(store_id, month, month);
  requests.trend = RequestOf(store_id, month.Plus(-11), month);
  requests.trend.add_group_by(pb::CSI_DIMENSION_MONTH);
  requests.advisors = RequestOf(store_id, month, month);
  requests.advisors.add_group_by(pb::CSI_DIMENSION_ADVISOR);
  requests.heat = RequestOf(store_id, month, month);
  requests.heat.add_group_by(pb::CSI_DIMENSION_ADVISOR);
  requests.heat.add_group_by(pb::CSI_DIMENSION_ITEM);
  return requests;
}

std::string RenderCsiPage(const CsiPageData& data) {
  std::ostringstream html;
  const std::string store = data.store_name.empty() ? data.store_id : data.store_name + "（" + data.store_id + "）";
  html << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<link rel=\"icon\" href=\"data:,\">\n"
       << "<meta http-equiv=\"Content-Security-Policy\" content=\"" << kCsiPageMetaCsp << "\">\n"
       << "<title>客户满意度报告 " << HtmlEscape(data.store_id) << " " << MonthLabel(data.month)
       << "</title>\n<style>\n"
       << "body{font-family:\"Noto Sans CJK SC\",\"WenQuanYi Zen Hei\",sans-serif;margin:0;padding:16px;color:#222;"
          "background:#fafafa}\n"
       << "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}\n"
       << "section{background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:12px 16px;margin-bottom:16px}\n"
       << ".sub{color:#666;margin:0 0 12px}\n"
       << ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}\n"
       << ".card{border:1px solid #e0e0e0;border-radius:6px;padding:8px 10px}\n"
       << ".card .label{color:#666;font-size:13px}.card .value{font-size:24px;font-weight:bold;margin:2px 0}"
          ".card .note{color:#888;font-size:12px}\n"
       << "svg.chart{width:100%;max-width:720px;height:auto;display:block}svg.heat{width:100%;height:auto;display:"
          "block}\n"
       << ".scroll{overflow-x:auto}\n"
       << "svg text{font-size:14px}svg .axis{fill:#555}svg .value{fill:#222;font-weight:bold}"
          "svg .none{fill:#aaa}svg .cellvalue{font-size:12px}\n"
       << "table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid #eee;"
          "padding:6px 8px;text-align:left;white-space:nowrap}th{background:#f5f5f5}\n"
       // On a phone the tables get compact, and the name column stays in view while the figures scroll.
       << "th:first-child,td:first-child{position:sticky;left:0;background:#fff}th:first-child{background:#f5f5f5}\n"
       << "@media (max-width:600px){body{padding:8px}section{padding:10px}table{font-size:13px}"
          "th,td{padding:5px 6px}}\n"
       << "footer{color:#777;font-size:12px;line-height:1.6}\n"
       << "</style>\n</head>\n<body>\n"
       << "<header><h1>客户满意度（CSI）报告</h1><p class=\"sub\">门店 " << HtmlEscape(store) << " · "
       << MonthLabel(data.month) << " · 计算于 " << HtmlEscape(ComputedAt(data.totals)) << "</p></header>\n";
  Summary(html, data);
  Trend(html, data);
  HeatMap(html, data);
  Funnel(html, data);
  Advisors(html, data);
  Lowest(html, data);
  html << "<footer><p>CSI 平均分：本月每份回复各项得分平均值的平均（1–10 分）。回复率：本月回复数 ÷ 本月发出的问卷数。"
          "NPS：回答“是否愿意推荐”的客户中，9–10 分（推荐者）占比减去 0–6 分（贬损者）占比。"
          "投诉按开立月份统计；解决时长为开立到解决的小时数，P90 为最近秩 90% 分位；按时解决占比为按期限解决数 ÷ "
          "已解决数。"
          "漏斗“已处理”指已记录处理步骤或已解决的投诉。</p></footer>\n"
       << "</body>\n</html>\n";
  return html.str();
}

}  // namespace careloop::surveys::adapters
