#include "services/customers/app/customers_app.h"

#include <algorithm>
#include <functional>

#include "common/base/ids.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::app {
namespace {

using auth::Role;

// Staff who work with customer records; service identities only read contacts.
constexpr std::initializer_list<Role> kStaff = {Role::kAdmin, Role::kManager, Role::kAdvisor, Role::kClerk};

Error NotFound(const std::string& customer_id) {
  return Error{ErrorCode::kNotFound, "customer_id", "no customer '" + customer_id + "'"};
}

}  // namespace

CustomersApp::CustomersApp(CustomerRepository& repository, const clock::Clock& clock,
                           const config::StoreCatalog& stores, domain::ClassificationPolicy policy)
    : repository_(repository), clock_(clock), stores_(stores), directory_(stores), policy_(policy) {}

int CustomersApp::ReclassifyDue(int batch_size) {
  const Instant now = clock_.Now();
  const auto due = repository_.ClaimReclassifications(now, batch_size);
  for (const auto& customer_id : due) {
    const auto customer = repository_.Find(customer_id);
    if (!customer) {
      repository_.ReleaseReclassification(customer_id);
      continue;
    }
    const TimeZone& zone = stores_.ZoneOf(customer->store_id);
    const domain::Classification next = domain::ClassifyCustomer(
        *customer, repository_.VisitDates(customer_id), zone.DateAt(customer->created_at), zone.DateAt(now), policy_);
    const std::optional<Instant> recheck =
        next.next_change ? std::optional(zone.StartOfDay(*next.next_change)) : std::nullopt;
    // False means a concurrent change stored a newer classification; that change queued its own check.
    (void)repository_.SaveSegment(customer_id, customer->classification, next, recheck);
  }
  return static_cast<int>(due.size());
}

Date CustomersApp::TodayAt(const std::string& store_id) const {
  return stores_.ZoneOf(store_id).DateAt(clock_.Now());
}

Result<domain::Customer> CustomersApp::CreateCustomer(const auth::Principal& caller, const domain::NewCustomer& request,
                                                      const std::string& request_id) {
  if (Status role = caller.RequireRole(kStaff); !role.ok()) {
    return role.error();
  }
  if (!request.store_id.empty() && stores_.IsKnown(request.store_id)) {
    if (Status store = caller.RequireStore(request.store_id); !store.ok()) {
      return store.error();
    }
  }
  auto customer =
      domain::RegisterCustomer(request, NewRandomId("cus-"), clock_.Now(), TodayAt(request.store_id), directory_);
  if (!customer.ok()) {
    return customer.error();
  }
  return repository_.Create(customer.value(), request_id);
}

Result<domain::Customer> CustomersApp::GetCustomer(const auth::Principal& caller, const std::string& customer_id) {
  if (Status role = caller.RequireRole(kStaff); !role.ok()) {
    return role.error();
  }
  if (customer_id.empty()) {
    return InvalidArgument("customer_id", "is required");
  }
  auto customer = repository_.Find(customer_id);
  if (!customer) {
    return NotFound(customer_id);
  }
  if (Status store = caller.RequireStore(customer->store_id); !store.ok()) {
    return store.error();
  }
  return *customer;
}

Result<domain::Vehicle> CustomersApp::AddVehicle(const auth::Principal& caller, const std::string& customer_id,
                                                 const domain::NewVehicle& request) {
  auto owner = GetCustomer(caller, customer_id);
  if (!owner.ok()) {
    return owner.error();
  }
  const Date today = TodayAt(owner->store_id);
  const std::string vehicle_id = NewRandomId("veh-");
  return repository_.AddVehicle(customer_id, [&](const domain::Customer& current) {
    return domain::PrepareVehicle(current, request, vehicle_id, today);
  });
}

Result<domain::ServiceVisit> CustomersApp::RecordVisit(const auth::Principal& caller, const std::string& customer_id,
                                                       const domain::NewVisit& request, const std::string& request_id) {
  auto owner = GetCustomer(caller, customer_id);
  if (!owner.ok()) {
    return owner.error();
  }
  const Date today = TodayAt(owner->store_id);
  const std::string visit_id = NewRandomId("vis-");
  return repository_.AddVisit(customer_id, request_id, [&](const domain::Customer& current) {
    return domain::PrepareVisit(current, request, visit_id, today);
  });
}

