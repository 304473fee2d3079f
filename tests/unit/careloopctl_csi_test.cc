// `report csi`'s request and table (tools/careloopctl/csi_view.h) and the report page it writes
// (services/surveys/adapters/csi_page.h): periods, labels, figures that do not apply, escaping.
#include <gtest/gtest.h>

#include "common/events/proto_event.h"
#include "services/surveys/adapters/csi_page.h"
#include "tools/careloopctl/csi_view.h"
#include "tools/careloopctl/errors.h"

namespace careloop::ctl {
namespace {

namespace sv1 = careloop::survey::v1;

TEST(CsiReportViewTest, TheRequestCoversTheWholeMonthAndItsGrouping) {
  const auto request = CsiReportRequest("S001", "2027-02", CsiBy::kAdvisor, "service_visit");
  ASSERT_EQ(request.store_ids_size(), 1);
  EXPECT_EQ(request.period().start_date().day(), 1);
  EXPECT_EQ(request.period().end_date().month(), 2);
  EXPECT_EQ(request.period().end_date().day(), 28);
  ASSERT_EQ(request.group_by_size(), 1);
  EXPECT_EQ(request.group_by(0), sv1::CSI_DIMENSION_ADVISOR);
  EXPECT_EQ(request.kind(), sv1::SURVEY_KIND_SERVICE_VISIT);
  EXPECT_EQ(CsiReportRequest("S001", "2027-02", CsiBy::kTotal, "").group_by_size(), 0);
  EXPECT_THROW((void)CsiReportRequest("S001", "2027-2", CsiBy::kTotal, ""), UsageError);
}

TEST(CsiReportViewTest, TheTableSaysWhatDoesNotApplyAndNamesTheLowestItemsInChinese) {
  sv1::GetCsiReportResponse response;
  sv1::CsiRow* row = response.add_rows();
  row->set_response_count(2);
  row->set_average_score(7.25);
  row->set_case_count(1);
  sv1::CsiRow* lowest = response.add_lowest_items();
  lowest->set_item(sv1::SURVEY_ITEM_SERVICE_FAULT_FIXED);
  lowest->set_category(sv1::SURVEY_CATEGORY_REPAIR_QUALITY);
  lowest->set_response_count(2);
  lowest->set_average_score(4);
  const std::string table = RenderCsiReport(response, CsiBy::kTotal);
  EXPECT_NE(table.find("回复率"), std::string::npos) << table;
  EXPECT_NE(table.find("不适用"), std::string::npos) << table;  // nothing issued: no response rate
  EXPECT_NE(table.find("7.2"), std::string::npos) << table;
  EXPECT_NE(table.find("一次修复"), std::string::npos) << table;
  EXPECT_NE(table.find("维修质量"), std::string::npos) << table;
  EXPECT_NE(RenderCsiReport({}, CsiBy::kItem).find("本月没有项目得分"), std::string::npos);
}

TEST(CsiPageTest, AnEmptyMonthRendersAndDataIsEscaped) {
  surveys::adapters::CsiPageData data;
  data.store_id = "S<1>";
  data.month = {2027, 1};
  std::string html = surveys::adapters::RenderCsiPage(data);
  EXPECT_NE(html.find("无数据"), std::string::npos);
  EXPECT_NE(html.find("S&lt;1&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http:"), std::string::npos);  // nothing fetched from anywhere
  EXPECT_EQ(html.find("https:"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);

  sv1::CsiRow* cell = data.heat.add_rows();
  cell->set_advisor("\"><script>alert(1)</script>");
  cell->set_item(sv1::SURVEY_ITEM_SERVICE_LOUNGE);
  cell->set_response_count(1);
  cell->set_average_score(3);
  html = surveys::adapters::RenderCsiPage(data);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("休息室舒适"), std::string::npos);
  // Twelve months in the trend, the last one the report's month.
  EXPECT_NE(html.find("data-month=\"2026-02\""), std::string::npos);
  EXPECT_NE(html.find("data-month=\"2027-01\""), std::string::npos);
  EXPECT_EQ(html.find("data-month=\"2026-01\""), std::string::npos);
}

TEST(CsiPageTest, TheComputedTimeIsTheStoresOwnClock) {
  surveys::adapters::CsiPageData data;
  data.store_id = "S001";
  data.month = {2027, 1};
  *data.totals.mutable_computed_at() = events::ToTimestamp(*ParseRfc3339("2027-02-01T02:00:00Z"));
  data.totals.set_time_zone("Asia/Shanghai");
  std::string html = surveys::adapters::RenderCsiPage(data);
  EXPECT_NE(html.find("计算于 2027-02-01 10:00<"), std::string::npos) << html.substr(0, 2000);
  EXPECT_EQ(html.find("T02:00:00"), std::string::npos);
  data.totals.clear_time_zone();  // stores of several zones: UTC, said so
  html = surveys::adapters::RenderCsiPage(data);
  EXPECT_NE(html.find("计算于 2027-02-01 02:00 (UTC)<"), std::string::npos);
}

}  // namespace
}  // namespace careloop::ctl
