// `careloopctl report loyalty|churn`: the period asked for (a trend without --month ends with the
// current month), the loyal-customer share shown beside its base or as not applicable, notes on
// rebuilt months, and --json for scripts.
#include <gtest/gtest.h>

#include <string>

#include "common/events/proto_event.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/report_view.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ReportPeriod, MonthsWithoutAMonthAskForTheMonthsUpToTheCurrentOne) {
  cv1::GetChurnReportRequest trend;
  SetReportPeriod({{"S001"}, "", 3}, trend);
  EXPECT_EQ(trend.months(), 3);
  EXPECT_FALSE(trend.has_period());
  ASSERT_EQ(trend.store_ids_size(), 1);

  cv1::GetLoyaltyReportRequest current;
  SetReportPeriod({{}, "", 1}, current);
  EXPECT_EQ(current.months(), 0);
  EXPECT_FALSE(current.has_period());

  cv1::GetChurnReportRequest ending;
  SetReportPeriod({{}, "2026-10", 3}, ending);
  EXPECT_EQ(ending.months(), 0);
  EXPECT_EQ(events::FromProto(ending.period().start_date()), (Date{2026, 8, 1}));
  EXPECT_EQ(events::FromProto(ending.period().end_date()), (Date{2026, 10, 31}));

  cv1::GetChurnReportRequest bad;
  EXPECT_THROW(SetReportPeriod({{}, "2026/10", 1}, bad), UsageError);
  EXPECT_THROW(SetReportPeriod({{}, "", 0}, bad), UsageError);
  EXPECT_THROW(SetReportPeriod({{}, "", 37}, bad), UsageError);
}

cv1::LoyaltyReportRow Row(const std::string& month, int64_t customers, int64_t base, int64_t loyal,
                          cv1::FigureSource source) {
  cv1::LoyaltyReportRow row;
  row.set_store_id("S001");
  row.set_month(month);
  row.set_customer_count(customers);
  row.set_active_count(customers);
  row.set_loyalty_base_count(base);
  row.set_loyal_count(loyal);
  row.set_settling_months(12);
  if (base > 0) {
    row.set_loyal_share_of_base(static_cast<double>(loyal) / base);
  }
  row.set_source(source);
  return row;
}

TEST(LoyaltyReportView, ShowsTheShareBesideItsBaseOrSaysItIsNotApplicable) {
  cv1::GetLoyaltyReportResponse young;
  *young.add_rows() = Row("2026-11", 3, 0, 0, cv1::FIGURE_SOURCE_LIVE);
  const std::string text = RenderLoyaltyReport(young);
  EXPECT_TRUE(Contains(text, "n/a")) << text;
  EXPECT_FALSE(Contains(text, "100.0%")) << text;
  EXPECT_FALSE(Contains(text, "0.0%")) << text;
  EXPECT_TRUE(Contains(text, "S001 2026-11  忠诚客户占比 不适用（基数 0：尚无交车满12个月的保有客户）")) << text;
  EXPECT_TRUE(Contains(text, "live")) << text;

  cv1::GetLoyaltyReportResponse held;
  *held.add_rows() = Row("2026-11", 40, 25, 10, cv1::FIGURE_SOURCE_LIVE);
  EXPECT_TRUE(Contains(RenderLoyaltyReport(held), "忠诚客户占比 40.0%（基数 25 位保有客户，交车满12个月）"))
      << RenderLoyaltyReport(held);
}