Result<domain::Customer> CustomersApp::FindCustomer(const auth::Principal& caller, const std::string& mobile,
                                                    const std::string& plate, const std::string& vin) {
  if (Status role = caller.RequireRole(kStaff); !role.ok()) {
    return role.error();
  }
  const int keys = (mobile.empty() ? 0 : 1) + (plate.empty() ? 0 : 1) + (vin.empty() ? 0 : 1);
  if (keys != 1) {
    return InvalidArgument("key", "give exactly one of mobile, plate or vin");
  }
  // Decide once which key was given: its field name, its index, and how to normalise it.
  const bool by_mobile = !mobile.empty();
  const bool by_plate = !plate.empty();
  const std::string field = by_mobile ? "mobile" : by_plate ? "plate" : "vin";
  const auto index = by_mobile  ? CustomerRepository::Index::kMobile
                     : by_plate ? CustomerRepository::Index::kPlate
                                : CustomerRepository::Index::kVin;
  auto normalized = by_mobile  ? domain::NormalizeMobile(field, mobile)
                    : by_plate ? domain::NormalizePlate(field, plate)
                               : domain::NormalizeVin(field, vin);
  if (!normalized.ok()) {
    return normalized.error();
  }
  auto customer = repository_.FindBy(index, normalized.value());
  // Another store's customer is reported as not found: a lookup must not reveal who shops where.
  if (!customer || !caller.MayAccessStore(customer->store_id)) {
    return Error{ErrorCode::kNotFound, field, "no customer with " + normalized.value()};
  }
  return *customer;
}

Result<std::vector<SegmentCount>> CustomersApp::CountSegments(const auth::Principal& caller,
                                                              std::vector<std::string> store_ids,
                                                              const std::vector<SegmentDimension>& group_by,
                                                              int64_t* total) {
  if (Status role = caller.RequireRole({Role::kAdmin, Role::kManager, Role::kAdvisor}); !role.ok()) {
    return role.error();
  }
  if (store_ids.empty()) {
    for (const auto& store : stores_.all()) {
      if (caller.MayAccessStore(store.id)) {
        store_ids.push_back(store.id);
      }
    }
  }
  for (const auto& store_id : store_ids) {
    if (!stores_.IsKnown(store_id)) {
      return InvalidArgument("filter.store_ids", "unknown store '" + store_id + "'");
    }
    if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
      return allowed.error();
    }
  }
  auto by = [&](SegmentDimension d) { return std::find(group_by.begin(), group_by.end(), d) != group_by.end(); };
  // Every combination of the requested dimensions' values, as (dimension, value) pairs.
  std::vector<SegmentCount> groups{SegmentCount{}};
  std::vector<std::vector<std::pair<std::string, std::string>>> segments{{}};
  auto expand = [&](const char* dimension,
                    const std::vector<std::pair<std::string, std::function<void(SegmentCount&)>>>& values) {
    std::vector<SegmentCount> next_groups;
    std::vector<std::vector<std::pair<std::string, std::string>>> next_segments;
    for (size_t g = 0; g < groups.size(); ++g) {
      for (const auto& [value, set] : values) {
        SegmentCount group = groups[g];
        set(group);
        next_groups.push_back(group);
        auto with = segments[g];
        with.emplace_back(dimension, value);
        next_segments.push_back(std::move(with));
      }
    }
    groups = std::move(next_groups);
    segments = std::move(next_segments);
  };
  if (by(SegmentDimension::kValueTier)) {
    expand("tier", {{"high", [](SegmentCount& g) { g.value_tier = "high"; }},
                    {"standard", [](SegmentCount& g) { g.value_tier = "standard"; }}});
  }
  if (by(SegmentDimension::kChurnStage)) {
    std::vector<std::pair<std::string, std::function<void(SegmentCount&)>>> values;
    for (auto stage : {domain::ChurnStage::kActive, domain::ChurnStage::kAtRisk, domain::ChurnStage::kLapsing,
                       domain::ChurnStage::kLost, domain::ChurnStage::kLongLost}) {
      values.emplace_back(std::string(domain::ChurnStageName(stage)), [stage](SegmentCount& g) { g.churn = stage; });
    }
    expand("churn", values);
  }
  if (by(SegmentDimension::kLifecycleStage)) {
    std::vector<std::pair<std::string, std::function<void(SegmentCount&)>>> values;
    for (auto stage :
         {domain::LifecycleStage::kSuspect, domain::LifecycleStage::kProspect, domain::LifecycleStage::kCustomer,
          domain::LifecycleStage::kRepeatCustomer, domain::LifecycleStage::kChampion}) {
      values.emplace_back(std::string(domain::LifecycleStageName(stage)),
                          [stage](SegmentCount& g) { g.lifecycle = stage; });
    }
    expand("lifecycle", values);
  }
  std::vector<CustomerRepository::SegmentQuery> queries;
  for (const auto& store_id : store_ids) {
    queries.push_back({store_id, {}});  // the store's total
    for (const auto& group_segments : segments) {
      queries.push_back({store_id, group_segments});
    }
  }
  const auto counts = repository_.CountSegments(queries);
  std::vector<SegmentCount> result;
  *total = 0;
  size_t q = 0;
  for (const auto& store_id : store_ids) {
    *total += counts[q++];
    for (size_t g = 0; g < groups.size(); ++g, ++q) {
      if (counts[q] == 0) {
        continue;
      }
      SegmentCount group = groups[g];
      group.customers = counts[q];
      if (by(SegmentDimension::kStore)) {
        group.store_id = store_id;
        result.push_back(group);
        continue;
      }
      // Not grouped by store: add into the same group of earlier stores.
      auto same = std::find_if(result.begin(), result.end(), [&](const SegmentCount& other) {
        return other.value_tier == group.value_tier && other.churn == group.churn && other.lifecycle == group.lifecycle;
      });
      if (same == result.end()) {
        result.push_back(group);
      } else {
        same->customers += group.customers;
      }
    }
  }
  return result;
}

