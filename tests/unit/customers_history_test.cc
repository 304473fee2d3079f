// History items (policies, inspections, referrals, purchases, packages, complaints), the facts
// the value rules read from them, and the profile fields' checks.
#include <gtest/gtest.h>

#include "services/customers/domain/history.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::domain {
namespace {

const Date kToday{2026, 11, 22};

Customer Owner() {
  Customer c;
  c.customer_id = "cus-1";
  c.store_id = "S001";
  c.registered_on = {2023, 5, 1};
  Vehicle v;
  v.vehicle_id = "veh-1";
  v.delivery_date = {2023, 5, 10};
  v.warranty_end_date = {2026, 5, 9};
  Vehicle w = v;
  w.vehicle_id = "veh-2";
  w.delivery_date = {2026, 9, 1};
  w.warranty_end_date = {};
  c.vehicles = {v, w};
  return c;
}

TEST(PreparePolicy, NamesTheFieldThatIsWrong) {
  InsurancePolicy p{"pol-1", "veh-1", "", "中国人保", "PDAA2026", false, {2026, 5, 10}, {2027, 5, 9}, 350000, true};
  ASSERT_TRUE(PreparePolicy(Owner(), p).ok());
  EXPECT_EQ(PreparePolicy(Owner(), p).value().store_id, "S001");
  auto broken = p;
  broken.end_date = {2026, 5, 1};
  EXPECT_EQ(PreparePolicy(Owner(), broken).error().field, "end_date");
  broken = p;
  broken.vehicle_id = "veh-x";
  EXPECT_EQ(PreparePolicy(Owner(), broken).error().code, ErrorCode::kNotFound);
  broken = p;
  broken.insurer = "";
  EXPECT_EQ(PreparePolicy(Owner(), broken).error().field, "insurer");
}

TEST(PrepareInspection, DefaultsTheNextDueDateToAYearLater) {
  auto inspection = PrepareInspection(Owner(), Inspection{"ins-1", "veh-1", "", {2026, 5, 20}, {}, true}, kToday);
  ASSERT_TRUE(inspection.ok());
  EXPECT_EQ(inspection->next_due_date, (Date{2027, 5, 20}));
  EXPECT_EQ(PrepareInspection(Owner(), Inspection{"ins-2", "veh-1", "", {2026, 12, 1}, {}, true}, kToday).error().field,
            "inspection_date");  // in the future
}

TEST(PrepareReferral, RequiresAPurchaseDateOnlyWhenPurchased) {
  Referral r{"ref-1", "cus-2", "", {2026, 3, 1}, true, {2026, 4, 2}};
  EXPECT_TRUE(PrepareReferral(Owner(), r, kToday).ok());
  r.purchase_date = {2026, 2, 1};
  EXPECT_EQ(PrepareReferral(Owner(), r, kToday).error().field, "purchase_date");
  r = {"ref-1", "cus-1", "", {2026, 3, 1}, false, {}};
  EXPECT_EQ(PrepareReferral(Owner(), r, kToday).error().field, "referred_customer_id");
}

TEST(PreparePurchase, AReplacementMarksTheOldCarSold) {
  Customer owner = Owner();
  auto purchase =
      PreparePurchase(owner, Purchase{"pur-1", "", PurchaseKind::kReplacement, "veh-2", "veh-1", {2026, 9, 1}}, kToday);
  ASSERT_TRUE(purchase.ok());
  EXPECT_EQ(owner.FindVehicle("veh-1")->status, VehicleStatus::kSold);
  EXPECT_TRUE(owner.FindVehicle("veh-2")->active());
  Customer again = Owner();
  EXPECT_EQ(
      PreparePurchase(again, Purchase{"pur-2", "", PurchaseKind::kReplacement, "veh-2", "veh-2", {2026, 9, 1}}, kToday)
          .error()
          .field,
      "replaced_vehicle_id");
}

TEST(PrepareComplaint, ClosedExactlyWhenTheOutcomeIsFinal) {
  Complaint open{"cmp-1",       "", "", "", ComplaintSeverity::kMajor, "waited 3 hours", ComplaintOutcome::kOpen,
                 {2026, 11, 1}, {}};
  EXPECT_TRUE(PrepareComplaint(Owner(), open, kToday).ok());
  Complaint closed = open;
  closed.outcome = ComplaintOutcome::kResolvedSatisfied;
  EXPECT_EQ(PrepareComplaint(Owner(), closed, kToday).error().field, "closed_date");
  closed.closed_date = {2026, 10, 1};
  EXPECT_EQ(PrepareComplaint(Owner(), closed, kToday).error().field, "closed_date");
  closed.closed_date = {2026, 11, 3};
  EXPECT_TRUE(PrepareComplaint(Owner(), closed, kToday).ok());
}

TEST(PreparePackage, UsedServicesStayWithinTheTotal) {
  PrepaidPackage p{
      "pkg-1", "veh-1", "",    PackageKind::kAnnualMaintenance, "两年四次保养套餐", {2026, 1, 1}, {2027, 12, 31},
      4,       1,       198000};
  EXPECT_TRUE(PreparePackage(Owner(), p, kToday).ok());
  p.services_used = 5;
  EXPECT_EQ(PreparePackage(Owner(), p, kToday).error().field, "services_used");
}

TEST(PrepareOdometerReading, MustAgreeWithEarlierAndLaterReadingsAndMovesTheEstimate) {
  Customer owner = Owner();
  History history;
  history.visits = {ServiceVisit{"v1", "cus-1", "veh-1", "S001", {2026, 1, 10}, 10000},
                    ServiceVisit{"v2", "cus-1", "veh-1", "S001", {2026, 7, 10}, 16000}};
  // Between the visits, in line with them: accepted; the car's newest reading stays the later visit.
  owner.vehicles[0].odometer_km = 16000;
  owner.vehicles[0].odometer_date = {2026, 7, 10};
  auto between = PrepareOdometerReading(owner, history, {"r1", "veh-1", 13000, {2026, 4, 10}, "phone"}, kToday);
  ASSERT_TRUE(between.ok()) << between.error().message;
  EXPECT_EQ(owner.vehicles[0].odometer_km, 16000);
  // Newer than everything: becomes the car's odometer; 12,000 km over 310 days.
  auto newest = PrepareOdometerReading(owner, history, {"r2", "veh-1", 22000, {2026, 11, 16}, "phone"}, kToday);
  ASSERT_TRUE(newest.ok());
  EXPECT_EQ(owner.vehicles[0].odometer_km, 22000);
  EXPECT_NEAR(owner.vehicles[0].estimated_km_per_day, 12000.0 / 310, 1e-9);
  // Lower than an earlier visit, or higher than a later one: refused, naming the field.
  EXPECT_EQ(PrepareOdometerReading(owner, history, {"r3", "veh-1", 15000, {2026, 8, 1}, "phone"}, kToday).error().field,
            "odometer_km");
  EXPECT_EQ(PrepareOdometerReading(owner, history, {"r4", "veh-1", 17000, {2026, 6, 1}, "phone"}, kToday).error().field,
            "odometer_km");
  EXPECT_EQ(
      PrepareOdometerReading(owner, history, {"r5", "veh-1", 23000, {2026, 12, 1}, "phone"}, kToday).error().field,
      "reading_date");
}

TEST(EstimateKmPerDay, NeedsTwoPointsThirtyDaysApart) {
  History history;
  history.visits = {ServiceVisit{"v1", "cus-1", "veh-1", "S001", {2026, 1, 10}, 10000}};
  EXPECT_EQ(EstimateKmPerDay(history, "veh-1"), 0);
  history.odometer_readings = {OdometerReading{"r", "veh-1", 10500, {2026, 1, 30}, "x"}};
  EXPECT_EQ(EstimateKmPerDay(history, "veh-1"), 0);  // 20 days: too short to tell
  history.odometer_readings[0].reading_date = {2026, 2, 9};
  EXPECT_DOUBLE_EQ(EstimateKmPerDay(history, "veh-1"), 500.0 / 30);
  EXPECT_EQ(EstimateKmPerDay(history, "veh-2"), 0);
}

TEST(FactsOf, ReadsEveryCriterionFromTheHistory) {
  Customer owner = Owner();
  owner.opinion_leader = true;
  History history;
  history.visits = {ServiceVisit{"v1", "cus-1", "veh-1", "S001", {2026, 2, 1}}};
  history.purchases = {Purchase{"pur-1", "S001", PurchaseKind::kAdditional, "veh-2", "", {2026, 9, 1}}};
  history.referrals = {Referral{"ref-1", "cus-2", "S001", {2026, 3, 1}, true, {2026, 4, 2}}};
  history.policies = {
      InsurancePolicy{"p1", "veh-1", "S001", "中国人保", "A", false, {2025, 5, 10}, {2026, 5, 9}, 1, true},
      InsurancePolicy{"p2", "veh-1", "S001", "中国人保", "B", false, {2026, 5, 10}, {2027, 5, 9}, 1, true}};
  history.complaints = {
      Complaint{"c1", "", "S001", "", ComplaintSeverity::kMajor, "x", ComplaintOutcome::kOpen, {2026, 11, 1}, {}}};
  const Classification c = ClassifyCustomer(owner, history, kToday, ClassificationPolicy{});
  const std::set<ValueCriterion> expected{ValueCriterion::kAddOnOrReplacementPurchase,
                                          ValueCriterion::kReferredABuyerRecently,
                                          ValueCriterion::kJustLeftWarranty,
                                          ValueCriterion::kLoyalInsuranceOrInspection,
                                          ValueCriterion::kOpinionLeader,
                                          ValueCriterion::kMajorComplaint};
  EXPECT_EQ(c.value_criteria, expected);
  EXPECT_EQ(c.lifecycle, LifecycleStage::kChampion);
  // A minor complaint does not make a customer high value.
  history.complaints[0].severity = ComplaintSeverity::kMinor;
  EXPECT_FALSE(ClassifyCustomer(owner, history, kToday, ClassificationPolicy{})
                   .value_criteria.contains(ValueCriterion::kMajorComplaint));
}

TEST(NormalizeNationalId, ChecksTheCheckDigitAndBirthDate) {
  EXPECT_EQ(NormalizeNationalId("national_id", "11010519491231002x").value(), "11010519491231002X");
  EXPECT_EQ(NormalizeNationalId("national_id", "110105194912310021").error().message,
            "has a wrong check digit (last character)");
  EXPECT_EQ(NormalizeNationalId("national_id", "110105194913310025").error().field, "national_id");
  EXPECT_FALSE(NormalizeNationalId("national_id", "1101051949").ok());
}

TEST(NormalizeProfile, ChecksPhonesPostalCodeAndFamily) {
  Profile p;
  p.home_phone = "010-8555 6666";
  p.address = {"北京市", "北京市", "朝阳区", "建国路 88 号", "100022"};
  p.family = {{"spouse", "李娜", {1988, 6, 1}}};
  EXPECT_TRUE(NormalizeProfile(p, kToday).ok());
  p.address.postal_code = "1000";
  EXPECT_EQ(NormalizeProfile(p, kToday).error().field, "address.postal_code");
  p.address.postal_code = "";
  p.family[0].birthday = {2027, 1, 1};
  EXPECT_EQ(NormalizeProfile(p, kToday).error().field, "family_members[0].birthday");
}

}  // namespace
}  // namespace careloop::customers::domain
