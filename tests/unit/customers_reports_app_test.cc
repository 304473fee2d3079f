// The managers' reports over the shared in-memory fakes (tests/fakes/customers_fakes.h) and a
// manual clock: past months without a snapshot are rebuilt from the records instead of refused,
// a trend without --month ends with the current month, a clock jump leaves every month-end it
// passed with its snapshot, and a store holding nobody past the settling-in period has no
// loyal-customer share.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/customers/app/customers_app.h"
#include "services/customers/domain/validation.h"
#include "tests/fakes/customers_fakes.h"

namespace careloop::customers::app {
namespace {

using auth::Principal;
using auth::Role;
using domain::FigureSource;
using domain::Month;

Principal Staff(Role role, const std::string& store = "S001") {
  return Principal{"staff-" + store, role, {store}, false};
}

class ReportsAppTest : public ::testing::Test {
 protected:
  ReportsAppTest()
      : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车天津河西店", "星途汽车河西店", "Asia/Shanghai", "022-85556666"}}),
        app_(store_.ports(), clock_, stores_) {
    store_.records.now = clock_.Now();
  }

  // A customer of `store` with one car delivered on `delivered`; listed where the fake search
  // finds the store's customers. Returns the customer id.
  std::string Owner(const std::string& mobile, Date delivered, const std::string& store = "S001") {
    auto customer = app_.CreateCustomer(Staff(Role::kAdvisor, store), {store, "客户" + mobile.substr(7), mobile}, "");
    EXPECT_TRUE(customer.ok()) << (customer.ok() ? "" : customer.error().ToString());
    static int serial = 0;
    std::string vin = "LVVDB11B0RD" + std::to_string(200000 + ++serial);
    vin[8] = domain::VinCheckDigit(vin);
    domain::NewVehicle car;
    car.vin = vin;
    car.plate = "京R" + std::to_string(10000 + serial);
    car.model = "星途瑶光";
    car.delivery_date = delivered;
    auto vehicle = app_.AddVehicle(Staff(Role::kAdvisor, store), customer->customer_id, car);
    EXPECT_TRUE(vehicle.ok()) << (vehicle.ok() ? "" : vehicle.error().ToString());
    auto& ids = store_.search.ids[store];
    ids.push_back(customer->customer_id);
    std::sort(ids.begin(), ids.end());
    return customer->customer_id;
  }

  void SetClock(const char* rfc3339) {
    clock_.Set(*ParseRfc3339(rfc3339));
    store_.records.now = clock_.Now();
  }

