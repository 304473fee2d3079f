#include "services/customers/adapters/redis_customer_repository.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "careloop/customer/v1/storage.pb.h"
#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/kafka/cloud_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/optimistic.h"
#include "common/redis/timer_queue.h"
#include "services/customers/adapters/customer_events.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/adapters/redis_keys.h"
#include "services/customers/adapters/stored_history.h"
#include "services/customers/domain/errors.h"
#include "services/customers/domain/reports.h"

namespace careloop::customers::adapters {
namespace {

constexpr const char* kSource = "/careloop/customers";
constexpr int kMaxAttempts = 8;
constexpr Millis kReclassifyLease{30'000};

redis::Command Publish(const google::protobuf::Message& payload, const std::string& customer_id, Instant now) {
  return outbox::AppendCommand(keys::kOutbox, kafka::kCustomerTopic,
                               events::MakeEvent(payload, kSource, customer_id, NewRandomId("evt-"), now));
}

// Every change queues the customer for reclassification in the same atomic write, so the
// classification follows every change even if this process dies right after it.
redis::Command Reclassify(const std::string& customer_id, Instant now) {
  return {"ZADD", keys::kReclassify, std::to_string(now.time_since_epoch().count()), customer_id};
}

std::string DatedMember(const std::string& customer_id, const domain::DatedFacet& dated) {
  return dated.key.empty() ? customer_id : customer_id + "|" + dated.key;
}

// The index writes that move a customer from the facets of `before` (none for a new record) to
// those of `after`: only the differences, so an unchanged record writes nothing here.
void AppendFacetWrites(const std::optional<domain::Customer>& before, const domain::Customer& after,
                       std::vector<redis::Command>& writes) {
  const domain::Facets old_facets = before ? domain::FacetsOf(*before) : domain::Facets{};
  const domain::Facets new_facets = domain::FacetsOf(after);
  const std::string& id = after.customer_id;
  const std::string& old_store = before ? before->store_id : after.store_id;
  const bool moved = old_store != after.store_id;
  for (const auto& f : old_facets.sets) {
    if (moved || !std::binary_search(new_facets.sets.begin(), new_facets.sets.end(), f)) {
      writes.push_back({"SREM", keys::Facet(old_store, f.name, f.value), id});
      if (f.name == domain::facet::kAll) {
        writes.push_back({"ZREM", keys::StoreIds(old_store), id});
      }
    }
  }
  for (const auto& f : new_facets.sets) {
    if (moved || !std::binary_search(old_facets.sets.begin(), old_facets.sets.end(), f)) {
      writes.push_back({"SADD", keys::Facet(after.store_id, f.name, f.value), id});
      if (f.name == domain::facet::kAll) {
        writes.push_back({"ZADD", keys::StoreIds(after.store_id), "0", id});
      }
    }
  }
  for (const auto& d : old_facets.dates) {
    const bool kept = std::find(new_facets.dates.begin(), new_facets.dates.end(), d) != new_facets.dates.end();
    if (moved || !kept) {
      writes.push_back({"ZREM", keys::DatedFacet(old_store, d.name), DatedMember(id, d)});
    }
  }
  for (const auto& d : new_facets.dates) {
    writes.push_back({"ZADD", keys::DatedFacet(after.store_id, d.name), std::to_string(d.date.DaysSinceEpoch()),
                      DatedMember(id, d)});
  }
}

// The first reads of an attempt: WATCHes `key` and the request id's key. If the request id was
// seen before, returns what that request made, so a retried command returns the first result
// instead of writing again (the transaction helper stops watching).
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
  return std::string(earlier.Str());
}

}  // namespace

RedisCustomerRepository::RedisCustomerRepository(redis::Pool& pool, const clock::Clock& clock,
                                                 const NationalIdCipher* cipher)
    : pool_(pool), clock_(clock), cipher_(cipher) {}

std::optional<domain::Customer> RedisCustomerRepository::Parse(const redis::Reply& reply) const {
  if (reply.IsNil()) {
    return std::nullopt;
  }
  auto customer = Decode(reply.Str());
  if (!customer) {
    throw std::runtime_error("corrupt customer record");
  }
  return customer;
}

std::optional<domain::Customer> RedisCustomerRepository::Decode(std::string_view bytes) const {
  pb::Customer record;
  if (!ParseInto(bytes, record)) {
    return std::nullopt;
  }
  if (!record.national_id().empty()) {
    // A value this key cannot open (key rotated without re-encryption) reads as unknown.
    auto plain = cipher_ != nullptr ? cipher_->Decrypt(record.national_id()) : std::nullopt;
    record.set_national_id(plain.value_or(""));
  }
  return FromProto(record);
}

std::optional<std::string> RedisCustomerRepository::Serialize(const domain::Customer& customer) const {
  pb::Customer record = ToProto(customer);
  if (!record.national_id().empty()) {
    if (cipher_ == nullptr) {
      return std::nullopt;
    }
    record.set_national_id(cipher_->Encrypt(record.national_id()));
  }
  return record.SerializeAsString();
}

std::optional<domain::Customer> RedisCustomerRepository::Find(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  return Parse(connection->Run({"GET", keys::Customer(customer_id)}));
}

std::vector<domain::Customer> RedisCustomerRepository::FindMany(const std::vector<std::string>& customer_ids) {
  std::vector<domain::Customer> out;
  if (customer_ids.empty()) {
    return out;
  }
  redis::Command command{"MGET"};
  for (const auto& id : customer_ids) {
    command.push_back(keys::Customer(id));
  }
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run(command);
  for (size_t i = 0; i < reply.Size(); ++i) {
    const redisReply* element = reply.Element(i);
    if (element->type != REDIS_REPLY_STRING) {
      continue;
    }
    if (auto customer = Decode(redis::ElementStr(element))) {  // a corrupt record is left out of the page
      out.push_back(std::move(*customer));
    }
  }
  return out;
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

domain::History RedisCustomerRepository::LoadHistory(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  return ToHistory(ParseStoredHistory(connection->Run({"GET", keys::History(customer_id)})), customer_id);
}

Result<domain::Customer> RedisCustomerRepository::Create(const domain::Customer& customer,
                                                         const std::string& request_id) {
  auto connection = pool_.Acquire();
  const std::string mobile_key = keys::ByMobile(customer.mobile);
  const auto stored = Serialize(customer);
  if (!stored) {
    return domain::MakeError(domain::Errc::kNoEncryptionKey);
  }
  return redis::WatchedTransaction<domain::Customer>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<domain::Customer>> {
        if (auto earlier = WatchForRequest(c, mobile_key, request_id)) {
          if (auto existing = Parse(c.Run({"GET", keys::Customer(*earlier)}))) {
            return redis::Commit<domain::Customer>{{}, *existing};
          }
        }
        redis::Reply owner = c.Run({"GET", mobile_key});
        if (!owner.IsNil()) {
          return Error{ErrorCode::kAlreadyExists, "mobile", "already belongs to customer " + std::string(owner.Str())};
        }
        const Instant now = clock_.Now();
        std::vector<redis::Command> writes{
            {"SET", keys::Customer(customer.customer_id), *stored},
            {"SET", mobile_key, customer.customer_id},
            Reclassify(customer.customer_id, now),
            Publish(CustomerCreatedEvent(customer), customer.customer_id, now),
        };
        AppendFacetWrites(std::nullopt, customer, writes);
        if (!request_id.empty()) {
          writes.push_back(
              {"SET", keys::Request(request_id), customer.customer_id, "EX", std::to_string(keys::kRequestTtlSeconds)});
        }
        return redis::Commit<domain::Customer>{std::move(writes), customer};
      },
      kMaxAttempts, domain::MakeError(domain::Errc::kConcurrentChanges));
}

Result<domain::Vehicle> RedisCustomerRepository::AddVehicle(const std::string& customer_id,
                                                            const VehiclePreparer& prepare,
                                                            const ClaimResolver& resolve) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Customer(customer_id);
  return redis::WatchedTransaction<domain::Vehicle>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<domain::Vehicle>> {
        c.Run({"WATCH", record_key});
        const auto before = Parse(c.Run({"GET", record_key}));
        if (!before) {
          return domain::MakeError(domain::Errc::kNoCustomer, customer_id);
        }
        auto vehicle = prepare(*before);
        if (!vehicle.ok()) {
          return vehicle.error();
        }
        domain::Customer customer = *before;
        customer.vehicles.push_back(vehicle.value());
        customer.updated_at = clock_.Now();
        ++customer.revision;
        const auto stored = Serialize(customer);
        if (!stored) {
          return domain::MakeError(domain::Errc::kNoEncryptionKey);
        }
        std::vector<redis::Command> writes{
            {"SET", record_key, *stored},
            Reclassify(customer_id, customer.updated_at),
            Publish(VehicleDeliveredEvent(customer, vehicle.value(), customer.updated_at), customer_id,
                    customer.updated_at),
        };
        // The car's plate and VIN: claimed in the indexes, from another customer's car if need be.
        if (Status indexed = AppendIndexWrites(c, before, customer, resolve, customer.updated_at, writes);
            !indexed.ok()) {
          return indexed.error();
        }
        AppendFacetWrites(before, customer, writes);
        return redis::Commit<domain::Vehicle>{std::move(writes), vehicle.value()};
      },
      kMaxAttempts, domain::MakeError(domain::Errc::kConcurrentChanges));
}

