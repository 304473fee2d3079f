#include "services/customers/adapters/redis_customer_repository.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/kafka/cloud_event.h"
#include "common/outbox/outbox.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/adapters/redis_keys.h"

namespace careloop::customers::adapters {
namespace {

constexpr const char* kSource = "/careloop/customers";
constexpr int kMaxAttempts = 8;

redis::Command Publish(const google::protobuf::Message& payload, const std::string& customer_id, Instant now) {
  return outbox::AppendCommand(keys::kOutbox, kafka::kCustomerTopic,
                               events::MakeEvent(payload, kSource, customer_id, NewRandomId("evt-"), now));
}

std::optional<domain::Customer> Parse(const redis::Reply& reply) {
  if (reply.IsNil()) {
    return std::nullopt;
  }
  pb::Customer record;
  if (!record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
    throw std::runtime_error("corrupt customer record");
  }
  return FromProto(record);
}

Error Conflict() {
  return Error{ErrorCode::kUnavailable, "", "too many concurrent changes to this customer, try again"};
}

}  // namespace

RedisCustomerRepository::RedisCustomerRepository(redis::Pool& pool, const clock::Clock& clock)
    : pool_(pool), clock_(clock) {}

std::optional<domain::Customer> RedisCustomerRepository::Find(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  return Parse(connection->Run({"GET", keys::Customer(customer_id)}));
}

std::optional<domain::Customer> RedisCustomerRepository::FindBy(Index index, const std::string& value) {
  const std::string key = index == Index::kMobile ? keys::ByMobile(value)
                          : index == Index::kVin  ? keys::ByVin(value)
                                                  : keys::ByPlate(value);
  auto connection = pool_.Acquire();
  redis::Reply id = connection->Run({"GET", key});
  if (id.IsNil()) {
    return std::nullopt;
  }
  return Parse(connection->Run({"GET", keys::Customer(std::string(id.Str()))}));
}

Result<domain::Customer> RedisCustomerRepository::Create(const domain::Customer& customer,
                                                         const std::string& request_id) {
  auto connection = pool_.Acquire();
  const std::string mobile_key = keys::ByMobile(customer.mobile);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    redis::Command watch{"WATCH", mobile_key};
    if (!request_id.empty()) {
      watch.push_back(keys::Request(request_id));
    }
    connection->Run(watch);
    if (!request_id.empty()) {
      redis::Reply earlier = connection->Run({"GET", keys::Request(request_id)});
      if (!earlier.IsNil()) {
        connection->Run({"UNWATCH"});
        auto existing = Parse(connection->Run({"GET", keys::Customer(std::string(earlier.Str()))}));
        if (existing) {
          return *existing;
        }
      }
    }
    redis::Reply owner = connection->Run({"GET", mobile_key});
    if (!owner.IsNil()) {
      connection->Run({"UNWATCH"});
      return Error{ErrorCode::kAlreadyExists, "mobile", "already belongs to customer " + std::string(owner.Str())};
    }
    pb::CustomerCreated created;
    created.set_customer_id(customer.customer_id);
    created.set_store_id(customer.store_id);
    *created.mutable_occurred_at() = events::ToTimestamp(customer.created_at);
    std::vector<redis::Command> writes{
        {"SET", keys::Customer(customer.customer_id), ToProto(customer).SerializeAsString()},
        {"SET", mobile_key, customer.customer_id},
        {"SADD", keys::OfStore(customer.store_id), customer.customer_id},
        Publish(created, customer.customer_id, clock_.Now()),
    };
    if (!request_id.empty()) {
      writes.push_back(
          {"SET", keys::Request(request_id), customer.customer_id, "EX", std::to_string(keys::kRequestTtlSeconds)});
    }
    if (!connection->Transaction(writes).IsNil()) {
      return customer;
    }
  }
  return Conflict();
}