Status CustomersApp::CheckImport(const auth::Principal& caller, const std::string& store_id) const {
  if (Status role = caller.RequireRole({Role::kAdmin, Role::kManager, Role::kClerk}); !role.ok()) {
    return role;
  }
  if (!stores_.IsKnown(store_id)) {
    return InvalidArgument("store_id", "unknown store '" + store_id + "'");
  }
  return caller.RequireStore(store_id);
}

namespace {

ImportOutcome Rejected(Error error) {
  ImportOutcome outcome;
  outcome.kind = ImportOutcome::Kind::kRejected;
  outcome.error = std::move(error);
  return outcome;
}

}  // namespace

ImportOutcome CustomersApp::ImportDelivery(const auth::Principal& caller, const std::string& store_id,
                                           const domain::DeliveryRow& input) {
  // Rows come from any client: normalise the keys we match on before looking anything up.
  domain::DeliveryRow row = input;
  auto vin = domain::NormalizeVin("vin", row.vehicle.vin);
  if (!vin.ok()) {
    return Rejected(vin.error());
  }
  auto mobile = domain::NormalizeMobile("mobile", row.customer.mobile);
  if (!mobile.ok()) {
    return Rejected(mobile.error());
  }
  row.vehicle.vin = vin.value();
  row.customer.mobile = mobile.value();
  ImportOutcome outcome;
  std::optional<domain::Customer> owner = repository_.FindBy(CustomerRepository::Index::kVin, row.vehicle.vin);
  if (owner) {
    // The car is on record: the same line imported again, or the sales and after-sales exports
    // both listing the same person.
    if (!caller.MayAccessStore(owner->store_id)) {
      return Rejected(Error{ErrorCode::kPermissionDenied, "vin", "this car is on record at another store"});
    }
    if (row.customer.mobile != owner->mobile) {
      return Rejected(InvalidArgument("vin", "this car is on record for another mobile number"));
    }
    outcome.kind = ImportOutcome::Kind::kUnchanged;
    outcome.customer_id = owner->customer_id;
    for (const auto& vehicle : owner->vehicles) {
      if (vehicle.vin == row.vehicle.vin) {
        outcome.vehicle_id = vehicle.vehicle_id;
      }
    }
    return outcome;
  }
  owner = repository_.FindBy(CustomerRepository::Index::kMobile, row.customer.mobile);
  if (owner && !caller.MayAccessStore(owner->store_id)) {
    return Rejected(Error{ErrorCode::kPermissionDenied, "mobile", "this person is on record at another store"});
  }
  outcome.kind = owner ? ImportOutcome::Kind::kMerged : ImportOutcome::Kind::kCreated;
  if (!owner) {
    // Check the whole line before the first write: a person must not be created for a car
    // that is then rejected.
    domain::NewCustomer prospective = row.customer;
    prospective.store_id = store_id;
    const Date today = TodayAt(store_id);
    auto person = domain::RegisterCustomer(prospective, "check", clock_.Now(), today, directory_);
    if (!person.ok()) {
      return Rejected(person.error());
    }
    if (auto car = domain::PrepareVehicle(person.value(), row.vehicle, "check", today); !car.ok()) {
      return Rejected(car.error());
    }
    domain::NewCustomer request = row.customer;
    request.store_id = store_id;
    auto created = CreateCustomer(caller, request, "");
    if (!created.ok()) {
      return Rejected(created.error());
    }
    owner = created.value();
  }
  auto vehicle = AddVehicle(caller, owner->customer_id, row.vehicle);
  if (!vehicle.ok()) {
    return Rejected(vehicle.error());
  }
  outcome.customer_id = owner->customer_id;
  outcome.vehicle_id = vehicle->vehicle_id;
  return outcome;
}