TEST(LoyaltyReportView, SaysWhichMonthsWereRebuiltAndWhichHaveNoDataYet) {
  cv1::GetLoyaltyReportResponse response;
  for (const char* month : {"2026-08", "2026-09"}) {
    auto* row = response.add_rows();
    *row = Row(month, 0, 0, 0, cv1::FIGURE_SOURCE_RECONSTRUCTED);
    *row->mutable_records_since() = events::ToProto(Date{2026, 9, 5});
  }
  *response.add_rows() = Row("2026-10", 1, 0, 0, cv1::FIGURE_SOURCE_SNAPSHOT);
  const std::string text = RenderLoyaltyReport(response);
  EXPECT_TRUE(Contains(text, "reconstructed: S001 2026-08..2026-09 were not counted as the month ended")) << text;
  EXPECT_TRUE(Contains(text, "no data before 2026-09-05 (S001's earliest delivery on record): 2026-08 count zero"))
      << text;
  EXPECT_TRUE(Contains(text, "snapshot")) << text;

  cv1::GetChurnReportResponse churn;
  for (const char* month : {"2026-01", "2026-02", "2026-03", "2026-05", "2026-06"}) {
    for (auto stage : {cv1::CHURN_STAGE_ACTIVE, cv1::CHURN_STAGE_LOST}) {
      auto* row = churn.add_rows();
      row->set_store_id("S002");
      row->set_month(month);
      row->set_churn_stage(stage);
      row->set_source(cv1::FIGURE_SOURCE_RECONSTRUCTED);
    }
  }
  const std::string churn_text = RenderChurnReport(churn);
  EXPECT_TRUE(Contains(churn_text, "reconstructed: S002 2026-01..2026-03, 2026-05..2026-06 were not counted"))
      << churn_text;
  EXPECT_TRUE(Contains(churn_text, "no data: S002 has no car on record; 2026-01..2026-03, 2026-05..2026-06 count zero"))
      << churn_text;
}

TEST(ReportJson, CountsAreNumbersZerosAndEmptyListsPresentUnsetDatesAndShareNull) {
  cv1::GetLoyaltyReportResponse response;
  *response.add_rows() = Row("2026-11", 0, 0, 0, cv1::FIGURE_SOURCE_LIVE);
  const Json json = LoyaltyReportJson(response);
  const Json& row = json.at("rows").at(0);
  EXPECT_TRUE(row.at("customer_count").is_number_integer()) << row.dump();
  EXPECT_EQ(row.at("customer_count"), 0);
  EXPECT_EQ(row.at("loyalty_base_count"), 0);
  EXPECT_EQ(row.at("referral_purchase_count"), 0);
  EXPECT_EQ(row.at("settling_months"), 12);
  EXPECT_TRUE(row.at("criteria").is_array() && row.at("criteria").empty()) << row.dump();
  EXPECT_TRUE(row.at("loyal_share_of_base").is_null()) << row.dump();
  EXPECT_TRUE(row.at("records_since").is_null()) << row.dump();
  EXPECT_FALSE(row.contains("loyal_share")) << "the deprecated share reads 0 % for not applicable";
  EXPECT_EQ(row.at("source"), "FIGURE_SOURCE_LIVE");

  cv1::GetLoyaltyReportResponse held;
  *held.add_rows() = Row("2026-11", 40, 25, 10, cv1::FIGURE_SOURCE_LIVE);
  EXPECT_DOUBLE_EQ(LoyaltyReportJson(held).at("rows").at(0).at("loyal_share_of_base").get<double>(), 0.4);

  cv1::GetChurnReportResponse churn;
  auto* stage = churn.add_rows();
  stage->set_store_id("S001");
  stage->set_month("2026-11");
  stage->set_churn_stage(cv1::CHURN_STAGE_LOST);
  const Json churn_json = ChurnReportJson(churn);
  const Json& churn_row = churn_json.at("rows").at(0);
  EXPECT_EQ(churn_row.at("customer_count"), 0);
  EXPECT_EQ(churn_row.at("entered_count"), 0);
  EXPECT_EQ(churn_row.at("won_back_count"), 0);
  EXPECT_TRUE(churn_row.at("reasons").is_array() && churn_row.at("reasons").empty()) << churn_row.dump();
  EXPECT_TRUE(churn_json.at("rows").is_array());
  cv1::GetChurnReportResponse nothing;
  EXPECT_TRUE(ChurnReportJson(nothing).at("rows").is_array() && ChurnReportJson(nothing).at("rows").empty());
}

}  // namespace
}  // namespace careloop::ctl