Result<std::string> RedisCustomerRepository::Update(const std::string& customer_id, const std::string& request_id,
                                                    const Mutation& mutate) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Customer(customer_id);
  return redis::WatchedTransaction<std::string>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<std::string>> {
        if (auto earlier = WatchForRequest(c, record_key, request_id)) {
          return redis::Commit<std::string>{{}, *earlier};
        }
        const auto before = Parse(c.Run({"GET", record_key}));
        if (!before) {
          return domain::MakeError(domain::Errc::kNoCustomer, customer_id);
        }
        domain::Customer customer = *before;
        // The history is also written by SaveSegment: watch it too.
        c.Run({"WATCH", keys::History(customer_id)});
        pb::StoredHistory stored_history = ParseStoredHistory(c.Run({"GET", keys::History(customer_id)}));
        auto change = mutate(customer, ToHistory(stored_history, customer_id));
        if (!change.ok()) {
          return change.error();
        }
        if (!change->record_changed && change->items.empty()) {
          return redis::Commit<std::string>{{}, change->result_id};
        }
        const Instant now = clock_.Now();
        customer.updated_at = now;
        ++customer.revision;
        const auto stored = Serialize(customer);
        if (!stored) {
          return domain::MakeError(domain::Errc::kNoEncryptionKey);
        }
        std::vector<redis::Command> writes{{"SET", record_key, *stored}, Reclassify(customer_id, now)};
        AppendFacetWrites(before, customer, writes);
        // A new mobile or plate, a car active again or no longer: the indexes follow.
        if (Status indexed = AppendIndexWrites(c, before, customer, change->resolve, now, writes); !indexed.ok()) {
          return indexed.error();
        }
        for (const auto& car : domain::ChangedVehicles(*before, customer)) {
          writes.push_back(
              Publish(VehicleUpdatedEvent(customer, *customer.FindVehicle(car.vehicle_id), car.fields, now, ""),
                      customer_id, now));
        }
        for (const auto& item : change->items) {
          StoredItem stored_item = Store(customer, item, now);
          auto* entries = stored_history.mutable_entries();
          const auto same =
              std::find_if(entries->begin(), entries->end(),
                           [&, key = KeyOf(stored_item.entry)](const pb::TimelineEntry& e) { return KeyOf(e) == key; });
          if (same == entries->end()) {
            *entries->Add() = std::move(stored_item.entry);
          } else {
            *same = std::move(stored_item.entry);
          }
          writes.push_back(Publish(*stored_item.event, customer_id, now));
          writes.insert(writes.end(), stored_item.also.begin(), stored_item.also.end());
        }
        if (!change->items.empty()) {
          writes.push_back({"SET", keys::History(customer_id), stored_history.SerializeAsString()});
        }
        const RecordChangeEvents announced = RecordChangedEvents(customer, change->changed_fields, now);
        if (announced.updated) {
          writes.push_back(Publish(*announced.updated, customer_id, now));
        }
        if (announced.contact) {
          writes.push_back(Publish(*announced.contact, customer_id, now));
        }
        if (!request_id.empty()) {
          writes.push_back(
              {"SET", keys::Request(request_id), change->result_id, "EX", std::to_string(keys::kRequestTtlSeconds)});
        }
        return redis::Commit<std::string>{std::move(writes), change->result_id};
      },
      kMaxAttempts, domain::MakeError(domain::Errc::kConcurrentChanges));
}