ImportOutcome CustomersApp::ImportVisit(const auth::Principal& caller, const domain::VisitRow& input) {
  domain::VisitRow row = input;
  const bool by_vin = !row.vin.empty();
  auto key = by_vin ? domain::NormalizeVin("vin", row.vin) : domain::NormalizePlate("plate", row.plate);
  if (!key.ok()) {
    return Rejected(key.error());
  }
  (by_vin ? row.vin : row.plate) = key.value();
  auto owner = repository_.FindBy(by_vin ? CustomerRepository::Index::kVin : CustomerRepository::Index::kPlate,
                                  by_vin ? row.vin : row.plate);
  if (!owner || !caller.MayAccessStore(owner->store_id)) {
    return Rejected(
        InvalidArgument(by_vin ? "vin" : "plate", "no car on record with " + (by_vin ? row.vin : row.plate)));
  }
  domain::NewVisit visit = row.visit;
  for (const auto& vehicle : owner->vehicles) {
    if ((by_vin && vehicle.vin == row.vin) || (!by_vin && vehicle.plate == row.plate)) {
      visit.vehicle_id = vehicle.vehicle_id;
    }
  }
  // The same visit in next month's export (or a re-run of this one) derives the same request id.
  const std::string request_id =
      DerivedId("import-visit-", {visit.vehicle_id, visit.visit_date.ToString(), std::to_string(visit.odometer_km),
                                  std::to_string(static_cast<int>(visit.visit_type))});
  const std::string visit_id = NewRandomId("vis-");
  const Date today = TodayAt(owner->store_id);
  auto recorded = repository_.AddVisit(owner->customer_id, request_id, [&](const domain::Customer& current) {
    return domain::PrepareVisit(current, visit, visit_id, today);
  });
  if (!recorded.ok()) {
    return Rejected(recorded.error());
  }
  ImportOutcome outcome;
  outcome.kind = recorded->visit_id == visit_id ? ImportOutcome::Kind::kCreated : ImportOutcome::Kind::kUnchanged;
  outcome.customer_id = owner->customer_id;
  outcome.vehicle_id = visit.vehicle_id;
  return outcome;
}

Result<domain::Customer> CustomersApp::SetConsent(const auth::Principal& caller, const std::string& customer_id,
                                                  domain::Channel channel, domain::ConsentState state,
                                                  std::string source) {
  auto owner = GetCustomer(caller, customer_id);
  if (!owner.ok()) {
    return owner.error();
  }
  if (source.empty()) {
    source = "staff:" + caller.name;
  }
  const Instant now = clock_.Now();
  return repository_.ChangeConsent(customer_id, channel, [&](domain::Customer& current) {
    return domain::ChangeConsent(current, channel, state, source, now);
  });
}

Result<domain::Customer> CustomersApp::GetContact(const auth::Principal& caller, const std::string& customer_id) {
  if (Status role = caller.RequireRole({Role::kService, Role::kAdmin}); !role.ok()) {
    return role.error();
  }
  auto customer = repository_.Find(customer_id);
  if (!customer) {
    return NotFound(customer_id);
  }
  if (Status store = caller.RequireStore(customer->store_id); !store.ok()) {
    return store.error();
  }
  return *customer;
}

}  // namespace careloop::customers::app