  testing::FakeCustomerStore store_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  CustomersApp app_;
};

TEST_F(ReportsAppTest, APastMonthWithoutASnapshotIsRebuiltFromTheRecordsNotRefused) {
  Owner("13900001001", {2025, 3, 10});
  Owner("13900001002", {2026, 9, 5});
  // A fresh stack: the service never took a snapshot. August to October are rebuilt.
  auto figures = app_.Figures(Staff(Role::kManager), {"S001"}, std::pair{Month{2026, 8}, Month{2026, 10}});
  ASSERT_TRUE(figures.ok()) << figures.error().ToString();
  ASSERT_EQ(figures->size(), 3u);
  for (const auto& month : figures.value()) {
    EXPECT_EQ(month.source, FigureSource::kReconstructed) << month.month.ToString();
    EXPECT_EQ(month.figures.records_since, (Date{2025, 3, 10}));
  }
  EXPECT_EQ(figures->at(0).figures.customers, 1);  // the September car was not delivered yet
  EXPECT_EQ(figures->at(1).figures.customers, 2);
  // 31 October: the March 2025 car's owner never came back (19 months: lost), the other is new.
  EXPECT_EQ(figures->at(2).figures.churn.at(domain::ChurnStage::kLost), 1);
  EXPECT_EQ(figures->at(2).figures.churn.at(domain::ChurnStage::kActive), 1);
  // The month-end job then takes October's snapshot (the fake search counts 2 for every figure);
  // from then on October reads from it.
  store_.search.totals["S001"] = 2;
  EXPECT_EQ(app_.SnapshotDue(), 2);
  auto october = app_.Figures(Staff(Role::kManager), {"S001"}, std::pair{Month{2026, 10}, Month{2026, 11}});
  ASSERT_TRUE(october.ok());
  EXPECT_EQ(october->at(0).source, FigureSource::kSnapshot);
  EXPECT_EQ(october->at(1).source, FigureSource::kLive);
  // The future is still refused, naming the period.
  EXPECT_EQ(app_.Figures(Staff(Role::kManager), {"S001"}, std::pair{Month{2026, 11}, Month{2026, 12}}).error().field,
            "period");
}

TEST_F(ReportsAppTest, ASnapshotOfAnEmptyStoreGivesWayToTheHistoryImportedAfterIt) {
  // The stack starts empty: October's snapshot finds nobody.
  EXPECT_EQ(app_.SnapshotDue(), 2);
  ASSERT_TRUE(store_.reports.snapshots.contains("S001/2026-10"));
  // Then the clerk imports last year's deliveries.
  Owner("13900001041", {2025, 11, 3});
  auto october = app_.Figures(Staff(Role::kManager), {"S001"}, std::pair{Month{2026, 10}, Month{2026, 10}});
  ASSERT_TRUE(october.ok());
  EXPECT_EQ(october->at(0).source, FigureSource::kReconstructed);
  EXPECT_EQ(october->at(0).figures.customers, 1);
}

TEST_F(ReportsAppTest, MonthsWithoutAPeriodEndWithTheCurrentMonth) {
  Owner("13900001011", {2026, 6, 1});
  auto trend = app_.Figures(Staff(Role::kManager), {"S001"}, std::nullopt, 3);
  ASSERT_TRUE(trend.ok()) << trend.error().ToString();
  ASSERT_EQ(trend->size(), 3u);
  EXPECT_EQ(trend->at(0).month, (Month{2026, 9}));
  EXPECT_EQ(trend->at(1).month, (Month{2026, 10}));
  EXPECT_EQ(trend->at(2).month, (Month{2026, 11}));
  EXPECT_EQ(trend->at(2).source, FigureSource::kLive);
  for (int months : {0, 37}) {
    auto refused = app_.Figures(Staff(Role::kManager), {"S001"}, std::nullopt, months);
    ASSERT_FALSE(refused.ok()) << months;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().field, "months");
  }
}

TEST_F(ReportsAppTest, AClockJumpOfAYearFillsEveryMonthEndItPassed) {
  Owner("13900001021", {2026, 9, 5});
  EXPECT_EQ(app_.SnapshotDue(), 2);  // October, for each store
  SetClock("2027-11-22T10:00:00+08:00");
  EXPECT_EQ(app_.SnapshotDue(), 2 * 12);  // November 2026 to October 2027, for each store
  EXPECT_EQ(app_.SnapshotDue(), 0);
  EXPECT_EQ(store_.reports.last["S001"], "2027-10");
  for (Month month{2026, 11}; month <= Month{2027, 10}; month = month.Next()) {
    ASSERT_TRUE(store_.reports.snapshots.contains("S001/" + month.ToString())) << month.ToString();
    ASSERT_TRUE(store_.reports.snapshots.contains("S002/" + month.ToString())) << month.ToString();
  }
  // Each as of its own month's end: the car of 5 September 2026, never seen since, is six months
  // old on 5 March 2027 — at risk from March, entered in March.
  auto year = app_.Figures(Staff(Role::kManager), {"S001"}, std::pair{Month{2026, 11}, Month{2027, 10}});
  ASSERT_TRUE(year.ok()) << year.error().ToString();
  ASSERT_EQ(year->size(), 12u);
  for (const auto& month : year.value()) {
    EXPECT_EQ(month.source, FigureSource::kReconstructed) << month.month.ToString();
    EXPECT_EQ(month.figures.customers, 1) << month.month.ToString();
  }
  EXPECT_EQ(year->at(3).month, (Month{2027, 2}));
  EXPECT_EQ(year->at(3).figures.churn.at(domain::ChurnStage::kActive), 1);
  EXPECT_EQ(year->at(4).figures.churn.at(domain::ChurnStage::kAtRisk), 1);
  EXPECT_EQ(year->at(4).figures.entered.at(domain::ChurnStage::kAtRisk), 1);
  // Held 12 months on 30 September 2027: from then on, the customer is the loyalty base.
  EXPECT_EQ(year->at(9).figures.loyalty_base, 0);
  EXPECT_EQ(year->at(10).figures.loyalty_base, 1);
  EXPECT_EQ(year->at(10).figures.loyal, 0);  // lost by then (12 months without a visit), not high value
  ASSERT_TRUE(year->at(10).figures.loyal_share().has_value());
  EXPECT_DOUBLE_EQ(*year->at(10).figures.loyal_share(), 0.0);
}

TEST_F(ReportsAppTest, ANewStoreHasNoLoyalShareUntilSomeoneIsHeldPastTheSettlingInPeriod) {
  Owner("13900001031", {2026, 6, 1}, "S002");
  Owner("13900001032", {2026, 7, 1}, "S002");
  auto october = app_.Figures(Staff(Role::kManager, "S002"), {"S002"}, std::pair{Month{2026, 10}, Month{2026, 10}});
  ASSERT_TRUE(october.ok()) << october.error().ToString();
  const auto& young = october->at(0).figures;
  EXPECT_EQ(young.customers, 2);
  EXPECT_EQ(young.active, 2);  // what the old share read as 100 %
  EXPECT_EQ(young.settling_months, 12);
  EXPECT_EQ(young.loyalty_base, 0);
  EXPECT_FALSE(young.loyal_share().has_value());

  // The settling-in period is a store rule: three months for S002 puts both in the base.
  domain::ReportRules rules;
  rules.settling_months_by_store = {{"S002", 3}};
  CustomersApp quick(store_.ports(), clock_, stores_, {}, rules);
  auto ruled = quick.Figures(Staff(Role::kManager, "S002"), {"S002"}, std::pair{Month{2026, 10}, Month{2026, 10}});
  ASSERT_TRUE(ruled.ok());
  EXPECT_EQ(ruled->at(0).figures.settling_months, 3);
  EXPECT_EQ(ruled->at(0).figures.loyalty_base, 2);
  EXPECT_EQ(ruled->at(0).figures.loyal, 2);
}

}  // namespace
}  // namespace careloop::customers::app