Status RedisCustomerRepository::AppendIndexWrites(redis::Connection& c, const std::optional<domain::Customer>& before,
                                                  const domain::Customer& after, const ClaimResolver& resolve,
                                                  Instant now, std::vector<redis::Command>& writes) const {
  const std::string& id = after.customer_id;
  // The entry of `key` if it names this customer (so that a release never removes another's).
  auto names_us = [&](const std::string& key, const std::string& customer_id) {
    c.Run({"WATCH", key});
    const redis::Reply named = c.Run({"GET", key});
    return !named.IsNil() && named.Str() == customer_id;
  };
  if (before && before->mobile != after.mobile) {
    const std::string key = keys::ByMobile(after.mobile);
    c.Run({"WATCH", key});
    const redis::Reply owner = c.Run({"GET", key});
    if (!owner.IsNil() && owner.Str() != id) {
      return Error{ErrorCode::kAlreadyExists, "mobile", "already belongs to customer " + std::string(owner.Str())};
    }
    if (const std::string old_key = keys::ByMobile(before->mobile); names_us(old_key, id)) {
      writes.push_back({"DEL", old_key});
    }
    writes.push_back({"SET", key, id});
  }
  // Each key claimed: from the customer its index names, if another, as `resolve` decides. Holders
  // are read once (before, as changed by the claims).
  std::map<std::string, std::pair<domain::Customer, domain::Customer>> holders;
  std::set<std::string> claimed_plates;
  for (const auto& claim : domain::NewlyClaimedKeys(before ? &*before : nullptr, after)) {
    const bool plate = claim.kind == domain::CarKey::Kind::kPlate;
    const std::string key = plate ? keys::ByPlate(claim.value) : keys::ByVin(claim.value);
    c.Run({"WATCH", key});
    const redis::Reply named = c.Run({"GET", key});
    if (!named.IsNil() && named.Str() != id) {
      const std::string holder_id(named.Str());
      auto holder = holders.find(holder_id);
      if (holder == holders.end()) {
        c.Run({"WATCH", keys::Customer(holder_id)});
        if (auto record = Parse(c.Run({"GET", keys::Customer(holder_id)}))) {
          holder = holders.emplace(holder_id, std::pair{*record, *record}).first;
        }
      }
      if (holder != holders.end()) {
        Status claimed = resolve ? resolve(holder->second.second, claim)
                                 : domain::ClaimFrom(holder->second.second, claim, false, false);
        if (!claimed.ok()) {
          return claimed.error();
        }
      }
    }
    if (plate) {
      claimed_plates.insert(claim.value);
    }
    writes.push_back({"SET", key, id});
  }
  if (before) {
    for (const auto& plate : domain::ReleasedPlates(*before, after)) {
      if (const std::string key = keys::ByPlate(plate); names_us(key, id)) {
        writes.push_back({"DEL", key});
      }
    }
  }
  // The holders that gave a car up: stored, reclassified, and told (VehicleUpdated).
  for (auto& [holder_id, versions] : holders) {
    const domain::Customer& was = versions.first;
    domain::Customer& holder = versions.second;
    const auto changed = domain::ChangedVehicles(was, holder);
    if (changed.empty()) {
      continue;
    }
    holder.updated_at = now;
    ++holder.revision;
    const auto stored = Serialize(holder);
    if (!stored) {
      return domain::MakeError(domain::Errc::kNoEncryptionKey);
    }
    writes.push_back({"SET", keys::Customer(holder_id), *stored});
    writes.push_back(Reclassify(holder_id, now));
    AppendFacetWrites(was, holder, writes);
    for (const auto& car : changed) {
      writes.push_back(Publish(VehicleUpdatedEvent(holder, *holder.FindVehicle(car.vehicle_id), car.fields, now, id),
                               holder_id, now));
    }
    for (const auto& plate : domain::ReleasedPlates(was, holder)) {
      if (const std::string key = keys::ByPlate(plate); !claimed_plates.contains(plate) && names_us(key, holder_id)) {
        writes.push_back({"DEL", key});
      }
    }
  }
  return Ok{};
}