Result<domain::Vehicle> RedisCustomerRepository::AddVehicle(const std::string& customer_id,
                                                            const VehiclePreparer& prepare) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Customer(customer_id);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    connection->Run({"WATCH", record_key});
    auto customer = Parse(connection->Run({"GET", record_key}));
    if (!customer) {
      connection->Run({"UNWATCH"});
      return Error{ErrorCode::kNotFound, "customer_id", "no customer '" + customer_id + "'"};
    }
    auto vehicle = prepare(*customer);
    if (!vehicle.ok()) {
      connection->Run({"UNWATCH"});
      return vehicle.error();
    }
    const std::string vin_key = keys::ByVin(vehicle->vin);
    connection->Run({"WATCH", vin_key});
    redis::Reply vin_owner = connection->Run({"GET", vin_key});
    if (!vin_owner.IsNil() && vin_owner.Str() != customer_id) {
      connection->Run({"UNWATCH"});
      return Error{ErrorCode::kAlreadyExists, "vin", "belongs to customer " + std::string(vin_owner.Str())};
    }
    customer->vehicles.push_back(vehicle.value());
    customer->updated_at = clock_.Now();

    pb::VehicleDelivered delivered;
    delivered.set_customer_id(customer_id);
    delivered.set_vehicle_id(vehicle->vehicle_id);
    delivered.set_store_id(customer->store_id);
    delivered.set_vin(vehicle->vin);
    delivered.set_plate(vehicle->plate);
    delivered.set_model(vehicle->model);
    *delivered.mutable_delivery_date() = events::ToProto(vehicle->delivery_date);
    *delivered.mutable_occurred_at() = events::ToTimestamp(customer->updated_at);
    delivered.set_odometer_km(vehicle->odometer_km);

    const std::vector<redis::Command> writes{
        {"SET", record_key, ToProto(*customer).SerializeAsString()},
        {"SET", vin_key, customer_id},
        {"SET", keys::ByPlate(vehicle->plate), customer_id},
        {"SET", keys::ByVehicle(vehicle->vehicle_id), customer_id},
        Publish(delivered, customer_id, customer->updated_at),
    };
    if (!connection->Transaction(writes).IsNil()) {
      return vehicle;
    }
  }
  return Conflict();
}

Result<domain::ServiceVisit> RedisCustomerRepository::AddVisit(const std::string& customer_id,
                                                               const std::string& request_id,
                                                               const VisitPreparer& prepare) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Customer(customer_id);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    redis::Command watch{"WATCH", record_key};
    if (!request_id.empty()) {
      watch.push_back(keys::Request(request_id));
    }
    connection->Run(watch);
    if (!request_id.empty()) {
      redis::Reply earlier = connection->Run({"GET", keys::Request(request_id)});
      if (!earlier.IsNil()) {
        connection->Run({"UNWATCH"});
        redis::Reply stored = connection->Run({"GET", keys::Visit(std::string(earlier.Str()))});
        pb::ServiceVisit visit;
        if (!stored.IsNil() && visit.ParseFromArray(stored.Str().data(), static_cast<int>(stored.Str().size()))) {
          return FromProto(visit);
        }
      }
    }
    auto customer = Parse(connection->Run({"GET", record_key}));
    if (!customer) {
      connection->Run({"UNWATCH"});
      return Error{ErrorCode::kNotFound, "customer_id", "no customer '" + customer_id + "'"};
    }
    auto visit = prepare(*customer);
    if (!visit.ok()) {
      connection->Run({"UNWATCH"});
      return visit.error();
    }
    for (auto& vehicle : customer->vehicles) {
      if (vehicle.vehicle_id == visit->vehicle_id) {
        vehicle.odometer_km = visit->odometer_km;
      }
    }
    customer->updated_at = clock_.Now();

    pb::ServiceVisitRecorded recorded;
    recorded.set_customer_id(customer_id);
    recorded.set_vehicle_id(visit->vehicle_id);
    recorded.set_store_id(visit->store_id);
    recorded.set_visit_id(visit->visit_id);
    *recorded.mutable_visit_date() = events::ToProto(visit->visit_date);
    recorded.set_odometer_km(visit->odometer_km);
    recorded.set_visit_type(ToProto(visit->visit_type));
    recorded.set_advisor(visit->advisor);
    *recorded.mutable_occurred_at() = events::ToTimestamp(customer->updated_at);

    std::vector<redis::Command> writes{
        {"SET", record_key, ToProto(*customer).SerializeAsString()},
        {"SET", keys::Visit(visit->visit_id), ToProto(visit.value()).SerializeAsString()},
        {"ZADD", keys::VisitsOf(customer_id), std::to_string(visit->visit_date.DaysSinceEpoch()), visit->visit_id},
        Publish(recorded, customer_id, customer->updated_at),
    };
    if (!request_id.empty()) {
      writes.push_back(
          {"SET", keys::Request(request_id), visit->visit_id, "EX", std::to_string(keys::kRequestTtlSeconds)});
    }
    if (!connection->Transaction(writes).IsNil()) {
      return visit;
    }
  }
  return Conflict();
}

}  // namespace careloop::customers::adapters
