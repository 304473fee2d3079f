// Cars and their keys over gRPC against a real redis-server: a plate on one active car (the plate
// index never names two), a transfer in one atomic write with its event, staff changes of a car's
// plate and status and of a customer's mobile moving the indexes, and the import refusing a line
// whose plate another customer's car holds.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "careloop/customer/v1/events.pb.h"
#include "common/events/proto_event.h"
#include "services/customers/adapters/redis_keys.h"
#include "tests/integration/customers_fixture.h"

namespace careloop {
namespace {

namespace pb = careloop::customer::v1;
namespace keys = customers::adapters::keys;
constexpr int kDb = 12;

class CustomersVehiclesTest : public testing::CustomersServerFixture {
 protected:
  CustomersVehiclesTest() : CustomersServerFixture(kDb) {}

  std::string Customer(const std::string& mobile, const std::string& store = "S001") {
    pb::CreateCustomerRequest request;
    request.set_store_id(store);
    request.set_name("客户");
    request.set_mobile(mobile);
    pb::CreateCustomerResponse response;
    EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::CreateCustomer, request, &response).ok());
    return response.customer().customer_id();
  }

  grpc::Status AddCar(const std::string& customer_id, const std::string& vin, const std::string& plate,
                      bool transfer = false, pb::AddVehicleResponse* response = nullptr,
                      const std::string& token = "admin") {
    pb::AddVehicleRequest request;
    request.set_customer_id(customer_id);
    request.set_vin(vin);
    request.set_plate(plate);
    request.set_model("星途瑶光");
    *request.mutable_delivery_date() = events::ToProto(Date{2026, 9, 3});
    request.set_transfer(transfer);
    pb::AddVehicleResponse ignored;
    return Call(token, &pb::CustomersService::Stub::AddVehicle, request, response ? response : &ignored);
  }

  std::string Car(const std::string& customer_id, const std::string& vin, const std::string& plate) {
    pb::AddVehicleResponse response;
    const grpc::Status status = AddCar(customer_id, vin, plate, false, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.vehicle().vehicle_id();
  }

  // The customer id a plate index entry names, or "" when there is none.
  std::string PlateIndex(const std::string& plate) {
    redis::Reply named = pool_->Acquire()->Run({"GET", keys::ByPlate(plate)});
    return named.IsNil() ? "" : std::string(named.Str());
  }

  // The customer FindCustomer answers for a plate, or the status code's name.
  std::string FoundByPlate(const std::string& plate) {
    pb::FindCustomerRequest request;
    request.set_plate(plate);
    pb::FindCustomerResponse response;
    const grpc::Status status = Call("admin", &pb::CustomersService::Stub::FindCustomer, request, &response);
    return status.ok() ? response.customers(0).customer_id() : "code " + std::to_string(status.error_code());
  }

  pb::Vehicle Vehicle(const std::string& customer_id, const std::string& vehicle_id) {
    pb::GetCustomerRequest request;
    request.set_customer_id(customer_id);
    pb::GetCustomerResponse response;
    EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::GetCustomer, request, &response).ok());
    for (const auto& vehicle : response.customer().vehicles()) {
      if (vehicle.vehicle_id() == vehicle_id) {
        return vehicle;
      }
    }
    return {};
  }

  // The VehicleUpdated payloads in the outbox, oldest first.
  std::vector<pb::VehicleUpdated> VehicleUpdates() {
    std::vector<pb::VehicleUpdated> out;
    redis::Reply entries = pool_->Acquire()->Run({"XRANGE", keys::kOutbox, "-", "+"});
    for (size_t i = 0; i < entries.Size(); ++i) {
      const redisReply* fields = entries.Element(i)->element[1];
      std::string type, data;
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        const std::string name(redis::ElementStr(fields->element[f]));
        if (name == "type") {
          type = redis::ElementStr(fields->element[f + 1]);
        } else if (name == "data") {
          data = redis::ElementStr(fields->element[f + 1]);
        }
      }
      if (type == "careloop.customer.v1.VehicleUpdated") {
        EXPECT_TRUE(out.emplace_back().ParseFromString(data));
      }
    }
    return out;
  }

  grpc::Status UpdateVehicle(const std::string& customer_id, const std::string& vehicle_id,
                             const std::function<void(pb::UpdateVehicleRequest&)>& set,
                             pb::UpdateVehicleResponse* response = nullptr) {
    pb::UpdateVehicleRequest request;
    request.set_customer_id(customer_id);
    request.set_vehicle_id(vehicle_id);
    set(request);
    pb::UpdateVehicleResponse ignored;
    return Call("adv1", &pb::CustomersService::Stub::UpdateVehicle, request, response ? response : &ignored);
  }
};

