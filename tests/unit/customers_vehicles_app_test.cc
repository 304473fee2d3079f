// CustomersApp over the fakes: a plate belongs to one active car (two customers, two cars of one
// customer, a DMS line), a change of owner is a transfer, staff change a car's plate, advisor and
// status, and a customer's mobile — the lookups follow.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/customers/app/customers_app.h"
#include "tests/fakes/customers_fakes.h"

namespace careloop::customers::app {
namespace {

using auth::Principal;
using auth::Role;

Principal Staff(Role role, const std::string& store = "S001") {
  return Principal{"staff-" + store, role, {store}, false};
}

domain::NewVehicle Car(const std::string& vin, const std::string& plate) {
  domain::NewVehicle car;
  car.vin = vin;
  car.plate = plate;
  car.model = "星途瑶光";
  car.delivery_date = {2026, 9, 1};
  return car;
}

bool Published(const std::vector<testing::PublishedEvent>& events, const std::string& type, const std::string& id) {
  return std::find(events.begin(), events.end(), testing::PublishedEvent{type, id}) != events.end();
}

class VehiclesAppTest : public ::testing::Test {
 protected:
  VehiclesAppTest()
      : clock_(*ParseRfc3339("2026-12-01T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车天津河西店", "星途汽车河西店", "Asia/Shanghai", "022-85556666"}}),
        app_(store_.ports(), clock_, stores_) {}

  std::string Customer(const std::string& mobile, const std::string& store = "S001") {
    auto customer = app_.CreateCustomer(Staff(Role::kAdvisor, store), {store, "客户", mobile}, "");
    EXPECT_TRUE(customer.ok()) << customer.error().ToString();
    return customer.ok() ? customer->customer_id : "";
  }

  std::string Vehicle(const std::string& customer_id, const domain::NewVehicle& car,
                      const std::string& store = "S001") {
    auto vehicle = app_.AddVehicle(Staff(Role::kAdvisor, store), customer_id, car);
    EXPECT_TRUE(vehicle.ok()) << vehicle.error().ToString();
    return vehicle.ok() ? vehicle->vehicle_id : "";
  }

  const domain::Vehicle& Stored(const std::string& customer_id, const std::string& vehicle_id) {
    return *store_.records.records.at(customer_id).FindVehicle(vehicle_id);
  }

