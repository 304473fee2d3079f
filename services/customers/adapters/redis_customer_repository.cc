#include "services/customers/adapters/redis_customer_repository.h"

#include <algorithm>

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/kafka/cloud_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/timer_queue.h"
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

// Every change queues the customer for reclassification in the same atomic write, so the
// classification follows every change even if this process dies right after it.
redis::Command Reclassify(const std::string& customer_id, Instant now) {
  return {"ZADD", keys::kReclassify, std::to_string(now.time_since_epoch().count()), customer_id};
}

constexpr Millis kReclassifyLease{30'000};

// The segment index sets a classification puts a customer in.
std::vector<std::string> SegmentKeys(const std::string& store_id, const domain::Classification& c) {
  std::vector<std::string> out{
      keys::Segment(store_id, "churn", domain::ChurnStageName(c.churn)),
      keys::Segment(store_id, "tier", c.high_value() ? "high" : "standard"),
      keys::Segment(store_id, "lifecycle", domain::LifecycleStageName(c.lifecycle)),
  };
  for (auto criterion : c.value_criteria) {
    out.push_back(keys::Segment(store_id, "criterion", domain::ValueCriterionName(criterion)));
  }
  return out;
}

// Starts an optimistic transaction: WATCHes `key` and the request id's key. If the request id
// was seen before, stops watching and returns what that request made (a customer or visit id),
// so a retried command returns the first result instead of writing again.
std::optional<std::string> WatchForRequest(redis::Connection& connection, const std::string& key,
                                           const std::string& request_id) {
  if (request_id.empty()) {
    connection.Run({"WATCH", key});
    return std::nullopt;
  }
  connection.Run({"WATCH", key, keys::Request(request_id)});
  redis::Reply earlier = connection.Run({"GET", keys::Request(request_id)});
  if (earlier.IsNil()) {
    return std::nullopt;
  }
  connection.Run({"UNWATCH"});
  return std::string(earlier.Str());
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
    if (auto earlier = WatchForRequest(*connection, mobile_key, request_id)) {
      if (auto existing = Parse(connection->Run({"GET", keys::Customer(*earlier)}))) {
        return *existing;
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
        Reclassify(customer.customer_id, clock_.Now()),
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
        Reclassify(customer_id, customer->updated_at),
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
    if (auto earlier = WatchForRequest(*connection, record_key, request_id)) {
      redis::Reply stored = connection->Run({"GET", keys::Visit(*earlier)});
      pb::ServiceVisit visit;
      if (!stored.IsNil() && visit.ParseFromArray(stored.Str().data(), static_cast<int>(stored.Str().size()))) {
        return FromProto(visit);
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
        Reclassify(customer_id, customer->updated_at),
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

Result<domain::Customer> RedisCustomerRepository::ChangeConsent(const std::string& customer_id, domain::Channel channel,
                                                                const ConsentChange& change) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Customer(customer_id);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    connection->Run({"WATCH", record_key});
    auto customer = Parse(connection->Run({"GET", record_key}));
    if (!customer) {
      connection->Run({"UNWATCH"});
      return Error{ErrorCode::kNotFound, "customer_id", "no customer '" + customer_id + "'"};
    }
    auto previous = change(*customer);
    if (!previous.ok()) {
      connection->Run({"UNWATCH"});
      return previous.error();
    }
    if (!previous.value()) {
      connection->Run({"UNWATCH"});
      return *customer;  // the same state again: nothing to record
    }
    const auto consent = std::find_if(customer->consents.begin(), customer->consents.end(),
                                      [&](const auto& c) { return c.channel == channel; });
    const pb::ChannelConsent record = ToProto(*consent);
    pb::ConsentChanged changed;
    changed.set_customer_id(customer_id);
    changed.set_store_id(customer->store_id);
    changed.set_channel(record.channel());
    changed.set_state(record.state());
    changed.set_source(record.source());
    *changed.mutable_occurred_at() = record.changed_at();
    changed.set_previous_state(ToProto(*previous.value()));
    const std::vector<redis::Command> writes{
        {"SET", record_key, ToProto(*customer).SerializeAsString()},
        {"RPUSH", keys::ConsentLog(customer_id), record.SerializeAsString()},
        Publish(changed, customer_id, consent->changed_at),
    };
    if (!connection->Transaction(writes).IsNil()) {
      return *customer;
    }
  }
  return Conflict();
}

std::vector<Date> RedisCustomerRepository::VisitDates(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"ZRANGE", keys::VisitsOf(customer_id), "0", "-1", "WITHSCORES"});
  std::vector<Date> dates;
  for (size_t i = 1; i < reply.Size(); i += 2) {
    dates.push_back(Date::FromDaysSinceEpoch(std::stoll(std::string(redis::ElementStr(reply.Element(i))))));
  }
  return dates;
}

bool RedisCustomerRepository::SaveSegment(const std::string& customer_id,
                                          const std::optional<domain::Classification>& previous,
                                          const domain::Classification& next, std::optional<Instant> recheck_at) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Customer(customer_id);
  connection->Run({"WATCH", record_key});
  auto customer = Parse(connection->Run({"GET", record_key}));
  const auto& stored = customer ? customer->classification : std::nullopt;
  const bool unchanged_since_read =
      customer && stored.has_value() == previous.has_value() && (!stored || domain::SameSegment(*stored, *previous));
  if (!unchanged_since_read) {
    connection->Run({"UNWATCH"});
    connection->Run({"ZREM", keys::kReclassifyLeases, customer_id});
    return false;
  }
  const Instant now = clock_.Now();
  std::vector<redis::Command> writes;
  if (previous) {
    for (const auto& key : SegmentKeys(customer->store_id, *previous)) {
      writes.push_back({"SREM", key, customer_id});
    }
  }
  for (const auto& key : SegmentKeys(customer->store_id, next)) {
    writes.push_back({"SADD", key, customer_id});
  }
  if (!previous || !domain::SameSegment(*previous, next)) {
    pb::CustomerSegmentChanged changed;
    changed.set_customer_id(customer_id);
    changed.set_store_id(customer->store_id);
    if (previous) {
      changed.set_old_value_tier(previous->high_value() ? pb::VALUE_TIER_HIGH : pb::VALUE_TIER_STANDARD);
      for (auto criterion : previous->value_criteria) {
        changed.add_old_value_criteria(ToProto(criterion));
      }
      changed.set_old_churn_stage(ToProto(previous->churn));
      changed.set_old_lifecycle_stage(ToProto(previous->lifecycle));
    }
    changed.set_new_value_tier(next.high_value() ? pb::VALUE_TIER_HIGH : pb::VALUE_TIER_STANDARD);
    for (auto criterion : next.value_criteria) {
      changed.add_new_value_criteria(ToProto(criterion));
    }
    changed.set_new_churn_stage(ToProto(next.churn));
    changed.set_new_lifecycle_stage(ToProto(next.lifecycle));
    *changed.mutable_occurred_at() = events::ToTimestamp(now);
    writes.push_back(Publish(changed, customer_id, now));
  }
  customer->classification = next;
  writes.push_back({"SET", record_key, ToProto(*customer).SerializeAsString()});
  writes.push_back({"ZREM", keys::kReclassifyLeases, customer_id});
  if (recheck_at) {
    // Overwriting the score cannot lose a sooner check: a change queued meanwhile also changed
    // the record, which aborts this transaction (WATCH).
    writes.push_back({"ZADD", keys::kReclassify, std::to_string(recheck_at->time_since_epoch().count()), customer_id});
  }
  return !connection->Transaction(writes).IsNil();
}

std::vector<std::string> RedisCustomerRepository::ClaimReclassifications(Instant now, int limit) {
  auto connection = pool_.Acquire();
  return redis::ClaimDueTimers(*connection, {keys::kReclassify, keys::kReclassifyLeases}, now, kReclassifyLease, limit);
}

void RedisCustomerRepository::ReleaseReclassification(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  connection->Run({"ZREM", keys::kReclassifyLeases, customer_id});
}

std::vector<int64_t> RedisCustomerRepository::CountSegments(const std::vector<SegmentQuery>& queries) {
  std::vector<redis::Command> commands;
  commands.reserve(queries.size());
  for (const auto& query : queries) {
    if (query.segments.empty()) {
      commands.push_back({"SCARD", keys::OfStore(query.store_id)});
      continue;
    }
    redis::Command command{"SINTERCARD", std::to_string(query.segments.size())};
    for (const auto& [dimension, value] : query.segments) {
      command.push_back(keys::Segment(query.store_id, dimension, value));
    }
    commands.push_back(std::move(command));
  }
  auto connection = pool_.Acquire();
  std::vector<int64_t> counts;
  for (auto& reply : connection->Pipeline(commands)) {
    if (reply.IsError()) {
      throw redis::RedisUnavailable("segment count failed: " + std::string(reply.Str()));
    }
    counts.push_back(reply.Integer());
  }
  return counts;
}

}  // namespace careloop::customers::adapters
