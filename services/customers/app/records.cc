// Records: create, read, find, change a customer's record and consent; contacts and timeline.
#include <algorithm>

#include "common/base/ids.h"
#include "services/customers/app/access.h"
#include "services/customers/app/customers_app.h"
#include "services/customers/domain/errors.h"
#include "services/customers/domain/record_update.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::app {

Result<domain::Customer> CustomersApp::CreateCustomer(const auth::Principal& caller, const domain::NewCustomer& request,
                                                      const std::string& request_id) {
  if (Status allowed = Authorize(caller, UseCase::kCreateCustomer); !allowed.ok()) {
    return allowed.error();
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
  return records_.Create(customer.value(), request_id);
}

Result<domain::Customer> CustomersApp::GetCustomer(const auth::Principal& caller, const std::string& customer_id) {
  if (Status allowed = Authorize(caller, UseCase::kReadRecord); !allowed.ok()) {
    return allowed.error();
  }
  return LoadOwned(caller, customer_id);
}

Result<domain::Customer> CustomersApp::GetContact(const auth::Principal& caller, const std::string& customer_id) {
  if (Status allowed = Authorize(caller, UseCase::kReadContact); !allowed.ok()) {
    return allowed.error();
  }
  return LoadOwned(caller, customer_id);
}

CustomerRepository::ClaimResolver CustomersApp::ClaimRule(const auth::Principal& caller, bool transfer) {
  return [&caller, transfer](domain::Customer& holder, const domain::CarKey& key) {
    return domain::ClaimFrom(holder, key, transfer, caller.MayAccessStore(holder.store_id));
  };
}

Result<domain::Vehicle> CustomersApp::AddVehicle(const auth::Principal& caller, const std::string& customer_id,
                                                 const domain::NewVehicle& request, bool transfer) {
  if (Status allowed = Authorize(caller, UseCase::kCreateCustomer); !allowed.ok()) {
    return allowed.error();
  }
  auto owner = LoadOwned(caller, customer_id);
  if (!owner.ok()) {
    return owner.error();
  }
  const Date today = TodayAt(owner->store_id);
  const std::string vehicle_id = NewRandomId("veh-");
  return records_.AddVehicle(
      customer_id,
      [&](const domain::Customer& current) { return domain::PrepareVehicle(current, request, vehicle_id, today); },
      ClaimRule(caller, transfer));
}

Result<domain::Vehicle> CustomersApp::UpdateVehicle(const auth::Principal& caller, const std::string& customer_id,
                                                    const std::string& vehicle_id, const domain::VehicleChange& change,
                                                    const std::string& request_id) {
  if (Status allowed = Authorize(caller, UseCase::kUpdateRecord); !allowed.ok()) {
    return allowed.error();
  }
  if (auto owner = LoadOwned(caller, customer_id); !owner.ok()) {
    return owner.error();
  }
  auto updated =
      records_.Update(customer_id, request_id,
                      [&](domain::Customer& current, const domain::History&) -> Result<CustomerRepository::Change> {
                        auto changed = domain::ApplyVehicleChange(current, vehicle_id, change);
                        if (!changed.ok()) {
                          return changed.error();
                        }
                        // The repository announces the car's changes (VehicleUpdated) and moves its plate.
                        CustomerRepository::Change out;
                        out.result_id = vehicle_id;
                        out.record_changed = !changed->empty();
                        out.resolve = ClaimRule(caller, false);
                        return out;
                      });
  if (!updated.ok()) {
    return updated.error();
  }
  auto owner = LoadOwned(caller, customer_id);
  if (!owner.ok()) {
    return owner.error();
  }
  const domain::Vehicle* vehicle = owner->FindVehicle(vehicle_id);
  if (vehicle == nullptr) {
    return domain::MakeError(domain::Errc::kNoVehicle, vehicle_id);
  }
  return *vehicle;
}

Result<domain::Customer> CustomersApp::FindCustomer(const auth::Principal& caller, const std::string& mobile,
                                                    const std::string& plate, const std::string& vin) {
  if (Status allowed = Authorize(caller, UseCase::kFindCustomer); !allowed.ok()) {
    return allowed.error();
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
  auto customer = records_.FindBy(index, normalized.value());
  // A plate is found on the active car that holds it (a sold or transferred car gave it up).
  if (customer && by_plate && domain::ActiveCarWithPlate(*customer, normalized.value()) == nullptr) {
    customer.reset();
  }
  // Another store's customer is reported as not found: a lookup must not reveal who shops where.
  if (!customer || !caller.MayAccessStore(customer->store_id)) {
    return Error{ErrorCode::kNotFound, field, "no customer with " + normalized.value()};
  }
  return *customer;
}

Result<domain::Customer> CustomersApp::UpdateCustomer(const auth::Principal& caller, const std::string& customer_id,
                                                      const domain::Customer& values,
                                                      const std::vector<std::string>& fields, int64_t expected_revision,
                                                      const std::string& request_id) {
  if (Status allowed = Authorize(caller, UseCase::kUpdateRecord); !allowed.ok()) {
    return allowed.error();
  }
  auto owner = LoadOwned(caller, customer_id);
  if (!owner.ok()) {
    return owner.error();
  }
  if (fields.empty()) {
    return InvalidArgument("update_mask", "names no field to change");
  }
  const Date today = TodayAt(owner->store_id);
  auto updated = records_.Update(
      customer_id, request_id,
      [&](domain::Customer& current, const domain::History&) -> Result<CustomerRepository::Change> {
        if (expected_revision != 0 && current.revision != expected_revision) {
          return domain::MakeError(domain::Errc::kStaleRevision,
                                   std::to_string(current.revision) + ", not " + std::to_string(expected_revision));
        }
        auto changed = domain::ApplyFieldUpdates(current, values, fields, today);
        if (!changed.ok()) {
          return changed.error();
        }
        CustomerRepository::Change change;
        change.result_id = customer_id;
        change.changed_fields = std::move(changed).value();
        change.record_changed = true;
        change.resolve = ClaimRule(caller, false);
        return change;
      });
  if (!updated.ok()) {
    return updated.error();
  }
  return LoadOwned(caller, customer_id);
}

Result<domain::Customer> CustomersApp::SetStaffFlags(const auth::Principal& caller, const std::string& customer_id,
                                                     std::optional<bool> opinion_leader,
                                                     std::optional<bool> fleet_customer,
                                                     const std::string& request_id) {
  if (Status allowed = Authorize(caller, UseCase::kSetStaffFlags); !allowed.ok()) {
    return allowed.error();
  }
  if (auto owner = LoadOwned(caller, customer_id); !owner.ok()) {
    return owner.error();
  }
  auto updated =
      records_.Update(customer_id, request_id,
                      [&](domain::Customer& current, const domain::History&) -> Result<CustomerRepository::Change> {
                        CustomerRepository::Change change;
                        change.result_id = customer_id;
                        change.changed_fields = domain::ApplyStaffFlags(current, opinion_leader, fleet_customer);
                        change.record_changed = !change.changed_fields.empty();
                        return change;
                      });
  if (!updated.ok()) {
    return updated.error();
  }
  return LoadOwned(caller, customer_id);
}

Result<domain::Customer> CustomersApp::SetConsent(const auth::Principal& caller, const std::string& customer_id,
                                                  domain::Channel channel, domain::ConsentState state,
                                                  std::string source) {
  if (Status allowed = Authorize(caller, UseCase::kUpdateRecord); !allowed.ok()) {
    return allowed.error();
  }
  if (auto owner = LoadOwned(caller, customer_id); !owner.ok()) {
    return owner.error();
  }
  if (source.empty()) {
    source = "staff:" + caller.name;
  }
  const Instant now = clock_.Now();
  return records_.ChangeConsent(customer_id, channel, [&](domain::Customer& current) {
    return domain::ChangeConsent(current, channel, state, source, now);
  });
}

Status CustomersApp::OnContact(const std::string& customer_id, const domain::ContactEntry& contact, bool opt_out) {
  if (!records_.Find(customer_id)) {
    return Ok{};  // not (or no longer) on record: nothing to add to
  }
  contacts_.RecordContact(customer_id, contact);
  if (!opt_out) {
    return Ok{};
  }
  const std::string source = "reply:" + std::string(domain::ChannelName(contact.channel));
  auto changed = records_.ChangeConsent(customer_id, contact.channel, [&](domain::Customer& current) {
    return domain::ChangeConsent(current, contact.channel, domain::ConsentState::kDenied, source, contact.at);
  });
  if (!changed.ok()) {
    return changed.error();
  }
  return Ok{};
}

Result<std::vector<domain::TimelineEntry>> CustomersApp::Timeline(const auth::Principal& caller,
                                                                  const std::string& customer_id,
                                                                  const std::vector<domain::TimelineKind>& kinds,
                                                                  const std::string& vehicle_id) {
  auto customer = GetCustomer(caller, customer_id);
  if (!customer.ok()) {
    return customer.error();
  }
  const domain::History history = records_.LoadHistory(customer_id);
  domain::TimelineSources sources{&customer.value(), &history, records_.ConsentHistory(customer_id),
                                  contacts_.Contacts(customer_id), records_.SegmentChanges(customer_id)};
  return domain::BuildTimeline(sources, stores_.ZoneOf(customer->store_id), kinds, vehicle_id);
}

}  // namespace careloop::customers::app
