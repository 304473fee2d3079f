#include "services/customers/adapters/redis_customer_repository.h"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "careloop/customer/v1/storage.pb.h"
#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/kafka/cloud_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/timer_queue.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/adapters/redis_keys.h"
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
    }
  }
  for (const auto& f : new_facets.sets) {
    if (moved || !std::binary_search(old_facets.sets.begin(), old_facets.sets.end(), f)) {
      writes.push_back({"SADD", keys::Facet(after.store_id, f.name, f.value), id});
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

// Starts an optimistic transaction: WATCHes `key` and the request id's key. If the request id
// was seen before, stops watching and returns what that request made, so a retried command
// returns the first result instead of writing again.
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

Error NoCustomer(const std::string& customer_id) {
  return Error{ErrorCode::kNotFound, "customer_id", "no customer '" + customer_id + "'"};
}

template <typename Message>
bool ParseInto(std::string_view bytes, Message& out) {
  return out.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

// One history item as stored (hash field and bytes) and the event that announces it.
struct StoredItem {
  pb::TimelineEntry entry;  ///< the item as stored: its record as the entry's detail (KeyOf identifies it)
  std::unique_ptr<google::protobuf::Message> event;
  std::vector<redis::Command> also;  ///< report counters the item feeds
};

// A history entry holding `record` as its detail. The owner's id is left out of stored records:
// the key they are stored under says whose they are.
template <typename Record>
pb::TimelineEntry EntryWith(pb::TimelineEntryKind kind, Record* (pb::TimelineEntry::*detail)(), Record record) {
  pb::TimelineEntry entry;
  entry.set_kind(kind);
  record.clear_customer_id();
  *(entry.*detail)() = std::move(record);
  return entry;
}

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

StoredItem Store(const domain::Customer& owner, const app::CustomerRepository::HistoryItem& item, Instant now) {
  const std::string& id = owner.customer_id;
  const auto at = events::ToTimestamp(now);
  return std::visit(
      Overloaded{
          [&](const domain::ServiceVisit& visit) {
            auto event = std::make_unique<pb::ServiceVisitRecorded>();
            event->set_customer_id(id);
            event->set_vehicle_id(visit.vehicle_id);
            event->set_store_id(visit.store_id);
            event->set_visit_id(visit.visit_id);
            *event->mutable_visit_date() = events::ToProto(visit.visit_date);
            event->set_odometer_km(visit.odometer_km);
            event->set_visit_type(ToProto(visit.visit_type));
            event->set_advisor(visit.advisor);
            *event->mutable_occurred_at() = at;
            return StoredItem{
                EntryWith(pb::TIMELINE_ENTRY_KIND_SERVICE_VISIT, &pb::TimelineEntry::mutable_visit, ToProto(visit)),
                std::move(event)};
          },
          [&](const domain::InsurancePolicy& policy) {
            auto event = std::make_unique<pb::InsurancePolicyRecorded>();
            event->set_customer_id(id);
            event->set_vehicle_id(policy.vehicle_id);
            event->set_store_id(policy.store_id);
            event->set_policy_id(policy.policy_id);
            event->set_insurer(policy.insurer);
            *event->mutable_start_date() = events::ToProto(policy.start_date);
            *event->mutable_end_date() = events::ToProto(policy.end_date);
            event->set_bought_through_store(policy.bought_through_store);
            *event->mutable_occurred_at() = at;
            return StoredItem{EntryWith(pb::TIMELINE_ENTRY_KIND_INSURANCE_POLICY,
                                        &pb::TimelineEntry::mutable_insurance_policy, ToProto(id, policy)),
                              std::move(event)};
          },
          [&](const domain::Inspection& inspection) {
            auto event = std::make_unique<pb::InspectionRecorded>();
            event->set_customer_id(id);
            event->set_vehicle_id(inspection.vehicle_id);
            event->set_store_id(inspection.store_id);
            event->set_inspection_id(inspection.inspection_id);
            *event->mutable_inspection_date() = events::ToProto(inspection.inspection_date);
            *event->mutable_next_due_date() = events::ToProto(inspection.next_due_date);
            event->set_done_through_store(inspection.done_through_store);
            *event->mutable_occurred_at() = at;
            return StoredItem{EntryWith(pb::TIMELINE_ENTRY_KIND_INSPECTION, &pb::TimelineEntry::mutable_inspection,
                                        ToProto(id, inspection)),
                              std::move(event)};
          },
          [&](const domain::Referral& referral) {
            auto event = std::make_unique<pb::ReferralRecorded>();
            event->set_customer_id(id);
            event->set_store_id(referral.store_id);
            event->set_referral_id(referral.referral_id);
            event->set_referred_customer_id(referral.referred_customer_id);
            *event->mutable_referral_date() = events::ToProto(referral.referral_date);
            event->set_purchased(referral.purchased);
            if (referral.purchase_date.IsSet()) {
              *event->mutable_purchase_date() = events::ToProto(referral.purchase_date);
            }
            *event->mutable_occurred_at() = at;
            StoredItem stored{EntryWith(pb::TIMELINE_ENTRY_KIND_REFERRAL, &pb::TimelineEntry::mutable_referral,
                                        ToProto(id, referral)),
                              std::move(event)};
            if (referral.purchased) {
              // A set, so recording the same referral again counts it once.
              stored.also.push_back(
                  {"SADD",
                   keys::ReferralPurchases(referral.store_id, domain::Month::Of(referral.purchase_date).ToString()),
                   referral.referral_id});
            }
            return stored;
          },
          [&](const domain::Purchase& purchase) {
            auto event = std::make_unique<pb::PurchaseRecorded>();
            const pb::Purchase record = ToProto(id, purchase);
            event->set_customer_id(id);
            event->set_store_id(purchase.store_id);
            event->set_purchase_id(purchase.purchase_id);
            event->set_kind(record.kind());
            event->set_vehicle_id(purchase.vehicle_id);
            event->set_replaced_vehicle_id(purchase.replaced_vehicle_id);
            *event->mutable_purchase_date() = record.purchase_date();
            *event->mutable_occurred_at() = at;
            return StoredItem{EntryWith(pb::TIMELINE_ENTRY_KIND_PURCHASE, &pb::TimelineEntry::mutable_purchase, record),
                              std::move(event)};
          },
          [&](const domain::PrepaidPackage& package) {
            auto event = std::make_unique<pb::PackagePurchased>();
            const pb::PrepaidPackage record = ToProto(id, package);
            event->set_customer_id(id);
            event->set_vehicle_id(package.vehicle_id);
            event->set_store_id(package.store_id);
            event->set_package_id(package.package_id);
            event->set_kind(record.kind());
            *event->mutable_purchase_date() = record.purchase_date();
            *event->mutable_valid_until() = record.valid_until();
            event->set_services_total(package.services_total);
            event->set_amount_fen(package.amount_fen);
            *event->mutable_occurred_at() = at;
            return StoredItem{
                EntryWith(pb::TIMELINE_ENTRY_KIND_PACKAGE, &pb::TimelineEntry::mutable_prepaid_package, record),
                std::move(event)};
          },
          [&](const domain::Complaint& complaint) {
            auto event = std::make_unique<pb::ComplaintRecorded>();
            const pb::Complaint record = ToProto(id, complaint);
            event->set_customer_id(id);
            event->set_vehicle_id(complaint.vehicle_id);
            event->set_store_id(complaint.store_id);
            event->set_complaint_id(complaint.complaint_id);
            event->set_case_id(complaint.case_id);
            event->set_severity(record.severity());
            event->set_outcome(record.outcome());
            *event->mutable_opened_date() = record.opened_date();
            if (record.has_closed_date()) {
              *event->mutable_closed_date() = record.closed_date();
            }
            *event->mutable_occurred_at() = at;
            return StoredItem{
                EntryWith(pb::TIMELINE_ENTRY_KIND_COMPLAINT, &pb::TimelineEntry::mutable_complaint, record),
                std::move(event)};
          },
          [&](const domain::OdometerReading& reading) {
            auto event = std::make_unique<pb::OdometerRecorded>();
            event->set_customer_id(id);
            event->set_vehicle_id(reading.vehicle_id);
            event->set_store_id(owner.store_id);
            event->set_odometer_km(reading.odometer_km);
            *event->mutable_reading_date() = events::ToProto(reading.reading_date);
            event->set_source(reading.source);
            if (const domain::Vehicle* vehicle = owner.FindVehicle(reading.vehicle_id)) {
              event->set_estimated_km_per_day(vehicle->estimated_km_per_day);
            }
            *event->mutable_occurred_at() = at;
            pb::TimelineEntry entry;
            entry.set_kind(pb::TIMELINE_ENTRY_KIND_ODOMETER);
            *entry.mutable_odometer_reading() = ToProto(reading);
            return StoredItem{std::move(entry), std::move(event)};
          },
      },
      item);
}

pb::StoredHistory ParseStoredHistory(const redis::Reply& reply) {
  pb::StoredHistory stored;
  if (!reply.IsNil() && !ParseInto(reply.Str(), stored)) {
    throw std::runtime_error("corrupt customer history");
  }
  return stored;
}

// What identifies a history entry: "<kind>:<id>"; a later item with the same key replaces it.
// Empty for entries that are never replaced (segment changes).
std::string KeyOf(const pb::TimelineEntry& entry) {
  switch (entry.detail_case()) {
    case pb::TimelineEntry::kVisit: return "visit:" + entry.visit().visit_id();
    case pb::TimelineEntry::kInsurancePolicy: return "policy:" + entry.insurance_policy().policy_id();
    case pb::TimelineEntry::kInspection: return "inspection:" + entry.inspection().inspection_id();
    case pb::TimelineEntry::kReferral: return "referral:" + entry.referral().referral_id();
    case pb::TimelineEntry::kPurchase: return "purchase:" + entry.purchase().purchase_id();
    case pb::TimelineEntry::kPrepaidPackage: return "package:" + entry.prepaid_package().package_id();
    case pb::TimelineEntry::kComplaint: return "complaint:" + entry.complaint().complaint_id();
    case pb::TimelineEntry::kOdometerReading: {
      const auto reading = FromProto(entry.odometer_reading(), "");
      return "odometer:" + domain::OdometerReadingId(reading);
    }
    default: return "";
  }
}

domain::History ToHistory(const pb::StoredHistory& stored, const std::string& customer_id) {
  domain::History history;
  for (const auto& entry : stored.entries()) {
    switch (entry.detail_case()) {
      case pb::TimelineEntry::kVisit: {
        domain::ServiceVisit visit = FromProto(entry.visit());
        visit.customer_id = customer_id;
        history.visits.push_back(std::move(visit));
        break;
      }
      case pb::TimelineEntry::kInsurancePolicy: history.policies.push_back(FromProto(entry.insurance_policy())); break;
      case pb::TimelineEntry::kInspection: history.inspections.push_back(FromProto(entry.inspection())); break;
      case pb::TimelineEntry::kReferral: history.referrals.push_back(FromProto(entry.referral())); break;
      case pb::TimelineEntry::kPurchase: history.purchases.push_back(FromProto(entry.purchase())); break;
      case pb::TimelineEntry::kPrepaidPackage: history.packages.push_back(FromProto(entry.prepaid_package())); break;
      case pb::TimelineEntry::kComplaint: history.complaints.push_back(FromProto(entry.complaint())); break;
      case pb::TimelineEntry::kOdometerReading: {
        domain::OdometerReading reading = FromProto(entry.odometer_reading(), "");
        reading.reading_id = domain::OdometerReadingId(reading);
        history.odometer_readings.push_back(std::move(reading));
        break;
      }
      default: break;  // segment changes are read by SegmentChanges
    }
  }
  std::sort(history.visits.begin(), history.visits.end(),
            [](const auto& a, const auto& b) { return a.visit_date < b.visit_date; });
  return history;
}

// The record's contact fields (ContactDetailsChanged names them); nullopt for other fields.
std::optional<pb::ContactField> ContactFieldOf(const std::string& field) {
  static const std::map<std::string, pb::ContactField> kContactFields = {
      {"name", pb::CONTACT_FIELD_NAME},
      {"mobile", pb::CONTACT_FIELD_MOBILE},
      {"home_phone", pb::CONTACT_FIELD_HOME_PHONE},
      {"office_phone", pb::CONTACT_FIELD_OFFICE_PHONE},
      {"address", pb::CONTACT_FIELD_ADDRESS},
      {"national_id", pb::CONTACT_FIELD_NATIONAL_ID},
      {"birthday", pb::CONTACT_FIELD_BIRTHDAY},
      {"wechat_openid", pb::CONTACT_FIELD_WECHAT_OPENID}};
  const auto it = kContactFields.find(field);
  return it == kContactFields.end() ? std::nullopt : std::optional(it->second);
}

// Searches one store's customers on a consistent snapshot: unions for "any of", a scratch set
// per date condition (dated facets carry "<id>|<key>" members for customers with several
// dates), one intersection, a difference for "none of", then one page in id order.
const redis::Script& SearchScript() {
  static const redis::Script script(R"lua(
local spec = cjson.decode(ARGV[1])
local scratch, used = spec.scratch, 0
local function fresh() used = used + 1; return scratch .. used end
local sets = {}
for _, group in ipairs(spec.all) do
  if #group == 1 then
    sets[#sets + 1] = group[1]
  else
    local key = fresh(); redis.call('SUNIONSTORE', key, unpack(group)); sets[#sets + 1] = key
  end
end
for _, condition in ipairs(spec.dates) do
  local key = fresh()
  for _, dated in ipairs(condition.keys) do
    for _, range in ipairs(condition.ranges) do
      local members = redis.call('ZRANGE', dated, range[1], range[2], 'BYSCORE')
      local batch = {}
      for _, member in ipairs(members) do
        batch[#batch + 1] = string.match(member, '^[^|]*')
        if #batch == 1000 then redis.call('SADD', key, unpack(batch)); batch = {} end
      end
      if #batch > 0 then redis.call('SADD', key, unpack(batch)) end
    end
  end
  sets[#sets + 1] = key
end
local result = fresh()
redis.call('SINTERSTORE', result, unpack(sets))
if #spec.none > 0 then redis.call('SDIFFSTORE', result, result, unpack(spec.none)) end
local total = redis.call('SCARD', result)
local page = {}
if spec.limit > 0 and total > 0 then
  local ids = redis.call('SMEMBERS', result)
  table.sort(ids)
  for _, id in ipairs(ids) do
    if id > spec.after then
      page[#page + 1] = id
      if #page == spec.limit then break end
    end
  end
end
for i = 1, used do redis.call('DEL', scratch .. i) end
return {total, page}
)lua");
  return script;
}

std::string Bound(const Date& date, bool upper) {
  return date.IsSet() ? std::to_string(date.DaysSinceEpoch()) : (upper ? "+inf" : "-inf");
}

pb::TimelineEntry Entry(pb::TimelineEntryKind kind, Instant at, const std::string& summary) {
  pb::TimelineEntry entry;
  entry.set_kind(kind);
  *entry.mutable_occurred_at() = events::ToTimestamp(at);
  entry.set_summary(summary);
  return entry;
}

std::string DescribeSegment(const std::optional<domain::Classification>& before, const domain::Classification& after) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  if (!before || before->churn != after.churn) {
    add("churn stage " + (before ? std::string(domain::ChurnStageName(before->churn)) + " -> " : std::string()) +
        std::string(domain::ChurnStageName(after.churn)));
  }
  if (!before || before->high_value() != after.high_value() || before->value_criteria != after.value_criteria) {
    std::string criteria;
    for (auto c : after.value_criteria) {
      criteria += (criteria.empty() ? "" : ",") + std::string(domain::ValueCriterionName(c));
    }
    add(std::string("value tier ") + (after.high_value() ? "high (" + criteria + ")" : "standard"));
  }
  if (!before || before->lifecycle != after.lifecycle) {
    add("lifecycle " + std::string(domain::LifecycleStageName(after.lifecycle)));
  }
  return out;
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

namespace {
Error NoCipher() {
  return Error{ErrorCode::kFailedPrecondition, "national_id",
               "cannot be stored: no encryption key is configured (customers.national_id_key)"};
}
}  // namespace

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
    return NoCipher();
  }
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
        {"SET", keys::Customer(customer.customer_id), *stored},
        {"SET", mobile_key, customer.customer_id},
        Reclassify(customer.customer_id, clock_.Now()),
        Publish(created, customer.customer_id, clock_.Now()),
    };
    AppendFacetWrites(std::nullopt, customer, writes);
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
    const auto before = Parse(connection->Run({"GET", record_key}));
    if (!before) {
      connection->Run({"UNWATCH"});
      return NoCustomer(customer_id);
    }
    auto vehicle = prepare(*before);
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
    domain::Customer customer = *before;
    customer.vehicles.push_back(vehicle.value());
    customer.updated_at = clock_.Now();
    ++customer.revision;
    const auto stored = Serialize(customer);
    if (!stored) {
      connection->Run({"UNWATCH"});
      return NoCipher();
    }

    pb::VehicleDelivered delivered;
    delivered.set_customer_id(customer_id);
    delivered.set_vehicle_id(vehicle->vehicle_id);
    delivered.set_store_id(customer.store_id);
    delivered.set_vin(vehicle->vin);
    delivered.set_plate(vehicle->plate);
    delivered.set_model(vehicle->model);
    *delivered.mutable_delivery_date() = events::ToProto(vehicle->delivery_date);
    *delivered.mutable_occurred_at() = events::ToTimestamp(customer.updated_at);
    delivered.set_odometer_km(vehicle->odometer_km);

    std::vector<redis::Command> writes{
        {"SET", record_key, *stored},
        {"SET", vin_key, customer_id},
        {"SET", keys::ByPlate(vehicle->plate), customer_id},
        Reclassify(customer_id, customer.updated_at),
        Publish(delivered, customer_id, customer.updated_at),
    };
    AppendFacetWrites(before, customer, writes);
    if (!connection->Transaction(writes).IsNil()) {
      return vehicle;
    }
  }
  return Conflict();
}

Result<std::string> RedisCustomerRepository::Update(const std::string& customer_id, const std::string& request_id,
                                                    const Mutation& mutate) {
  auto connection = pool_.Acquire();
  const std::string record_key = keys::Customer(customer_id);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    if (auto earlier = WatchForRequest(*connection, record_key, request_id)) {
      return *earlier;
    }
    // Every history write also rewrites the record (revision, updated_at), so watching the
    // record guards the history too.
    const auto before = Parse(connection->Run({"GET", record_key}));
    if (!before) {
      connection->Run({"UNWATCH"});
      return NoCustomer(customer_id);
    }
    domain::Customer customer = *before;
    // The history is also written by SaveSegment: watch it too.
    connection->Run({"WATCH", keys::History(customer_id)});
    pb::StoredHistory stored_history = ParseStoredHistory(connection->Run({"GET", keys::History(customer_id)}));
    auto change = mutate(customer, ToHistory(stored_history, customer_id));
    if (!change.ok()) {
      connection->Run({"UNWATCH"});
      return change.error();
    }
    if (!change->record_changed && change->items.empty()) {
      connection->Run({"UNWATCH"});
      return change->result_id;
    }
    const Instant now = clock_.Now();
    customer.updated_at = now;
    ++customer.revision;
    const auto stored = Serialize(customer);
    if (!stored) {
      connection->Run({"UNWATCH"});
      return NoCipher();
    }
    std::vector<redis::Command> writes{{"SET", record_key, *stored}, Reclassify(customer_id, now)};
    AppendFacetWrites(before, customer, writes);
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
    if (!change->changed_fields.empty()) {
      pb::CustomerUpdated updated;
      updated.set_customer_id(customer_id);
      updated.set_store_id(customer.store_id);
      pb::ContactDetailsChanged contact;
      contact.set_customer_id(customer_id);
      contact.set_store_id(customer.store_id);
      for (const auto& field : change->changed_fields) {
        if (const auto contact_field = ContactFieldOf(field)) {
          contact.add_changed_fields(*contact_field);
        } else {
          updated.add_changed_fields(field);
        }
      }
      *updated.mutable_occurred_at() = events::ToTimestamp(now);
      *contact.mutable_occurred_at() = events::ToTimestamp(now);
      updated.set_revision(customer.revision);
      if (updated.changed_fields_size() > 0) {
        writes.push_back(Publish(updated, customer_id, now));
      }
      if (contact.changed_fields_size() > 0) {
        writes.push_back(Publish(contact, customer_id, now));
      }
    }
    if (!request_id.empty()) {
      writes.push_back(
          {"SET", keys::Request(request_id), change->result_id, "EX", std::to_string(keys::kRequestTtlSeconds)});
    }
    if (!connection->Transaction(writes).IsNil()) {
      return change->result_id;
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
    const auto before = Parse(connection->Run({"GET", record_key}));
    if (!before) {
      connection->Run({"UNWATCH"});
      return NoCustomer(customer_id);
    }
    domain::Customer customer = *before;
    auto previous = change(customer);
    if (!previous.ok()) {
      connection->Run({"UNWATCH"});
      return previous.error();
    }
    if (!previous.value()) {
      connection->Run({"UNWATCH"});
      return customer;  // the same state again: nothing to record
    }
    ++customer.revision;
    const auto stored = Serialize(customer);
    if (!stored) {
      connection->Run({"UNWATCH"});
      return NoCipher();
    }
    const auto consent = std::find_if(customer.consents.begin(), customer.consents.end(),
                                      [&](const auto& c) { return c.channel == channel; });
    const pb::ChannelConsent record = ToProto(*consent);
    pb::ConsentChanged changed;
    changed.set_customer_id(customer_id);
    changed.set_store_id(customer.store_id);
    changed.set_channel(record.channel());
    changed.set_state(record.state());
    changed.set_source(record.source());
    *changed.mutable_occurred_at() = record.changed_at();
    changed.set_previous_state(ToProto(*previous.value()));
    std::vector<redis::Command> writes{
        {"SET", record_key, *stored},
        {"RPUSH", keys::ConsentLog(customer_id), record.SerializeAsString()},
        Publish(changed, customer_id, consent->changed_at),
    };
    AppendFacetWrites(before, customer, writes);
    if (!connection->Transaction(writes).IsNil()) {
      return customer;
    }
  }
  return Conflict();
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

void RedisCustomerRepository::RecordContact(const std::string& customer_id, const domain::ContactEntry& contact) {
  // Dispatch events arrive at least once: the first copy of (message, what happened) is kept.
  static const redis::Script script(R"lua(
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then
  redis.call('LPUSH', KEYS[2], ARGV[1])
  redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1)
end
return 0
)lua");
  pb::TimelineEntry entry = Entry(pb::TIMELINE_ENTRY_KIND_CONTACT, contact.at, contact.summary);
  auto* detail = entry.mutable_contact();
  detail->set_channel(ToProto(contact.channel));
  detail->set_message_id(contact.message_id);
  detail->set_inbound(contact.inbound);
  detail->set_summary(contact.summary);
  auto connection = pool_.Acquire();
  constexpr int kSeenSeconds = 30 * 24 * 3600;
  script.Run(
      *connection,
      {"cl:cust:contact-seen:" + Sha256Hex(contact.message_id + "|" + contact.summary), keys::Contacts(customer_id)},
      {entry.SerializeAsString(), std::to_string(keys::kTimelineListCap), std::to_string(kSeenSeconds)});
}

std::vector<domain::ContactEntry> RedisCustomerRepository::Contacts(const std::string& customer_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"LRANGE", keys::Contacts(customer_id), "0", "-1"});
  std::vector<domain::ContactEntry> out;
  for (size_t i = 0; i < reply.Size(); ++i) {
    pb::TimelineEntry entry;
    if (ParseInto(redis::ElementStr(reply.Element(i)), entry)) {
      out.push_back(domain::ContactEntry{
          entry.contact().message_id(), ChannelFromProto(entry.contact().channel()).value_or(domain::Channel::kSms),
          entry.contact().inbound(), entry.summary(), events::FromTimestamp(entry.occurred_at())});
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
  connection->Run({"WATCH", record_key, history_key});
  const auto before = Parse(connection->Run({"GET", record_key}));
  const auto& stored_class = before ? before->classification : std::nullopt;
  const bool unchanged_since_read = before && stored_class.has_value() == previous.has_value() &&
                                    (!stored_class || domain::SameSegment(*stored_class, *previous));
  if (!unchanged_since_read) {
    connection->Run({"UNWATCH"});
    connection->Run({"ZREM", keys::kReclassifyLeases, customer_id});
    return false;
  }
  const Instant now = clock_.Now();
  domain::Customer customer = *before;
  customer.classification = next;
  const auto stored = Serialize(customer);
  if (!stored) {
    connection->Run({"UNWATCH"});
    connection->Run({"ZREM", keys::kReclassifyLeases, customer_id});
    return false;
  }
  std::vector<redis::Command> writes;
  AppendFacetWrites(before, customer, writes);
  if (!previous || !domain::SameSegment(*previous, next)) {
    pb::CustomerSegmentChanged changed;
    changed.set_customer_id(customer_id);
    changed.set_store_id(customer.store_id);
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
    if (customer.last_visit_date.IsSet()) {
      *changed.mutable_last_visit_date() = events::ToProto(customer.last_visit_date);
    }
    *changed.mutable_occurred_at() = events::ToTimestamp(now);
    writes.push_back(Publish(changed, customer_id, now));
    // Rewritten whole rather than APPENDed: Redis keeps spare room after an APPEND (up to the
    // value's size again), which would double the memory of every history.
    pb::StoredHistory history = ParseStoredHistory(connection->Run({"GET", history_key}));
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

std::vector<app::CustomerRepository::SearchMatches> RedisCustomerRepository::Search(
    const std::vector<SearchQuery>& queries, const std::string& after, int limit) {
  std::vector<SearchMatches> out;
  auto connection = pool_.Acquire();
  for (const auto& query : queries) {
    const std::string& store = query.store_id;
    nlohmann::json spec;
    spec["scratch"] = keys::kSearchScratch;
    spec["after"] = after;
    spec["limit"] = limit;
    spec["all"] = nlohmann::json::array({nlohmann::json::array({keys::Facet(store, domain::facet::kAll, "")})});
    for (const auto& condition : query.plan.all_of) {
      nlohmann::json group = nlohmann::json::array();
      for (const auto& f : condition.any_of) {
        group.push_back(keys::Facet(store, f.name, f.value));
      }
      spec["all"].push_back(group);
    }
    spec["none"] = nlohmann::json::array();
    for (const auto& f : query.plan.none_of) {
      spec["none"].push_back(keys::Facet(store, f.name, f.value));
    }
    spec["dates"] = nlohmann::json::array();
    for (const auto& condition : query.plan.dates) {
      nlohmann::json ranges = nlohmann::json::array();
      for (const auto& range : condition.any_of) {
        ranges.push_back({Bound(range.from, false), Bound(range.to, true)});
      }
      nlohmann::json dated_keys = nlohmann::json::array();
      for (const auto& facet : condition.facets) {
        dated_keys.push_back(keys::DatedFacet(store, facet));
      }
      spec["dates"].push_back({{"keys", dated_keys}, {"ranges", ranges}});
    }
    redis::Reply reply = SearchScript().Run(*connection, {}, {spec.dump()});
    if (reply.IsError() || reply.Size() != 2) {
      throw redis::RedisUnavailable("customer search failed: " + std::string(reply.Str()));
    }
    SearchMatches matches;
    matches.total = reply.Element(0)->integer;
    const redisReply* page = reply.Element(1);
    for (size_t i = 0; i < page->elements; ++i) {
      matches.page.emplace_back(redis::ElementStr(page->element[i]));
    }
    out.push_back(std::move(matches));
  }
  return out;
}

std::optional<std::string> RedisCustomerRepository::LastSnapshotMonth(const std::string& store_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"GET", keys::LastSnapshot(store_id)});
  return reply.IsNil() ? std::nullopt : std::optional<std::string>(reply.Str());
}

void RedisCustomerRepository::SaveSnapshot(const std::string& store_id, const std::string& month,
                                           const std::map<std::string, int64_t>& counts) {
  redis::Command hset{"HSET", keys::Snapshot(store_id, month)};
  for (const auto& [name, count] : counts) {
    hset.push_back(name);
    hset.push_back(std::to_string(count));
  }
  auto connection = pool_.Acquire();
  connection->Transaction({hset, {"SET", keys::LastSnapshot(store_id), month}});
}

std::optional<std::map<std::string, int64_t>> RedisCustomerRepository::LoadSnapshot(const std::string& store_id,
                                                                                    const std::string& month) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HGETALL", keys::Snapshot(store_id, month)});
  if (reply.Size() == 0) {
    return std::nullopt;
  }
  std::map<std::string, int64_t> out;
  for (size_t i = 0; i + 1 < reply.Size(); i += 2) {
    out[std::string(redis::ElementStr(reply.Element(i)))] =
        std::stoll(std::string(redis::ElementStr(reply.Element(i + 1))));
  }
  return out;
}

std::map<std::string, int64_t> RedisCustomerRepository::Movements(const std::string& store_id,
                                                                  const std::string& month) {
  auto connection = pool_.Acquire();
  auto replies = connection->Pipeline(
      {{"HGETALL", keys::Movements(store_id, month)}, {"SCARD", keys::ReferralPurchases(store_id, month)}});
  std::map<std::string, int64_t> out;
  for (size_t i = 0; i + 1 < replies[0].Size(); i += 2) {
    out[std::string(redis::ElementStr(replies[0].Element(i)))] =
        std::stoll(std::string(redis::ElementStr(replies[0].Element(i + 1))));
  }
  out[domain::kReferralPurchasesCounter] = replies[1].Integer();
  return out;
}

}  // namespace careloop::customers::adapters