TEST_F(CustomersVehiclesTest, ASecondActiveCarWithThePlateIsRefusedAndTheIndexKeepsTheHolder) {
  const std::string first = Customer("13912345678");
  const std::string car = Car(first, "LSVAM4186R2184847", "京A12345");
  const std::string second = Customer("13700001111");

  const grpc::Status refused = AddCar(second, "LFV2A21K9R3056721", "京a 12345");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(refused.error_message().rfind("plate:", 0), 0u) << refused.error_message();
  EXPECT_NE(refused.error_message().find(car), std::string::npos) << refused.error_message();
  EXPECT_NE(refused.error_message().find(first), std::string::npos) << refused.error_message();
  EXPECT_EQ(PlateIndex("京A12345"), first);
  EXPECT_EQ(FoundByPlate("京A12345"), first);
  // Nothing of the refused car was written: not its VIN index entry either.
  EXPECT_TRUE(pool_->Acquire()->Run({"GET", keys::ByVin("LFV2A21K9R3056721")}).IsNil());
  EXPECT_TRUE(VehicleUpdates().empty());
}

TEST_F(CustomersVehiclesTest, ATransferMarksTheOldCarTransferredMovesTheIndexesAndAnnouncesIt) {
  const std::string seller = Customer("13912345678");
  const std::string old_car = Car(seller, "LSVAM4186R2184847", "京A12345");
  const std::string buyer = Customer("13700001111");
  const int64_t seller_revision = redis_store_.records.Find(seller)->revision;

  pb::AddVehicleResponse added;
  const grpc::Status status = AddCar(buyer, "LSVAM4186R2184847", "京A12345", true, &added);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Vehicle(seller, old_car).status(), pb::VEHICLE_STATUS_TRANSFERRED);
  EXPECT_EQ(redis_store_.records.Find(seller)->revision, seller_revision + 1);
  EXPECT_EQ(PlateIndex("京A12345"), buyer);
  EXPECT_EQ(std::string(pool_->Acquire()->Run({"GET", keys::ByVin("LSVAM4186R2184847")}).Str()), buyer);
  EXPECT_EQ(FoundByPlate("京A12345"), buyer);

  const auto updates = VehicleUpdates();
  ASSERT_EQ(updates.size(), 1u);
  EXPECT_EQ(updates[0].customer_id(), seller);
  EXPECT_EQ(updates[0].vehicle_id(), old_car);
  EXPECT_EQ(updates[0].status(), pb::VEHICLE_STATUS_TRANSFERRED);
  EXPECT_EQ(updates[0].transferred_to_customer_id(), buyer);
  EXPECT_EQ(std::vector<std::string>(updates[0].changed_fields().begin(), updates[0].changed_fields().end()),
            std::vector<std::string>{"status"});
}

TEST_F(CustomersVehiclesTest, APlateChangeAndASaleMoveThePlateIndex) {
  const std::string first = Customer("13912345678");
  const std::string car = Car(first, "LSVAM4186R2184847", "京A12345");
  const std::string second = Customer("13700001111");
  const std::string other = Car(second, "LFV2A21K9R3056721", "京B66666");

  pb::UpdateVehicleResponse moved;
  grpc::Status status = UpdateVehicle(
      first, car,
      [](auto& r) {
        r.set_plate("京A54321");
        r.set_assigned_advisor("sa-li");
      },
      &moved);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(moved.vehicle().plate(), "京A54321");
  EXPECT_EQ(moved.vehicle().assigned_advisor(), "sa-li");
  EXPECT_EQ(PlateIndex("京A54321"), first);
  EXPECT_EQ(PlateIndex("京A12345"), "");

  status = UpdateVehicle(first, car, [](auto& r) { r.set_plate("京B66666"); });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(status.error_message().find(other), std::string::npos) << status.error_message();
  EXPECT_EQ(PlateIndex("京B66666"), second);
  EXPECT_EQ(Vehicle(first, car).plate(), "京A54321");

  status = UpdateVehicle(second, other, [](auto& r) { r.set_status(pb::VEHICLE_STATUS_SOLD); });
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(PlateIndex("京B66666"), "");
  EXPECT_EQ(FoundByPlate("京B66666"), "code " + std::to_string(grpc::StatusCode::NOT_FOUND));
  const auto updates = VehicleUpdates();
  ASSERT_EQ(updates.size(), 2u);
  EXPECT_EQ(updates[0].plate(), "京A54321");
  EXPECT_EQ(std::vector<std::string>(updates[0].changed_fields().begin(), updates[0].changed_fields().end()),
            (std::vector<std::string>{"plate", "assigned_advisor"}));
  EXPECT_EQ(updates[1].status(), pb::VEHICLE_STATUS_SOLD);
  EXPECT_TRUE(updates[1].transferred_to_customer_id().empty());

  status = UpdateVehicle(second, other, [](auto& r) { r.set_status(pb::VEHICLE_STATUS_UNSPECIFIED); });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("status:", 0), 0u) << status.error_message();
}

