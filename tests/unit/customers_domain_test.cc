#include <gtest/gtest.h>

#include "services/customers/domain/customer.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::domain {
namespace {

class OneStore final : public StoreDirectory {
 public:
  bool IsKnownStore(const std::string& store_id) const override { return store_id == "S001"; }
};

const Date kToday{2026, 11, 22};
const Instant kNow{Millis{1'795'300'000'000}};

TEST(MobileValidation, AcceptsMainlandMobileWithPrefixesAndSeparators) {
  EXPECT_EQ(NormalizeMobile("mobile", "+86 138-0013-8000").value(), "13800138000");
  EXPECT_EQ(NormalizeMobile("mobile", "8613800138000").value(), "13800138000");
  EXPECT_EQ(NormalizeMobile("mobile", "  19912345678 ").value(), "19912345678");
}

TEST(MobileValidation, RejectsLandlinesShortNumbersAndLetters) {
  for (const char* bad : {"010-88886666", "1380013800", "138001380001", "12800138000", "1380013800a", ""}) {
    auto result = NormalizeMobile("mobile", bad);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().field, "mobile");
  }
}

TEST(VinValidation, AcceptsPublishedExampleWithCheckDigitX) {
  // The ISO 3779 worked example (check digit X) and Chinese VINs with digit check characters.
  EXPECT_EQ(VinCheckDigit("1M8GDM9AXKP042788"), 'X');
  EXPECT_TRUE(NormalizeVin("vin", "1M8GDM9AXKP042788").ok());
  EXPECT_EQ(NormalizeVin("vin", "lsvam4186r2184847").value(), "LSVAM4186R2184847");
}

TEST(VinValidation, RejectsWrongCheckDigitLengthAndForbiddenLetters) {
  EXPECT_EQ(NormalizeVin("vin", "LSVAM4187R2184847").error().message, "check digit (9th character) is wrong");
  EXPECT_NE(NormalizeVin("vin", "LSVAM4186R218484").error().message.find("17 characters"), std::string::npos);
  EXPECT_NE(NormalizeVin("vin", "LSVAM4186R21848O7").error().message.find("I, O or Q"), std::string::npos);
  EXPECT_EQ(NormalizeVin("vehicle.vin", "").error().field, "vehicle.vin");
}

TEST(PlateValidation, AcceptsPetrolAndNewEnergyPlates) {
  EXPECT_EQ(NormalizePlate("plate", "京A12345").value(), "京A12345");
  EXPECT_EQ(NormalizePlate("plate", "粤b·d12345").value(), "粤BD12345");
  EXPECT_EQ(NormalizePlate("plate", "沪A 1234学").value(), "沪A1234学");
}

TEST(PlateValidation, RejectsUnknownProvinceAndBadSerials) {
  EXPECT_FALSE(NormalizePlate("plate", "XA12345").ok());
  EXPECT_FALSE(NormalizePlate("plate", "京112345").ok());  // second char must be a letter
  EXPECT_FALSE(NormalizePlate("plate", "京A1234").ok());   // too short
  EXPECT_FALSE(NormalizePlate("plate", "京A12O45").ok());  // O is not used on plates
}

TEST(RegisterCustomer, NormalisesInputAndGrantsServiceConsent) {
  auto customer = RegisterCustomer({"S001", " 王小明 ", "+86 139 1234 5678", Gender::kMale, {1990, 5, 1}}, "cus-1",
                                   kNow, kToday, OneStore());
  ASSERT_TRUE(customer.ok()) << customer.error().ToString();
  EXPECT_EQ(customer->name, "王小明");
  EXPECT_EQ(customer->mobile, "13912345678");
  ASSERT_EQ(customer->consents.size(), 2u);
  EXPECT_EQ(customer->consents[0].state, ConsentState::kGranted);
}

TEST(RegisterCustomer, UnknownStoreIsRejectedNamingTheField) {
  auto customer =
      RegisterCustomer({"S999", "王小明", "13912345678", Gender::kMale, {}}, "cus-1", kNow, kToday, OneStore());
  ASSERT_FALSE(customer.ok());
  EXPECT_EQ(customer.error().field, "store_id");
}

