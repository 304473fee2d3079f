// DMS import: one line of a delivery, visit or policy export at a time. A person or car already
// on record is merged, not duplicated; a line seen before changes nothing.
#include <algorithm>

#include "common/base/ids.h"
#include "services/customers/app/access.h"
#include "services/customers/app/customers_app.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::app {
namespace {

ImportOutcome Rejected(Error error) {
  ImportOutcome outcome;
  outcome.kind = ImportOutcome::Kind::kRejected;
  outcome.error = std::move(error);
  return outcome;
}

}  // namespace

Status CustomersApp::CheckImport(const auth::Principal& caller, const std::string& store_id) const {
  if (Status allowed = Authorize(caller, UseCase::kImport); !allowed.ok()) {
    return allowed;
  }
  if (!stores_.IsKnown(store_id)) {
    return InvalidArgument("store_id", "unknown store '" + store_id + "'");
  }
  return caller.RequireStore(store_id);
}

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
  std::optional<domain::Customer> owner = records_.FindBy(CustomerRepository::Index::kVin, row.vehicle.vin);
  if (owner) {
    // The car is on record: the same line imported again, or the sales and after-sales exports
    // both listing the same person.
    if (!caller.MayAccessStore(owner->store_id)) {
      return Rejected(Error{ErrorCode::kPermissionDenied, "vin", "this car is on record at another store"});
    }
    if (row.customer.mobile != owner->mobile) {
      return Rejected(InvalidArgument("vin", "this car is on record for another mobile number (customer " +
                                                 owner->customer_id +
                                                 "); if it changed owner, record the transfer with `vehicle add "
                                                 "--transfer`"));
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
  owner = records_.FindBy(CustomerRepository::Index::kMobile, row.customer.mobile);
  if (owner && !caller.MayAccessStore(owner->store_id)) {
    return Rejected(Error{ErrorCode::kPermissionDenied, "mobile", "this person is on record at another store"});
  }
  outcome.kind = owner ? ImportOutcome::Kind::kMerged : ImportOutcome::Kind::kCreated;
  // A plate on another customer's active car refuses the line, naming the holder, before anything
  // is written (a new person would be left without the car). A delivery export is not where a
  // change of owner is decided: staff record it (`vehicle add --transfer`) and re-run the file.
  if (auto plate = domain::NormalizePlate("plate", row.vehicle.plate); plate.ok()) {
    auto holder = records_.FindBy(CustomerRepository::Index::kPlate, plate.value());
    if (holder && (!owner || holder->customer_id != owner->customer_id)) {
      const domain::CarKey key{domain::CarKey::Kind::kPlate, plate.value(), ""};
      if (Status free = ClaimRule(caller, false)(*holder, key); !free.ok()) {
        return Rejected(free.error());
      }
    }
  }
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

Result<CustomersApp::CarOnRecord> CustomersApp::FindCarOnRecord(const auth::Principal& caller, const std::string& vin,
                                                                const std::string& plate) {
  const bool by_vin = !vin.empty();
  auto key = by_vin ? domain::NormalizeVin("vin", vin) : domain::NormalizePlate("plate", plate);
  if (!key.ok()) {
    return key.error();
  }
  auto owner =
      records_.FindBy(by_vin ? CustomerRepository::Index::kVin : CustomerRepository::Index::kPlate, key.value());
  if (!owner || !caller.MayAccessStore(owner->store_id)) {
    return InvalidArgument(by_vin ? "vin" : "plate", "no car on record with " + key.value());
  }
  CarOnRecord car{std::move(*owner), ""};
  // The owner's car with the key: the active one when the record also keeps an earlier one.
  for (const auto& vehicle : car.owner.vehicles) {
    const bool match = by_vin ? vehicle.vin == key.value() : vehicle.plate == key.value();
    if (match && (car.vehicle_id.empty() || vehicle.active())) {
      car.vehicle_id = vehicle.vehicle_id;
    }
  }
  if (car.vehicle_id.empty() || (!by_vin && !car.owner.FindVehicle(car.vehicle_id)->active())) {
    return InvalidArgument(by_vin ? "vin" : "plate", "no car on record with " + key.value());
  }
  return car;
}

ImportOutcome CustomersApp::ImportVisit(const auth::Principal& caller, const domain::VisitRow& input) {
  auto car = FindCarOnRecord(caller, input.vin, input.plate);
  if (!car.ok()) {
    return Rejected(car.error());
  }
  const domain::Customer& owner = car->owner;
  domain::NewVisit visit = input.visit;
  visit.vehicle_id = car->vehicle_id;
  // The same visit in next month's export (or a re-run of this one) derives the same request id.
  const std::string request_id =
      DerivedId("import-visit-", {visit.vehicle_id, visit.visit_date.ToString(), std::to_string(visit.odometer_km),
                                  std::to_string(static_cast<int>(visit.visit_type))});
  const std::string visit_id = NewRandomId("vis-");
  // Stored exactly as RecordVisit stores a visit: one rule for the odometer and the estimate.
  auto recorded = StoreItem<domain::ServiceVisit>(owner.customer_id, request_id, TodayAt(owner.store_id),
                                                  VisitPreparer(visit, visit_id), &domain::History::visits,
                                                  &domain::ServiceVisit::visit_id);
  if (!recorded.ok()) {
    return Rejected(recorded.error());
  }
  ImportOutcome outcome;
  outcome.kind = recorded.value() == visit_id ? ImportOutcome::Kind::kCreated : ImportOutcome::Kind::kUnchanged;
  outcome.customer_id = owner.customer_id;
  outcome.vehicle_id = visit.vehicle_id;
  return outcome;
}

ImportOutcome CustomersApp::ImportPolicy(const auth::Principal& caller, const domain::PolicyRow& input) {
  auto car = FindCarOnRecord(caller, input.vin, input.plate);
  if (!car.ok()) {
    return Rejected(car.error());
  }
  const domain::Customer& owner = car->owner;
  domain::InsurancePolicy policy;
  policy.vehicle_id = car->vehicle_id;
  policy.policy_id = DerivedId("pol-", {owner.customer_id, input.insurer, input.policy_number});
  policy.insurer = input.insurer;
  policy.policy_number = input.policy_number;
  policy.compulsory = input.compulsory;
  policy.start_date = input.start;
  policy.end_date = input.end;
  policy.premium_fen = input.premium_fen;
  policy.bought_through_store = true;
  ImportOutcome outcome;
  outcome.customer_id = owner.customer_id;
  outcome.vehicle_id = policy.vehicle_id;
  auto stored = records_.Update(
      owner.customer_id, "",
      [&](domain::Customer& current, const domain::History& history) -> Result<CustomerRepository::Change> {
        auto prepared = domain::PreparePolicy(current, policy);
        if (!prepared.ok()) {
          return prepared.error();
        }
        CustomerRepository::Change change;
        change.result_id = prepared->policy_id;
        const auto known = std::find_if(history.policies.begin(), history.policies.end(),
                                        [&](const auto& p) { return p.policy_id == prepared->policy_id; });
        if (known == history.policies.end()) {
          outcome.kind = ImportOutcome::Kind::kCreated;
        } else if (*known == prepared.value()) {
          outcome.kind = ImportOutcome::Kind::kUnchanged;
          return change;  // the same policy on the same terms: nothing to write
        } else {
          outcome.kind = ImportOutcome::Kind::kMerged;  // e.g. a corrected end date
        }
        change.items.emplace_back(std::move(prepared).value());
        return change;
      });
  if (!stored.ok()) {
    return Rejected(stored.error());
  }
  return outcome;
}

}  // namespace careloop::customers::app