TEST_F(CustomersVehiclesTest, AnIndexEntryLeftByACarNoLongerActiveGivesThePlateToTheNewCar) {
  // Written before plates followed the cars' status: the entry still names the seller.
  const std::string seller = Customer("13912345678");
  const std::string old_car = Car(seller, "LSVAM4186R2184847", "京A12345");
  ASSERT_TRUE(UpdateVehicle(seller, old_car, [](auto& r) { r.set_status(pb::VEHICLE_STATUS_SCRAPPED); }).ok());
  pool_->Acquire()->Run({"SET", keys::ByPlate("京A12345"), seller});

  const std::string buyer = Customer("13700001111");
  pb::AddVehicleResponse added;
  const grpc::Status status = AddCar(buyer, "LFV2A21K9R3056721", "京A12345", false, &added);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(PlateIndex("京A12345"), buyer);
  EXPECT_EQ(Vehicle(seller, old_car).status(), pb::VEHICLE_STATUS_SCRAPPED);
}

TEST_F(CustomersVehiclesTest, AChangedMobileMovesTheMobileIndexUnlessAnotherCustomerHasIt) {
  const std::string id = Customer("13912345678");
  const std::string other = Customer("13700001111");
  pb::UpdateCustomerRequest request;
  request.mutable_customer()->set_customer_id(id);
  request.mutable_customer()->set_mobile("+86 139-0000-2222");
  request.mutable_customer()->set_name("王大明");
  request.mutable_update_mask()->add_paths("mobile");
  request.mutable_update_mask()->add_paths("name");
  pb::UpdateCustomerResponse response;
  grpc::Status status = Call("adv1", &pb::CustomersService::Stub::UpdateCustomer, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.customer().mobile(), "13900002222");
  EXPECT_EQ(response.customer().name(), "王大明");
  EXPECT_EQ(std::string(pool_->Acquire()->Run({"GET", keys::ByMobile("13900002222")}).Str()), id);
  EXPECT_TRUE(pool_->Acquire()->Run({"GET", keys::ByMobile("13912345678")}).IsNil());

  request.mutable_customer()->set_mobile("13700001111");
  status = Call("adv1", &pb::CustomersService::Stub::UpdateCustomer, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(status.error_message().rfind("mobile:", 0), 0u) << status.error_message();
  EXPECT_EQ(std::string(pool_->Acquire()->Run({"GET", keys::ByMobile("13700001111")}).Str()), other);
  EXPECT_EQ(redis_store_.records.Find(id)->mobile, "13900002222");
}

TEST_F(CustomersVehiclesTest, AnImportLineWithAPlateOnRecordIsRejectedAndCreatedLinesAreListed) {
  const std::string holder = Customer("13912345678");
  const std::string car = Car(holder, "LSVAM4186R2184847", "京A12345");
  pb::ImportRowsResponse response;
  grpc::ClientContext context;
  grpcx::AddBearer(context, "clerk1");
  auto writer = stub_->ImportRows(&context, &response);
  pb::ImportRowsRequest request;
  request.mutable_header()->set_store_id("S001");
  request.mutable_header()->set_kind(pb::IMPORT_KIND_SALES);
  writer->Write(request);
  const std::vector<std::tuple<int, std::string, std::string, std::string>> rows = {
      {2, "13700001111", "LFV2A21K9R3056721", "京A12345"},  // the plate of the holder's car
      {3, "13800002222", "LGBH52E04RY012345", "京C11111"},  // a new person and car
  };
  for (const auto& [line, mobile, vin, plate] : rows) {
    auto* row = request.mutable_row();
    row->set_line_number(line);
    row->set_name("客户");
    row->set_mobile(mobile);
    row->set_vin(vin);
    row->set_plate(plate);
    row->set_model("星途瑶光");
    *row->mutable_delivery_date() = events::ToProto(Date{2026, 9, 3});
    writer->Write(request);
  }
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(response.rows_created(), 1);
  EXPECT_EQ(response.rows_rejected(), 1);
  ASSERT_EQ(response.lines_size(), 2);
  EXPECT_EQ(response.lines(0).outcome(), pb::IMPORT_LINE_OUTCOME_REJECTED);
  EXPECT_EQ(response.lines(0).violations(0).field(), "plate");
  EXPECT_NE(response.lines(0).violations(0).reason().find(car), std::string::npos)
      << response.lines(0).violations(0).reason();
  EXPECT_TRUE(pool_->Acquire()->Run({"GET", keys::ByMobile("13700001111")}).IsNil());  // nobody created
  EXPECT_EQ(response.lines(1).line_number(), 3);
  EXPECT_EQ(response.lines(1).outcome(), pb::IMPORT_LINE_OUTCOME_CREATED);
  EXPECT_FALSE(response.lines(1).customer_id().empty());
  EXPECT_FALSE(response.lines(1).vehicle_id().empty());
  EXPECT_EQ(PlateIndex("京C11111"), response.lines(1).customer_id());
}

}  // namespace
}  // namespace careloop
