// The managers' reports over gRPC against a real redis-server: a month rebuilt from the records
// reads as the snapshot the store's search takes at its end, a fresh stack answers for the months
// before it ran, a clock jump leaves every month it passed with a snapshot, and a new store's
// loyal-customer share is "not applicable" with its base beside it.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "common/events/proto_event.h"
#include "services/customers/adapters/redis_keys.h"
#include "services/customers/domain/reports.h"
#include "services/customers/domain/validation.h"
#include "tests/integration/customers_fixture.h"

namespace careloop {
namespace {

namespace pb = careloop::customer::v1;
constexpr int kDb = 14;

using customers::domain::Month;
using testing::Shanghai;

class CustomersReportsTest : public testing::CustomersServerFixture {
 protected:
  CustomersReportsTest() : CustomersServerFixture(kDb) {}

  // A customer of `store` with one car delivered on `delivery` and regular maintenance visits on
  // `visits`; returns the customer id.
  std::string Owner(const std::string& mobile, Date delivery, std::vector<Date> visits = {},
                    const std::string& store = "S001") {
    pb::CreateCustomerRequest create;
    create.set_store_id(store);
    create.set_name("客户" + mobile.substr(7));
    create.set_mobile(mobile);
    pb::CreateCustomerResponse created;
    EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::CreateCustomer, create, &created).ok());
    pb::AddVehicleRequest car;
    car.set_customer_id(created.customer().customer_id());
    static int serial = 0;
    std::string vin = "LVVDB11B0RD" + std::to_string(300000 + ++serial);
    vin[8] = customers::domain::VinCheckDigit(vin);
    car.set_vin(vin);
    car.set_plate("浙C" + std::to_string(10000 + serial));
    car.set_model("瑶光");
    *car.mutable_delivery_date() = events::ToProto(delivery);
    pb::AddVehicleResponse added;
    const grpc::Status status = Call("admin", &pb::CustomersService::Stub::AddVehicle, car, &added);
    EXPECT_TRUE(status.ok()) << status.error_message();
    int odometer = 1000;
    for (const Date& day : visits) {
      pb::RecordServiceVisitRequest visit;
      visit.set_customer_id(created.customer().customer_id());
      visit.set_vehicle_id(added.vehicle().vehicle_id());
      *visit.mutable_visit_date() = events::ToProto(day);
      visit.set_odometer_km(odometer += 5000);
      visit.set_visit_type(pb::VISIT_TYPE_REPAIR);
      pb::RecordServiceVisitResponse recorded;
      EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::RecordServiceVisit, visit, &recorded).ok());
    }
    return created.customer().customer_id();
  }

  void Flag(const std::string& id, bool opinion_leader, bool fleet) {
    pb::SetStaffFlagsRequest flags;
    flags.set_customer_id(id);
    flags.set_opinion_leader(opinion_leader);
    flags.set_fleet_customer(fleet);
    pb::SetStaffFlagsResponse flagged;
    ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::SetStaffFlags, flags, &flagged).ok());
  }

  void Reason(const std::string& id, pb::ChurnReason reason) {
    pb::UpdateCustomerRequest update;
    update.mutable_customer()->set_customer_id(id);
    update.mutable_customer()->set_churn_reason(reason);
    update.mutable_update_mask()->add_paths("churn_reason");
    pb::UpdateCustomerResponse updated;
    ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::UpdateCustomer, update, &updated).ok());
  }

  void DrainReclassification() {
    while (app_.ReclassifyDue(100) > 0) {
    }
  }

  template <typename Request>
  static void SetMonths(Request& request, Month first, Month last) {
    *request.mutable_period()->mutable_start_date() = events::ToProto(first.FirstDay());
    *request.mutable_period()->mutable_end_date() = events::ToProto(last.LastDay());
  }

  pb::GetLoyaltyReportResponse Loyalty(const std::string& store, Month first, Month last) {
    pb::GetLoyaltyReportRequest request;
    request.add_store_ids(store);
    SetMonths(request, first, last);
    pb::GetLoyaltyReportResponse response;
    const grpc::Status status = Call("admin", &pb::CustomersService::Stub::GetLoyaltyReport, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  pb::GetChurnReportResponse Churn(const std::string& store, Month first, Month last) {
    pb::GetChurnReportRequest request;
    request.add_store_ids(store);
    SetMonths(request, first, last);
    pb::GetChurnReportResponse response;
    const grpc::Status status = Call("admin", &pb::CustomersService::Stub::GetChurnReport, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
};

TEST_F(CustomersReportsTest, AMonthRebuiltFromTheRecordsReadsAsTheSnapshotTakenAtItsEnd) {
  // 1 November: October has ended, its snapshot not taken yet.
  clock_.Set(Shanghai().At(Date{2026, 11, 1}, TimeOfDay{9 * 60}));
  // Every stage, both tiers, flags and reasons, inside and outside the loyalty base.
  const std::string lost = Owner("13900002001", {2024, 1, 5}, {{2025, 6, 1}});
  Reason(lost, pb::CHURN_REASON_PRICE);
  Flag(Owner("13900002002", {2025, 1, 5}, {{2026, 10, 20}}), true, false);
  Owner("13900002003", {2026, 8, 1});
  Flag(Owner("13900002004", {2025, 5, 1}, {{2026, 3, 1}}), false, true);
  Reason(Owner("13900002005", {2024, 6, 1}, {{2025, 12, 15}}), pb::CHURN_REASON_SERVICE);
  Owner("13900002006", {2023, 1, 1}, {{2024, 8, 1}});
  Owner("13900002007", {2026, 10, 30}, {}, "S002");
  pb::CreateCustomerRequest prospect;  // no car: nobody's customer in any month
  prospect.set_store_id("S001");
  prospect.set_name("潜在客户");
  prospect.set_mobile("13900002008");
  pb::CreateCustomerResponse created;
  ASSERT_TRUE(Call("admin", &pb::CustomersService::Stub::CreateCustomer, prospect, &created).ok());

  DrainReclassification();
  const auto rebuilt_loyalty = Loyalty("S001", {2026, 10}, {2026, 10});
  const auto rebuilt_churn = Churn("S001", {2026, 10}, {2026, 10});
  EXPECT_EQ(app_.SnapshotDue(), 2);
  const auto snapshot_loyalty = Loyalty("S001", {2026, 10}, {2026, 10});
  const auto snapshot_churn = Churn("S001", {2026, 10}, {2026, 10});

  ASSERT_EQ(rebuilt_loyalty.rows_size(), 1);
  ASSERT_EQ(snapshot_loyalty.rows_size(), 1);
  const pb::LoyaltyReportRow& r = rebuilt_loyalty.rows(0);
  const pb::LoyaltyReportRow& s = snapshot_loyalty.rows(0);
  EXPECT_EQ(r.source(), pb::FIGURE_SOURCE_RECONSTRUCTED);
  EXPECT_EQ(s.source(), pb::FIGURE_SOURCE_SNAPSHOT);
  EXPECT_EQ(events::FromProto(r.records_since()), (Date{2023, 1, 1}));
  EXPECT_FALSE(s.has_records_since());
  EXPECT_EQ(r.customer_count(), 6);
  EXPECT_EQ(r.loyalty_base_count(), 5);  // all but the car of August
  EXPECT_EQ(r.high_value_count(), 2);    // the opinion leader and the fleet customer
  EXPECT_EQ(r.loyal_count(), 2);         // the opinion leader (active) and the fleet customer
  EXPECT_NEAR(r.loyal_share_of_base(), 2.0 / 5, 1e-9);
  for (const auto& [name, rebuilt, taken] :
       {std::tuple{"customer_count", r.customer_count(), s.customer_count()},
        std::tuple{"high_value_count", r.high_value_count(), s.high_value_count()},
        std::tuple{"active_count", r.active_count(), s.active_count()},
        std::tuple{"loyal_count", r.loyal_count(), s.loyal_count()},
        std::tuple{"loyalty_base_count", r.loyalty_base_count(), s.loyalty_base_count()},
        std::tuple{"settling_months", int64_t{r.settling_months()}, int64_t{s.settling_months()}}}) {
    EXPECT_EQ(rebuilt, taken) << name;
  }
  EXPECT_EQ(r.loyal_share_of_base(), s.loyal_share_of_base());
  ASSERT_EQ(r.criteria_size(), s.criteria_size());
  for (int i = 0; i < r.criteria_size(); ++i) {
    EXPECT_EQ(r.criteria(i).customer_count(), s.criteria(i).customer_count()) << r.criteria(i).criterion();
  }

  // The churn stages and reasons as of 31 October, the same both ways.
  std::map<int, const pb::ChurnReportRow*> rebuilt_stages;
  for (const auto& row : rebuilt_churn.rows()) {
    rebuilt_stages[row.churn_stage()] = &row;
  }
  ASSERT_EQ(snapshot_churn.rows_size(), 5);
  for (const auto& row : snapshot_churn.rows()) {
    ASSERT_TRUE(rebuilt_stages.contains(row.churn_stage()));
    const pb::ChurnReportRow& other = *rebuilt_stages[row.churn_stage()];
    EXPECT_EQ(other.customer_count(), row.customer_count()) << pb::ChurnStage_Name(row.churn_stage());
    EXPECT_EQ(other.reasons_size(), row.reasons_size()) << pb::ChurnStage_Name(row.churn_stage());
    EXPECT_EQ(other.source(), pb::FIGURE_SOURCE_RECONSTRUCTED);
    EXPECT_EQ(row.source(), pb::FIGURE_SOURCE_SNAPSHOT);
  }
  EXPECT_EQ(rebuilt_stages[pb::CHURN_STAGE_ACTIVE]->customer_count(), 2);
  EXPECT_EQ(rebuilt_stages[pb::CHURN_STAGE_AT_RISK]->customer_count(), 1);
  EXPECT_EQ(rebuilt_stages[pb::CHURN_STAGE_LAPSING]->customer_count(), 1);
  EXPECT_EQ(rebuilt_stages[pb::CHURN_STAGE_LOST]->customer_count(), 1);
  EXPECT_EQ(rebuilt_stages[pb::CHURN_STAGE_LONG_LOST]->customer_count(), 1);
  // The opinion leader's visit of 20 October brought them back from "lost" (30 September).
  EXPECT_EQ(rebuilt_stages[pb::CHURN_STAGE_LOST]->won_back_count(), 1);
  EXPECT_EQ(rebuilt_stages[pb::CHURN_STAGE_ACTIVE]->entered_count(), 1);
}

TEST_F(CustomersReportsTest, AFreshStackAnswersForTheMonthsBeforeItRanAndSaysTheyAreRebuilt) {
  Owner("13900002101", {2025, 9, 1}, {{2026, 7, 1}});
  Owner("13900002102", {2026, 9, 15});
  DrainReclassification();
  EXPECT_EQ(app_.SnapshotDue(), 2);  // October: the month before the service first ran

  // `report churn --month 2026-10 --months 3`: August and September rebuilt, October snapshotted.
  const auto churn = Churn("S001", {2026, 8}, {2026, 10});
  std::map<std::string, pb::FigureSource> sources;
  std::map<std::string, int64_t> customers;
  for (const auto& row : churn.rows()) {
    sources[row.month()] = row.source();
    customers[row.month()] += row.customer_count();
  }
  EXPECT_EQ(sources, (std::map<std::string, pb::FigureSource>{{"2026-08", pb::FIGURE_SOURCE_RECONSTRUCTED},
                                                              {"2026-09", pb::FIGURE_SOURCE_RECONSTRUCTED},
                                                              {"2026-10", pb::FIGURE_SOURCE_SNAPSHOT}}));
  EXPECT_EQ(customers, (std::map<std::string, int64_t>{{"2026-08", 1}, {"2026-09", 2}, {"2026-10", 2}}));

  // A month before any delivery answers zeros, and says since when there is data.
  const auto before = Loyalty("S001", {2025, 7}, {2025, 7});
  ASSERT_EQ(before.rows_size(), 1);
  EXPECT_EQ(before.rows(0).customer_count(), 0);
  EXPECT_EQ(before.rows(0).source(), pb::FIGURE_SOURCE_RECONSTRUCTED);
  EXPECT_EQ(events::FromProto(before.rows(0).records_since()), (Date{2025, 9, 1}));
  EXPECT_FALSE(before.rows(0).has_loyal_share_of_base());

  // `--months 3` without `--month`: the three months up to this one, the period resolved.
  pb::GetChurnReportRequest trailing;
  trailing.add_store_ids("S001");
  trailing.set_months(3);
  pb::GetChurnReportResponse trend;
  const grpc::Status status = Call("mgr1", &pb::CustomersService::Stub::GetChurnReport, trailing, &trend);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::map<std::string, pb::FigureSource> trend_sources;
  for (const auto& row : trend.rows()) {
    trend_sources[row.month()] = row.source();
  }
  EXPECT_EQ(trend_sources, (std::map<std::string, pb::FigureSource>{{"2026-09", pb::FIGURE_SOURCE_RECONSTRUCTED},
                                                                    {"2026-10", pb::FIGURE_SOURCE_SNAPSHOT},
                                                                    {"2026-11", pb::FIGURE_SOURCE_LIVE}}));
  EXPECT_EQ(events::FromProto(trend.period().start_date()), (Date{2026, 9, 1}));
  EXPECT_EQ(events::FromProto(trend.period().end_date()), (Date{2026, 11, 30}));

  // A number of months beside a period is refused, naming the field.
  SetMonths(trailing, {2026, 10}, {2026, 10});
  const grpc::Status both = Call("mgr1", &pb::CustomersService::Stub::GetChurnReport, trailing, &trend);
  EXPECT_EQ(both.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(both.error_message().rfind("months:", 0), 0u) << both.error_message();
}

TEST_F(CustomersReportsTest, AStackStartedEmptyShowsTheHistoryImportedAfterItsFirstSnapshot) {
  EXPECT_EQ(app_.SnapshotDue(), 2);  // October, taken as the stack starts: nobody on record
  Owner("13900002151", {2025, 9, 1}, {{2026, 7, 1}});
  Owner("13900002152", {2026, 9, 15});
  const auto churn = Churn("S001", {2026, 9}, {2026, 10});
  std::map<std::string, int64_t> customers;
  for (const auto& row : churn.rows()) {
    EXPECT_EQ(row.source(), pb::FIGURE_SOURCE_RECONSTRUCTED) << row.month();
    customers[row.month()] += row.customer_count();
  }
  EXPECT_EQ(customers, (std::map<std::string, int64_t>{{"2026-09", 2}, {"2026-10", 2}}));
}

TEST_F(CustomersReportsTest, AClockJumpOfAYearLeavesEveryMonthItPassedWithItsSnapshot) {
  Owner("13900002201", {2026, 9, 5});
  DrainReclassification();
  EXPECT_EQ(app_.SnapshotDue(), 2);
  clock_.Set(clock_.Now() + Days{365});  // 2027-11-22
  EXPECT_EQ(app_.SnapshotDue(), 2 * 12);
  EXPECT_EQ(app_.SnapshotDue(), 0);
  auto redis = pool_->Acquire();
  for (Month month{2026, 10}; month <= Month{2027, 10}; month = month.Next()) {
    for (const char* store : {"S001", "S002"}) {
      EXPECT_EQ(redis->Run({"EXISTS", customers::adapters::keys::Snapshot(store, month.ToString())}).Integer(), 1)
          << store << " " << month.ToString();
    }
  }
  EXPECT_EQ(redis->Run({"GET", customers::adapters::keys::LastSnapshot("S001")}).Str(), "2027-10");

  // Read back, each month as of its end: at risk from March (six months after 5 September).
  const auto year = Churn("S001", {2026, 11}, {2027, 10});
  std::map<std::string, std::string> stage_of;
  for (const auto& row : year.rows()) {
    EXPECT_EQ(row.source(), pb::FIGURE_SOURCE_RECONSTRUCTED) << row.month();
    if (row.customer_count() == 1) {
      stage_of[row.month()] = pb::ChurnStage_Name(row.churn_stage());
    }
  }
  EXPECT_EQ(stage_of["2027-02"], "CHURN_STAGE_ACTIVE");
  EXPECT_EQ(stage_of["2027-03"], "CHURN_STAGE_AT_RISK");
  EXPECT_EQ(stage_of["2027-06"], "CHURN_STAGE_LAPSING");
  EXPECT_EQ(stage_of["2027-09"], "CHURN_STAGE_LOST");
  EXPECT_EQ(stage_of.size(), 12u);

  // The reclassification after the jump finds the customer lost: the move counts in September,
  // when it happened (the month rebuilt already shows it once), not in this month.
  DrainReclassification();
  EXPECT_EQ(redis->Run({"HGET", customers::adapters::keys::Movements("S001", "2027-09"), "entered:lost"}).Str(), "1");
  EXPECT_TRUE(redis->Run({"HGET", customers::adapters::keys::Movements("S001", "2027-11"), "entered:lost"}).IsNil());
  std::map<std::string, int64_t> entered_lost;
  const auto autumn = Churn("S001", {2027, 9}, {2027, 11});
  for (const auto& row : autumn.rows()) {
    if (row.churn_stage() == pb::CHURN_STAGE_LOST) {
      entered_lost[row.month()] = row.entered_count();
    }
  }
  EXPECT_EQ(entered_lost, (std::map<std::string, int64_t>{{"2027-09", 1}, {"2027-10", 0}, {"2027-11", 0}}));
}

TEST_F(CustomersReportsTest, ANewStoresLoyalShareIsNotApplicableWithItsBaseBesideIt) {
  Owner("13900002301", {2026, 6, 1}, {}, "S002");
  Owner("13900002302", {2026, 7, 1}, {{2026, 10, 1}}, "S002");
  DrainReclassification();
  pb::GetLoyaltyReportRequest request;
  request.add_store_ids("S002");
  pb::GetLoyaltyReportResponse live;
  ASSERT_TRUE(Call("mgr2", &pb::CustomersService::Stub::GetLoyaltyReport, request, &live).ok());
  ASSERT_EQ(live.rows_size(), 1);
  const pb::LoyaltyReportRow& row = live.rows(0);
  EXPECT_EQ(row.source(), pb::FIGURE_SOURCE_LIVE);
  EXPECT_EQ(row.customer_count(), 2);
  EXPECT_EQ(row.active_count(), 2);  // the old share read 100 %
  EXPECT_EQ(row.loyalty_base_count(), 0);
  EXPECT_EQ(row.settling_months(), 12);
  EXPECT_EQ(row.loyal_count(), 0);
  EXPECT_FALSE(row.has_loyal_share_of_base());
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  EXPECT_EQ(row.loyal_share(), 0.0);
#pragma GCC diagnostic pop
}

}  // namespace
}  // namespace careloop