  std::string FoundByPlate(const std::string& plate, const Principal& who = Staff(Role::kAdvisor)) {
    auto found = app_.FindCustomer(who, "", plate, "");
    return found.ok() ? found->customer_id : "not found";
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeCustomerStore store_;
  CustomersApp app_;
};

TEST_F(VehiclesAppTest, APlateOnAnotherCustomersActiveCarIsRefusedNamingTheHolder) {
  const std::string first = Customer("13912345678");
  const std::string car = Vehicle(first, Car("LSVAM4186R2184847", "京A12345"));
  const std::string second = Customer("13700001111");

  auto refused = app_.AddVehicle(Staff(Role::kAdvisor), second, Car("LFV2A21K9R3056721", "京a 12345"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(refused.error().field, "plate");
  EXPECT_NE(refused.error().message.find(first), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find(car), std::string::npos) << refused.error().message;
  EXPECT_TRUE(store_.records.records.at(second).vehicles.empty());
  EXPECT_EQ(FoundByPlate("京A12345"), first);

  // One customer's own second car with the plate: refused too, transfer or not.
  auto own = app_.AddVehicle(Staff(Role::kAdvisor), first, Car("LFV2A21K9R3056721", "京A12345"), true);
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().field, "plate");
  EXPECT_EQ(store_.records.records.at(first).vehicles.size(), 1u);
}

TEST_F(VehiclesAppTest, ATransferMarksTheOldCarTransferredAndAnnouncesIt) {
  const std::string seller = Customer("13912345678");
  const std::string old_car = Vehicle(seller, Car("LSVAM4186R2184847", "京A12345"));
  const std::string buyer = Customer("13700001111");

  // The same car (VIN and plate) changes owner.
  auto taken = app_.AddVehicle(Staff(Role::kClerk), buyer, Car("LSVAM4186R2184847", "京A12345"), true);
  ASSERT_TRUE(taken.ok()) << taken.error().ToString();
  EXPECT_EQ(Stored(seller, old_car).status, domain::VehicleStatus::kTransferred);
  EXPECT_TRUE(Stored(buyer, taken->vehicle_id).active());
  EXPECT_TRUE(Published(store_.records.published, "VehicleUpdated:status→" + buyer, old_car));
  EXPECT_EQ(FoundByPlate("京A12345"), buyer);
  auto by_vin = app_.FindCustomer(Staff(Role::kAdvisor), "", "", "LSVAM4186R2184847");
  ASSERT_TRUE(by_vin.ok());
  EXPECT_EQ(by_vin->customer_id, buyer);
}

TEST_F(VehiclesAppTest, AnotherStoresCarIsNeitherNamedNorTakenByThatStoresStaff) {
  const std::string other = Customer("13912345678", "S002");
  const std::string car = Vehicle(other, Car("LSVAM4186R2184847", "京A12345"), "S002");
  const std::string mine = Customer("13700001111");

  auto refused = app_.AddVehicle(Staff(Role::kAdvisor), mine, Car("LFV2A21K9R3056721", "京A12345"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(refused.error().message.find(other), std::string::npos) << refused.error().message;
  auto transfer = app_.AddVehicle(Staff(Role::kAdvisor), mine, Car("LFV2A21K9R3056721", "京A12345"), true);
  ASSERT_FALSE(transfer.ok());
  EXPECT_EQ(transfer.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(Stored(other, car).active());
  EXPECT_TRUE(store_.records.records.at(mine).vehicles.empty());
}

TEST_F(VehiclesAppTest, StaffChangeAPlateAndTheLookupFollows) {
  const std::string first = Customer("13912345678");
  const std::string car = Vehicle(first, Car("LSVAM4186R2184847", "京A12345"));
  const std::string second = Customer("13700001111");
  const std::string other_car = Vehicle(second, Car("LFV2A21K9R3056721", "京B66666"));

  auto moved = app_.UpdateVehicle(Staff(Role::kAdvisor), first, car, {"京a·54321", "sa-li", std::nullopt}, "");
  ASSERT_TRUE(moved.ok()) << moved.error().ToString();
  EXPECT_EQ(moved->plate, "京A54321");
  EXPECT_EQ(moved->assigned_advisor, "sa-li");
  EXPECT_EQ(FoundByPlate("京A54321"), first);
  EXPECT_EQ(FoundByPlate("京A12345"), "not found");
  EXPECT_TRUE(Published(store_.records.published, "VehicleUpdated:plate", car));
  EXPECT_TRUE(Published(store_.records.published, "VehicleUpdated:assigned_advisor", car));

  // A plate another active car holds is refused naming it, and nothing changes.
  auto taken = app_.UpdateVehicle(Staff(Role::kAdvisor), first, car, {"京B66666", std::nullopt, std::nullopt}, "");
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(taken.error().message.find(other_car), std::string::npos) << taken.error().message;
  EXPECT_EQ(Stored(first, car).plate, "京A54321");

  // Once that car is sold its plate is free: the lookup no longer finds it, and it may be reissued.
  auto sold = app_.UpdateVehicle(Staff(Role::kClerk), second, other_car,
                                 {std::nullopt, std::nullopt, domain::VehicleStatus::kSold}, "");
  ASSERT_TRUE(sold.ok()) << sold.error().ToString();
  EXPECT_TRUE(Published(store_.records.published, "VehicleUpdated:status", other_car));
  EXPECT_EQ(FoundByPlate("京B66666"), "not found");
  ASSERT_TRUE(app_.UpdateVehicle(Staff(Role::kAdvisor), first, car, {"京B66666", std::nullopt, std::nullopt}, "").ok());
  EXPECT_EQ(FoundByPlate("京B66666"), first);
  // Nor may the sold car come back while its plate is on another active car.
  auto back = app_.UpdateVehicle(Staff(Role::kClerk), second, other_car,
                                 {std::nullopt, std::nullopt, domain::VehicleStatus::kActive}, "");
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(Stored(second, other_car).status, domain::VehicleStatus::kSold);
}

TEST_F(VehiclesAppTest, AVehicleChangeIsCheckedAndNamesTheField) {
  const std::string id = Customer("13912345678");
  const std::string car = Vehicle(id, Car("LSVAM4186R2184847", "京A12345"));
  EXPECT_EQ(
      app_.UpdateVehicle(Staff(Role::kAdvisor), id, car, {"X12345", std::nullopt, std::nullopt}, "").error().field,
      "plate");
  EXPECT_EQ(
      app_.UpdateVehicle(Staff(Role::kAdvisor), id, "veh-none", {std::nullopt, "sa", std::nullopt}, "").error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(
      app_.UpdateVehicle(Staff(Role::kAdvisor, "S002"), id, car, {std::nullopt, "sa", std::nullopt}, "").error().code,
      ErrorCode::kPermissionDenied);
  const size_t events = store_.records.published.size();
  ASSERT_TRUE(app_.UpdateVehicle(Staff(Role::kAdvisor), id, car, {"京A12345", std::nullopt, std::nullopt}, "").ok());
  EXPECT_EQ(store_.records.published.size(), events);  // the same plate again: nothing to announce
}

TEST_F(VehiclesAppTest, TheMobileIsChangedAndTheLookupFollowsUnlessAnotherCustomerHasIt) {
  const std::string id = Customer("13912345678");
  Customer("13700001111");
  domain::Customer values;
  values.mobile = "+86 139-0000-2222";
  auto changed = app_.UpdateCustomer(Staff(Role::kAdvisor), id, values, {"mobile"}, 0, "");
  ASSERT_TRUE(changed.ok()) << changed.error().ToString();
  EXPECT_EQ(changed->mobile, "13900002222");
  auto found = app_.FindCustomer(Staff(Role::kAdvisor), "13900002222", "", "");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->customer_id, id);
  EXPECT_FALSE(app_.FindCustomer(Staff(Role::kAdvisor), "13912345678", "", "").ok());
  EXPECT_TRUE(Published(store_.records.published, "CustomerUpdated:mobile", id));

  values.mobile = "13700001111";
  auto taken = app_.UpdateCustomer(Staff(Role::kAdvisor), id, values, {"mobile"}, 0, "");
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.error().field, "mobile");
  EXPECT_EQ(store_.records.records.at(id).mobile, "13900002222");
}

TEST_F(VehiclesAppTest, ADeliveryLineWithAPlateOnRecordIsRejectedNamingTheHolderAndCreatesNobody) {
  const std::string holder = Customer("13912345678");
  const std::string car = Vehicle(holder, Car("LSVAM4186R2184847", "京A12345"));
  domain::DeliveryRow row;
  row.customer = {"", "李娜", "13700001111"};
  row.vehicle = Car("LFV2A21K9R3056721", "京A12345");
  const ImportOutcome outcome = app_.ImportDelivery(Staff(Role::kClerk), "S001", row);
  ASSERT_EQ(outcome.kind, ImportOutcome::Kind::kRejected);
  EXPECT_EQ(outcome.error->field, "plate");
  EXPECT_NE(outcome.error->message.find(car), std::string::npos) << outcome.error->message;
  EXPECT_EQ(store_.records.records.size(), 1u);  // no person left without the car

  // Once the old car is marked sold, the same line imports.
  ASSERT_TRUE(app_.UpdateVehicle(Staff(Role::kClerk), holder, car,
                                 {std::nullopt, std::nullopt, domain::VehicleStatus::kSold}, "")
                  .ok());
  EXPECT_EQ(app_.ImportDelivery(Staff(Role::kClerk), "S001", row).kind, ImportOutcome::Kind::kCreated);
  EXPECT_NE(FoundByPlate("京A12345"), holder);
}

TEST_F(VehiclesAppTest, AReplacedCarIsAnnouncedAsSoldAndGivesItsPlateUp) {
  const std::string id = Customer("13912345678");
  const std::string old_car = Vehicle(id, Car("LSVAM4186R2184847", "京A12345"));
  const std::string new_car = Vehicle(id, Car("LFV2A21K9R3056721", "京B66666"));
  domain::Purchase purchase;
  purchase.kind = domain::PurchaseKind::kReplacement;
  purchase.vehicle_id = new_car;
  purchase.replaced_vehicle_id = old_car;
  purchase.purchase_date = {2026, 9, 1};
  ASSERT_TRUE(app_.RecordPurchase(Staff(Role::kAdvisor), id, purchase, "").ok());
  EXPECT_TRUE(Published(store_.records.published, "VehicleUpdated:status", old_car));
  EXPECT_EQ(FoundByPlate("京A12345"), "not found");
}

}  // namespace
}  // namespace careloop::customers::app