TEST(RegisterCustomer, BirthdayInTheFutureIsRejected) {
  auto customer = RegisterCustomer({"S001", "王小明", "13912345678", Gender::kMale, {2027, 1, 1}}, "cus-1", kNow,
                                   kToday, OneStore());
  ASSERT_FALSE(customer.ok());
  EXPECT_EQ(customer.error().field, "birthday");
}

Customer Owner() {
  return RegisterCustomer({"S001", "王小明", "13912345678", Gender::kMale, {}}, "cus-1", kNow, kToday, OneStore())
      .value();
}

TEST(Consent, ChangeRecordsSourceAndTimeAndRepeatIsANoOp) {
  Customer customer = Owner();
  auto changed = ChangeConsent(customer, Channel::kSms, ConsentState::kDenied, "sms-reply:TD", kNow + Days{1});
  ASSERT_TRUE(changed.ok());
  ASSERT_TRUE(changed->has_value());
  EXPECT_EQ(**changed, ConsentState::kGranted);
  EXPECT_EQ(customer.consents[0].source, "sms-reply:TD");
  EXPECT_EQ(customer.consents[0].changed_at, kNow + Days{1});
  auto again = ChangeConsent(customer, Channel::kSms, ConsentState::kDenied, "sms-reply:TD", kNow + Days{2});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  EXPECT_EQ(ChangeConsent(customer, Channel::kWeChat, ConsentState::kGranted, "", kNow).error().field, "source");
  EXPECT_EQ(ChangeConsent(customer, Channel::kWeChat, ConsentState::kUnspecified, "x", kNow).error().field, "state");
  ASSERT_TRUE(ChangeConsent(customer, Channel::kWeChat, ConsentState::kGranted, "followed official account", kNow)
                  .value()
                  .has_value());
  EXPECT_EQ(customer.consents.size(), 3u);
}

TEST(PrepareVehicle, DeliveryInTheFutureIsRejected) {
  auto vehicle = PrepareVehicle(
      Owner(), {"LSVAM4186R2184847", "京A12345", "星途瑶光", "", {}, {2026, 12, 1}, "", "", 0}, "veh-1", kToday);
  ASSERT_FALSE(vehicle.ok());
  EXPECT_EQ(vehicle.error().field, "delivery_date");
}

TEST(PrepareVehicle, DeliveryBeforePurchaseIsRejected) {
  auto vehicle =
      PrepareVehicle(Owner(), {"LSVAM4186R2184847", "京A12345", "星途瑶光", "", {2026, 9, 1}, {2026, 8, 1}, "", "", 0},
                     "veh-1", kToday);
  ASSERT_FALSE(vehicle.ok());
  EXPECT_EQ(vehicle.error().field, "delivery_date");
}

TEST(PrepareVisit, VisitBeforeDeliveryAndBackwardsOdometerAreRejected) {
  Customer owner = Owner();
  owner.vehicles.push_back(
      PrepareVehicle(owner, {"LSVAM4186R2184847", "京A12345", "星途瑶光", "", {}, {2026, 9, 1}, "", "", 1200}, "veh-1",
                     kToday)
          .value());
  auto early = PrepareVisit(owner, {"veh-1", {2026, 8, 30}, 1500, VisitType::kRepair, "", 0}, "vis-1", kToday);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().field, "visit_date");
  auto backwards = PrepareVisit(owner, {"veh-1", {2026, 11, 1}, 900, VisitType::kRepair, "", 0}, "vis-1", kToday);
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().field, "odometer_km");
  auto ok = PrepareVisit(owner, {"veh-1", {2026, 11, 1}, 4800, VisitType::kFirstFreeMaintenance, "李顾问", 0}, "vis-1",
                         kToday);
  ASSERT_TRUE(ok.ok()) << ok.error().ToString();
  EXPECT_EQ(ok->store_id, "S001");
}

}  // namespace
}  // namespace careloop::customers::domain