Result<domain::Customer> RedisCustomerRepository::ChangeConsent(const std::string& customer_id, domain::Channel channel,
                                                                const ConsentChange& change) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Customer(customer_id);
  return redis::WatchedTransaction<domain::Customer>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<domain::Customer>> {
        c.Run({"WATCH", record_key});
        const auto before = Parse(c.Run({"GET", record_key}));
        if (!before) {
          return domain::MakeError(domain::Errc::kNoCustomer, customer_id);
        }
        domain::Customer customer = *before;
        auto previous = change(customer);
        if (!previous.ok()) {
          return previous.error();
        }
        if (!previous.value()) {
          return redis::Commit<domain::Customer>{{}, customer};  // the same state again: nothing to record
        }
        ++customer.revision;
        const auto stored = Serialize(customer);
        if (!stored) {
          return domain::MakeError(domain::Errc::kNoEncryptionKey);
        }
        const auto consent = std::find_if(customer.consents.begin(), customer.consents.end(),
                                          [&](const auto& c) { return c.channel == channel; });
        const pb::ChannelConsent record = ToProto(*consent);
        std::vector<redis::Command> writes{
            {"SET", record_key, *stored},
            {"RPUSH", keys::ConsentLog(customer_id), record.SerializeAsString()},
            Publish(ConsentChangedEvent(customer, channel, *previous.value()), customer_id, consent->changed_at),
        };
        AppendFacetWrites(before, customer, writes);
        return redis::Commit<domain::Customer>{std::move(writes), customer};
      },
      kMaxAttempts, domain::MakeError(domain::Errc::kConcurrentChanges));
}

