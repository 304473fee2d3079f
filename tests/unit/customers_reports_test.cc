// Report figures: months, the counts a snapshot takes, and how they add up.
#include <gtest/gtest.h>

#include "services/customers/domain/reports.h"

namespace careloop::customers::domain {
namespace {

TEST(Month, ParsesPrintsAndSteps) {
  ASSERT_TRUE(Month::Parse("2026-10").has_value());
  EXPECT_EQ(Month::Parse("2026-10")->ToString(), "2026-10");
  EXPECT_FALSE(Month::Parse("2026-13").has_value());
  EXPECT_FALSE(Month::Parse("2026/10").has_value());
  EXPECT_FALSE(Month::Parse("26-10").has_value());
  EXPECT_EQ((Month{2028, 2}.LastDay()), (Date{2028, 2, 29}));
  EXPECT_EQ((Month{2026, 12}.Next()), (Month{2027, 1}));
  EXPECT_EQ((Month{2027, 1}.Previous()), (Month{2026, 12}));
}

TEST(FigureQueries, EveryQueryPlansOnAnyDay) {
  for (const auto& query : FigureQueries({2026, 10, 31}, 12)) {
    EXPECT_TRUE(PlanSearch(query.filter, {2026, 10, 31}, ClassificationPolicy{}).ok()) << query.name;
    EXPECT_TRUE(query.filter.with_active_vehicle) << query.name << " must count owners only";
  }
}

TEST(FigureQueries, TheLoyaltyBaseIsOwnersWithACarDeliveredTheSettlingInPeriodAgo) {
  std::map<std::string, CustomerFilter> by_name;
  for (auto& query : FigureQueries({2026, 10, 31}, 12)) {
    by_name[query.name] = query.filter;
  }
  for (const char* name :
       {"settled:customers", "settled:high_value", "settled:active", "settled:high_value_and_active"}) {
    ASSERT_TRUE(by_name.contains(name)) << name;
    EXPECT_EQ(by_name[name].delivery.to, (Date{2025, 10, 31})) << name;
    EXPECT_FALSE(by_name[name].delivery.from.IsSet()) << name;
  }
  EXPECT_FALSE(by_name["customers"].delivery.IsSet());
}

TEST(FiguresFrom, LoyalCountsHighValueOrActiveOnceAmongTheBase) {
  const StoreFigures f = FiguresFrom({{"customers", 10},
                                      {"high_value", 4},
                                      {"active", 5},
                                      {"high_value_and_active", 3},
                                      {"settled:customers", 8},
                                      {"settled:high_value", 3},
                                      {"settled:active", 4},
                                      {"settled:high_value_and_active", 2},
                                      {kSettlingMonthsValue, 12},
                                      {"churn:lost", 2},
                                      {"reason:lost:price", 1},
                                      {EnteredCounter(ChurnStage::kActive), 2},
                                      {WonBackCounter(ChurnStage::kLost), 1},
                                      {kReferralPurchasesCounter, 3}});
  EXPECT_EQ(f.customers, 10);
  EXPECT_EQ(f.loyalty_base, 8);
  EXPECT_EQ(f.settling_months, 12);
  EXPECT_EQ(f.loyal, 5);
  ASSERT_TRUE(f.loyal_share().has_value());
  EXPECT_DOUBLE_EQ(*f.loyal_share(), 5.0 / 8);
  EXPECT_EQ(f.churn.at(ChurnStage::kLost), 2);
  EXPECT_EQ(f.reasons.at(ChurnStage::kLost).at(ChurnReason::kPrice), 1);
  EXPECT_EQ(f.entered.at(ChurnStage::kActive), 2);
  EXPECT_EQ(f.won_back.at(ChurnStage::kLost), 1);
  EXPECT_EQ(f.referral_purchases, 3);
  EXPECT_FALSE(f.reconstructed);
}

TEST(FiguresFrom, AStoreWithNobodyPastTheSettlingInPeriodHasNoShareNotAHundredPercent) {
  // A new store: three customers, all active (the old rule read 100 %), none held 12 months yet.
  const StoreFigures young = FiguresFrom(
      {{"customers", 3}, {"active", 3}, {"settled:customers", 0}, {"settled:active", 0}, {kSettlingMonthsValue, 12}});
  EXPECT_EQ(young.loyalty_base, 0);
  EXPECT_EQ(young.loyal, 0);
  EXPECT_FALSE(young.loyal_share().has_value());
  EXPECT_FALSE(FiguresFrom({}).loyal_share().has_value());
  // A snapshot taken before the rule has no base (and no settling period) rather than a made-up one.
  const StoreFigures old = FiguresFrom({{"customers", 3}, {"active", 3}, {"high_value_and_active", 0}});
  EXPECT_EQ(old.settling_months, 0);
  EXPECT_FALSE(old.loyal_share().has_value());
}

TEST(MovementMonth, AStageReachedWithTimeCountsInTheMonthItBeganEvenWhenNoticedLater) {
  const Date anchor{2026, 9, 5};  // delivered, never seen since
  // Noticed on the day (the recheck is due at the start of the day the stage begins).
  EXPECT_EQ(MovementMonth(ChurnStage::kActive, ChurnStage::kAtRisk, anchor, {2027, 3, 5}, {}), (Month{2027, 3}));
  // Noticed after a clock jump of a year: at risk since 5 March, lost since 5 September.
  EXPECT_EQ(MovementMonth(ChurnStage::kActive, ChurnStage::kAtRisk, anchor, {2027, 11, 22}, {}), (Month{2027, 3}));
  EXPECT_EQ(MovementMonth(ChurnStage::kActive, ChurnStage::kLost, anchor, {2027, 11, 22}, {}), (Month{2027, 9}));
  // Month ends clamp: six months after 31 May is 30 November.
  EXPECT_EQ(MovementMonth(ChurnStage::kActive, ChurnStage::kAtRisk, {2026, 5, 31}, {2026, 12, 2}, {}),
            (Month{2026, 11}));
  // A win-back, or anything the dates do not explain, counts now.
  EXPECT_EQ(MovementMonth(ChurnStage::kLost, ChurnStage::kActive, anchor, {2027, 11, 22}, {}), (Month{2027, 11}));
  EXPECT_EQ(MovementMonth(ChurnStage::kActive, ChurnStage::kLongLost, anchor, {2027, 11, 22}, {}), (Month{2027, 11}));
}

// --- Months rebuilt from the records. ---

Vehicle Car(const std::string& id, Date delivered, VehicleStatus status = VehicleStatus::kActive) {
  Vehicle car;
  car.vehicle_id = id;
  car.delivery_date = delivered;
  car.status = status;
  return car;
}

Customer Owner(const std::string& id, std::vector<Vehicle> cars, Date registered = {2026, 11, 1}) {
  Customer customer;
  customer.customer_id = id;
  customer.store_id = "S001";
  customer.registered_on = registered;  // imported after the fact: later than the deliveries
  customer.vehicles = std::move(cars);
  return customer;
}

History Visits(const std::string& vehicle_id, std::vector<Date> days) {
  History history;
  for (const Date& day : days) {
    ServiceVisit visit;
    visit.visit_id = vehicle_id + day.ToString();
    visit.vehicle_id = vehicle_id;
    visit.visit_date = day;
    visit.visit_type = VisitType::kRegularMaintenance;
    history.visits.push_back(visit);
  }
  return history;
}

TEST(StandingOn, IsTheCustomerAsTheirCarsAndHistoryStoodThatDay) {
  const Customer customer = Owner("c1", {Car("v1", {2025, 1, 10})});
  const History history = Visits("v1", {{2025, 4, 1}, {2026, 9, 1}});
  // Before the delivery: not a customer of the store yet.
  EXPECT_FALSE(StandingOn(customer, history, {2024, 12, 31}, {}).has_value());
  // On 2025-12-31 the last visit was 2025-04-01, eight months before: at risk; the visit of
  // 2026-09 has not happened yet.
  const auto then = StandingOn(customer, history, {2025, 12, 31}, {});
  ASSERT_TRUE(then.has_value());
  EXPECT_EQ(then->classification.churn, ChurnStage::kAtRisk);
  EXPECT_EQ(then->customer.last_visit_date, (Date{2025, 4, 1}));
  EXPECT_EQ(StandingOn(customer, history, {2026, 9, 30}, {})->classification.churn, ChurnStage::kActive);
  // A customer whose only car is sold is no longer one the store holds, then or now.
  EXPECT_FALSE(
      StandingOn(Owner("c2", {Car("v2", {2025, 1, 10}, VehicleStatus::kSold)}), {}, {2025, 6, 30}, {}).has_value());
}

TEST(CountedBy, AnswersTheReportFiltersAsTheSearchDoesAndRefusesOthers) {
  Customer customer = Owner("c1", {Car("v1", {2025, 1, 10})});
  customer.opinion_leader = true;
  customer.churn_reason = ChurnReason::kPrice;
  const auto standing = StandingOn(customer, {}, {2026, 10, 31}, {});  // 21 months without a visit: lost
  ASSERT_TRUE(standing.has_value());
  std::map<std::string, bool> counted;
  for (const auto& query : FigureQueries({2026, 10, 31}, 12)) {
    counted[query.name] = CountedBy(query.filter, *standing);
  }
  EXPECT_TRUE(counted["customers"]);
  EXPECT_TRUE(counted["high_value"]);
  EXPECT_FALSE(counted["active"]);
  EXPECT_TRUE(counted["settled:customers"]);
  EXPECT_TRUE(counted["settled:high_value"]);
  EXPECT_TRUE(counted["criterion:opinion_leader"]);
  EXPECT_FALSE(counted["criterion:fleet"]);
  EXPECT_TRUE(counted["churn:lost"]);
  EXPECT_FALSE(counted["churn:active"]);
  EXPECT_TRUE(counted["reason:lost:price"]);
  EXPECT_FALSE(counted["reason:lost:service"]);
  CustomerFilter city;
  city.city = "杭州市";
  EXPECT_THROW((void)CountedBy(city, *standing), std::logic_error);
}

TEST(Reconstruction, RebuildsEachMonthEndFromDeliveriesAndVisits) {
  const std::vector<Month> months = {{2025, 6}, {2025, 7}, {2025, 10}, {2025, 11}, {2025, 12}, {2026, 1}, {2026, 2}};
  Reconstruction rebuilt(months, 12, {});
  // Delivered 2025-01-10, visited 2025-03-01, then not until 2026-02-10 (a win-back).
  const Customer drifting = Owner("c1", {Car("v1", {2025, 1, 10})});
  History history = Visits("v1", {{2025, 3, 1}, {2026, 2, 10}});
  Referral referral;
  referral.referral_id = "r1";
  referral.referral_date = {2025, 9, 1};
  referral.purchased = true;
  referral.purchase_date = {2025, 10, 20};
  history.referrals.push_back(referral);
  rebuilt.Add(drifting, history);
  // Delivered 2025-07-15: not a customer in June yet.
  rebuilt.Add(Owner("c2", {Car("v2", {2025, 7, 15})}), {});
  // Nobody else: a customer whose car was sold counts in no month.
  rebuilt.Add(Owner("c3", {Car("v3", {2024, 1, 1}, VehicleStatus::kSold)}), {});

  const auto june = FiguresFrom(rebuilt.CountsOf({2025, 6}));
  EXPECT_TRUE(june.reconstructed);
  EXPECT_EQ(june.records_since, (Date{2025, 1, 10}));
  EXPECT_EQ(june.customers, 1);
  EXPECT_EQ(june.churn.at(ChurnStage::kActive), 1);  // 3 months since the visit
  EXPECT_EQ(june.entered.at(ChurnStage::kActive), 0);

  const auto july = FiguresFrom(rebuilt.CountsOf({2025, 7}));
  EXPECT_EQ(july.customers, 2);
  EXPECT_EQ(july.loyalty_base, 0);  // nobody held 12 months yet: no share, not 100 %
  EXPECT_FALSE(july.loyal_share().has_value());

  // 31 October 2025: c1's visit was 8 months ago (at risk); c1's referral bought that month.
  const auto october = FiguresFrom(rebuilt.CountsOf({2025, 10}));
  EXPECT_EQ(october.churn.at(ChurnStage::kAtRisk), 1);
  EXPECT_EQ(october.churn.at(ChurnStage::kActive), 1);
  EXPECT_EQ(october.referral_purchases, 1);
  EXPECT_EQ(october.high_value, 1);  // a referral who bought within 12 months
  EXPECT_EQ(october.criteria.at(ValueCriterion::kReferredABuyerRecently), 1);
  // Movements compare the month's start (30 September: at risk already, since 1 September) and end.
  EXPECT_EQ(october.entered.at(ChurnStage::kAtRisk), 0);

  // Nine months after 1 March is 1 December: still at risk on 30 November, lapsing on 31
  // December, which counts as entered during December.
  EXPECT_EQ(FiguresFrom(rebuilt.CountsOf({2025, 11})).churn.at(ChurnStage::kAtRisk), 1);
  const auto december = FiguresFrom(rebuilt.CountsOf({2025, 12}));
  EXPECT_EQ(december.churn.at(ChurnStage::kLapsing), 1);
  EXPECT_EQ(december.entered.at(ChurnStage::kLapsing), 1);
  EXPECT_EQ(december.won_back.at(ChurnStage::kAtRisk), 0);

  // 31 January 2026: c1 held 12 months (delivered 2025-01-10): the base is c1, high value.
  const auto january = FiguresFrom(rebuilt.CountsOf({2026, 1}));
  EXPECT_EQ(january.loyalty_base, 1);
  EXPECT_EQ(january.loyal, 1);
  ASSERT_TRUE(january.loyal_share().has_value());
  EXPECT_DOUBLE_EQ(*january.loyal_share(), 1.0);

  // February 2026: the visit of 10 February wins c1 back from lapsing; c2, delivered in July and
  // never seen since, is at risk.
  const auto february = FiguresFrom(rebuilt.CountsOf({2026, 2}));
  EXPECT_EQ(february.churn.at(ChurnStage::kActive), 1);
  EXPECT_EQ(february.churn.at(ChurnStage::kAtRisk), 1);
  EXPECT_EQ(february.entered.at(ChurnStage::kActive), 1);
  EXPECT_EQ(february.won_back.at(ChurnStage::kLapsing), 1);
  EXPECT_THROW((void)rebuilt.CountsOf({2025, 8}), std::logic_error);
}

TEST(Reconstruction, MonthsBeforeAnyDataCountZeroAndSaySinceWhenThereIsData) {
  Reconstruction rebuilt({{2024, 12}}, 12, {});
  const auto empty = FiguresFrom(rebuilt.CountsOf({2024, 12}));
  EXPECT_TRUE(empty.reconstructed);
  EXPECT_EQ(empty.customers, 0);
  EXPECT_FALSE(empty.records_since.IsSet());  // no car on record at all
  EXPECT_EQ(empty.settling_months, 12);
  rebuilt.Add(Owner("c1", {Car("v1", {2025, 3, 7})}), {});
  const auto before = FiguresFrom(rebuilt.CountsOf({2024, 12}));
  EXPECT_EQ(before.customers, 0);
  EXPECT_EQ(before.records_since, (Date{2025, 3, 7}));
}

}  // namespace
}  // namespace careloop::customers::domain
