// Cars on record (domain/vehicles.h): a plate on one active car, transfers, staff changes of a
// car; and the record's own rules beside them: the mobile changed like other fields, addresses
// written as people write them.
#include <gtest/gtest.h>

#include "services/customers/domain/customer.h"
#include "services/customers/domain/record_update.h"
#include "services/customers/domain/vehicles.h"

namespace careloop::customers::domain {
namespace {

const Date kToday{2026, 11, 22};

Vehicle Car(const std::string& id, const std::string& vin, const std::string& plate,
            VehicleStatus status = VehicleStatus::kActive) {
  Vehicle car;
  car.vehicle_id = id;
  car.vin = vin;
  car.plate = plate;
  car.model = "星途瑶光";
  car.delivery_date = {2026, 1, 10};
  car.status = status;
  return car;
}

Customer Owner(const std::string& id, std::vector<Vehicle> cars) {
  Customer customer;
  customer.customer_id = id;
  customer.store_id = "S001";
  customer.mobile = "13912345678";
  customer.vehicles = std::move(cars);
  return customer;
}

NewVehicle NewCar(const std::string& vin, const std::string& plate) {
  NewVehicle car;
  car.vin = vin;
  car.plate = plate;
  car.model = "星途揽月";
  car.delivery_date = {2026, 9, 1};
  return car;
}

TEST(PlateRule, OneCustomersSecondActiveCarWithTheSamePlateIsRefusedNamingTheCar) {
  const Customer owner = Owner("cus-1", {Car("veh-1", "LSVAM4186R2184847", "京A12345")});
  auto second = PrepareVehicle(owner, NewCar("LFV2A21K9R3056721", "京a 12345"), "veh-2", kToday);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(second.error().field, "plate");
  EXPECT_NE(second.error().message.find("veh-1"), std::string::npos) << second.error().message;

  // Once that car is sold, the plate is free for the customer's new car (号牌保留).
  const Customer sold = Owner("cus-1", {Car("veh-1", "LSVAM4186R2184847", "京A12345", VehicleStatus::kSold)});
  EXPECT_TRUE(PrepareVehicle(sold, NewCar("LFV2A21K9R3056721", "京A12345"), "veh-2", kToday).ok());
}

TEST(PlateRule, ClaimedKeysAreThoseOfCarsThatBecomeActiveOrChangePlate) {
  const Customer before = Owner("cus-1", {Car("veh-1", "LSVAM4186R2184847", "京A12345"),
                                          Car("veh-2", "LFV2A21K9R3056721", "京B66666", VehicleStatus::kSold)});
  EXPECT_EQ(NewlyClaimedKeys(&before, before), std::vector<CarKey>{});
  EXPECT_EQ(NewlyClaimedKeys(nullptr, before),
            (std::vector<CarKey>{{CarKey::Kind::kPlate, "京A12345", "veh-1"},
                                 {CarKey::Kind::kVin, "LSVAM4186R2184847", "veh-1"}}));

  Customer after = before;
  after.vehicles[0].plate = "京A54321";               // a new plate
  after.vehicles[1].status = VehicleStatus::kActive;  // a car active again
  EXPECT_EQ(NewlyClaimedKeys(&before, after),
            (std::vector<CarKey>{{CarKey::Kind::kPlate, "京A54321", "veh-1"},
                                 {CarKey::Kind::kPlate, "京B66666", "veh-2"},
                                 {CarKey::Kind::kVin, "LFV2A21K9R3056721", "veh-2"}}));
  EXPECT_EQ(ReleasedPlates(before, after), std::vector<std::string>{"京A12345"});

  Customer scrapped = before;
  scrapped.vehicles[0].status = VehicleStatus::kScrapped;
  EXPECT_EQ(NewlyClaimedKeys(&before, scrapped), std::vector<CarKey>{});
  EXPECT_EQ(ReleasedPlates(before, scrapped), std::vector<std::string>{"京A12345"});
}

TEST(PlateRule, AClaimFromAnotherCustomerIsRefusedNamingTheHolderUnlessItIsATransfer) {
  const Customer holder = Owner("cus-1", {Car("veh-1", "LSVAM4186R2184847", "京A12345")});
  const CarKey plate{CarKey::Kind::kPlate, "京A12345", "veh-9"};

  Customer refused = holder;
  Status named = ClaimFrom(refused, plate, false, true);
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(named.error().field, "plate");
  EXPECT_NE(named.error().message.find("veh-1"), std::string::npos) << named.error().message;
  EXPECT_NE(named.error().message.find("cus-1"), std::string::npos) << named.error().message;
  EXPECT_NE(named.error().message.find("transfer"), std::string::npos) << named.error().message;
  EXPECT_TRUE(refused.vehicles[0].active());

  // A holder of another store is not named: a refusal must not tell who shops where.
  Status hidden = ClaimFrom(refused, plate, false, false);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(hidden.error().message.find("cus-1"), std::string::npos) << hidden.error().message;
  EXPECT_EQ(ClaimFrom(refused, plate, true, false).error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(refused.vehicles[0].active());

  Customer transferred = holder;
  ASSERT_TRUE(ClaimFrom(transferred, plate, true, true).ok());
  EXPECT_EQ(transferred.vehicles[0].status, VehicleStatus::kTransferred);
  // The same car (its VIN) changing owner is a transfer too.
  Customer by_vin = holder;
  ASSERT_TRUE(ClaimFrom(by_vin, {CarKey::Kind::kVin, "LSVAM4186R2184847", "veh-9"}, true, true).ok());
  EXPECT_EQ(by_vin.vehicles[0].status, VehicleStatus::kTransferred);
  EXPECT_EQ(ClaimFrom(refused, {CarKey::Kind::kVin, "LSVAM4186R2184847", "veh-9"}, false, true).error().field, "vin");

  // An index entry left by a car that is no longer active takes nothing from anyone.
  Customer sold = Owner("cus-1", {Car("veh-1", "LSVAM4186R2184847", "京A12345", VehicleStatus::kSold)});
  EXPECT_TRUE(ClaimFrom(sold, plate, false, true).ok());
  EXPECT_EQ(sold.vehicles[0].status, VehicleStatus::kSold);
}

TEST(VehicleChangeRule, ChangesPlateAdvisorAndStatusNamingWhatChanged) {
  Customer owner = Owner("cus-1", {Car("veh-1", "LSVAM4186R2184847", "京A12345"),
                                   Car("veh-2", "LFV2A21K9R3056721", "京B66666", VehicleStatus::kSold)});
  auto changed = ApplyVehicleChange(owner, "veh-1", {"京a·54321", " sa-li ", std::nullopt});
  ASSERT_TRUE(changed.ok()) << changed.error().ToString();
  EXPECT_EQ(changed.value(), (std::vector<std::string>{"plate", "assigned_advisor"}));
  EXPECT_EQ(owner.vehicles[0].plate, "京A54321");
  EXPECT_EQ(owner.vehicles[0].assigned_advisor, "sa-li");
  // The same values again change nothing.
  EXPECT_EQ(ApplyVehicleChange(owner, "veh-1", {"京A54321", std::nullopt, VehicleStatus::kActive}).value(),
            std::vector<std::string>{});

  const Customer before = owner;
  EXPECT_EQ(ApplyVehicleChange(owner, "veh-1", {"沪X", std::nullopt, std::nullopt}).error().field, "plate");
  EXPECT_EQ(ApplyVehicleChange(owner, "veh-9", {std::nullopt, "sa-li", std::nullopt}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(ApplyVehicleChange(owner, "veh-1", {}).error().code, ErrorCode::kInvalidArgument);
  // The sold car may not come back with a plate the other active car carries now.
  owner.vehicles[1].plate = "京A54321";
  auto again = ApplyVehicleChange(owner, "veh-2", {std::nullopt, std::nullopt, VehicleStatus::kActive});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message.find("veh-1"), std::string::npos);
  owner.vehicles[1].plate = "京B66666";
  EXPECT_EQ(owner.vehicles[1].status, VehicleStatus::kSold);
  EXPECT_EQ(ChangedVehicles(before, owner).size(), 0u);

  auto sold = ApplyVehicleChange(owner, "veh-1", {std::nullopt, std::nullopt, VehicleStatus::kScrapped});
  ASSERT_TRUE(sold.ok());
  const auto diff = ChangedVehicles(before, owner);
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_EQ(diff[0].vehicle_id, "veh-1");
  EXPECT_EQ(diff[0].fields, std::vector<std::string>{"status"});
}

TEST(RecordUpdate, TheMobileIsChangedLikeTheOtherFieldsNormalisedAndChecked) {
  Customer record = Owner("cus-1", {});
  Customer values;
  values.mobile = "+86 137-0000-1111";
  values.name = " 李娜 ";
  values.gender = Gender::kFemale;
  values.birthday = {1990, 8, 15};
  auto changed = ApplyFieldUpdates(record, values, {"mobile", "name", "gender", "birthday"}, kToday);
  ASSERT_TRUE(changed.ok()) << changed.error().ToString();
  EXPECT_EQ(changed.value(), (std::vector<std::string>{"mobile", "name", "gender", "birthday"}));
  EXPECT_EQ(record.mobile, "13700001111");
  EXPECT_EQ(record.name, "李娜");
  EXPECT_EQ(record.gender, Gender::kFemale);
  EXPECT_EQ(record.birthday, (Date{1990, 8, 15}));

  values.mobile = "010-88886666";
  auto bad = ApplyFieldUpdates(record, values, {"mobile"}, kToday);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "customer.mobile");
  EXPECT_EQ(record.mobile, "13700001111");
}

TEST(AddressFormat, AMunicipalityIsNamedOnce) {
  EXPECT_EQ(FormatAddress({"北京市", "北京市", "朝阳区", "建国路 88 号", ""}), "北京市朝阳区建国路 88 号");
  EXPECT_EQ(FormatAddress({"上海", "上海市", "浦东新区", "", ""}), "上海浦东新区");
  EXPECT_EQ(FormatAddress({"天津市", "市辖区", "河西区", "", ""}), "天津市河西区");
  EXPECT_EQ(FormatAddress({"重庆市", "", "渝中区", "", ""}), "重庆市渝中区");
  EXPECT_EQ(FormatAddress({"浙江省", "杭州市", "西湖区", "文三路 1 号", ""}), "浙江省杭州市西湖区文三路 1 号");
  EXPECT_EQ(FormatAddress({}), "");
}

}  // namespace
}  // namespace careloop::customers::domain