std::vector<domain::ChannelConsent> RedisCustomerRepository::ConsentHistory(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"LRANGE", keys::ConsentLog(customer_id), "0", "-1"});
  std::vector<domain::ChannelConsent> out;
  for (size_t i = 0; i < reply.Size(); ++i) {
    pb::ChannelConsent record;
    if (ParseInto(redis::ElementStr(reply.Element(i)), record)) {
      out.push_back(domain::ChannelConsent{ChannelFromProto(record.channel()).value_or(domain::Channel::kSms),
                                           FromProto(record.state()), events::FromTimestamp(record.changed_at()),
                                           record.source()});
    }
  }
  return out;
}

std::vector<domain::SegmentEntry> RedisCustomerRepository::SegmentChanges(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  const pb::StoredHistory stored = ParseStoredHistory(connection->Run({"GET", keys::History(customer_id)}));
  std::vector<domain::SegmentEntry> out;
  for (auto entry = stored.entries().rbegin(); entry != stored.entries().rend(); ++entry) {
    if (entry->kind() == pb::TIMELINE_ENTRY_KIND_SEGMENT) {
      out.push_back(domain::SegmentEntry{events::FromTimestamp(entry->occurred_at()), entry->summary()});
    }
  }
  return out;
}

bool RedisCustomerRepository::SaveSegment(const std::string& customer_id,
                                          const std::optional<domain::Classification>& previous,
                                          const domain::Classification& next, std::optional<Instant> recheck_at,
                                          const std::string& month) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Customer(customer_id);
  const std::string history_key = keys::History(customer_id);
  // One attempt only. Stale at the read (another classification was stored since `previous`):
  // give the claim up, the change that moved it queued its own check. Raced at EXEC (a write
  // landed between read and EXEC; not every write queues a check, ChangeConsent does not): keep
  // the lease, so the customer is claimed again when it expires.
  const Error stale{ErrorCode::kAborted, "", "the classification changed meanwhile"};
  const Error raced{ErrorCode::kUnavailable, "", "the record changed between read and write"};
  auto saved = redis::WatchedTransaction<bool>(
      *connection,
      [&](redis::Connection& c) -> Result<redis::Commit<bool>> {
        c.Run({"WATCH", record_key, history_key});
        const auto before = Parse(c.Run({"GET", record_key}));
        const auto& stored_class = before ? before->classification : std::nullopt;
        const bool unchanged_since_read = before && stored_class.has_value() == previous.has_value() &&
                                          (!stored_class || domain::SameSegment(*stored_class, *previous));
        if (!unchanged_since_read) {
          return stale;
        }
        const Instant now = clock_.Now();
        domain::Customer customer = *before;
        customer.classification = next;
        const auto stored = Serialize(customer);
        if (!stored) {
          return stale;
        }
        std::vector<redis::Command> writes;
        AppendFacetWrites(before, customer, writes);
        if (!previous || !domain::SameSegment(*previous, next)) {
          writes.push_back(Publish(SegmentChangedEvent(customer, previous, next, now), customer_id, now));
          // Rewritten whole rather than APPENDed: Redis keeps spare room after an APPEND (up to the
          // value's size again), which would double the memory of every history.
          pb::StoredHistory history = ParseStoredHistory(c.Run({"GET", history_key}));
          *history.add_entries() = Entry(pb::TIMELINE_ENTRY_KIND_SEGMENT, now, DescribeSegment(previous, next));
          writes.push_back({"SET", history_key, history.SerializeAsString()});
        }
        if (previous && previous->churn != next.churn) {
          const std::string moves = keys::Movements(customer.store_id, month);
          writes.push_back({"HINCRBY", moves, domain::EnteredCounter(next.churn), "1"});
          if (next.churn == domain::ChurnStage::kActive) {
            writes.push_back({"HINCRBY", moves, domain::WonBackCounter(previous->churn), "1"});
          }
        }
        writes.push_back({"SET", record_key, *stored});
        writes.push_back({"ZREM", keys::kReclassifyLeases, customer_id});
        if (recheck_at) {
          // Overwriting the score cannot lose a sooner check: a change queued meanwhile also changed
          // the record, which aborts this transaction (WATCH).
          writes.push_back(
              {"ZADD", keys::kReclassify, std::to_string(recheck_at->time_since_epoch().count()), customer_id});
        }
        return redis::Commit<bool>{std::move(writes), true};
      },
      1, raced);
  if (!saved.ok() && saved.error().code == ErrorCode::kAborted) {
    connection->Run({"ZREM", keys::kReclassifyLeases, customer_id});
  }
  return saved.ok();
}

std::vector<std::string> RedisCustomerRepository::ClaimReclassifications(Instant now, int limit) {
  auto connection = pool_.Acquire();
  return redis::ClaimDueTimers(*connection, {keys::kReclassify, keys::kReclassifyLeases}, now, kReclassifyLease, limit);
}

void RedisCustomerRepository::ReleaseReclassification(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  connection->Run({"ZREM", keys::kReclassifyLeases, customer_id});
}

}  // namespace careloop::customers::adapters
