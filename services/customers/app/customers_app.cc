#include "services/customers/app/customers_app.h"

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
                           const config::StoreCatalog& stores)
    : repository_(repository), clock_(clock), stores_(stores), directory_(stores) {}

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
  auto normalized = !mobile.empty()  ? domain::NormalizeMobile("mobile", mobile)
                    : !plate.empty() ? domain::NormalizePlate("plate", plate)
                                     : domain::NormalizeVin("vin", vin);
  if (!normalized.ok()) {
    return normalized.error();
  }
  const auto index = !mobile.empty()  ? CustomerRepository::Index::kMobile
                     : !plate.empty() ? CustomerRepository::Index::kPlate
                                      : CustomerRepository::Index::kVin;
  auto customer = repository_.FindBy(index, normalized.value());
  // Another store's customer is reported as not found: a lookup must not reveal who shops where.
  if (!customer || !caller.MayAccessStore(customer->store_id)) {
    return Error{ErrorCode::kNotFound,
                 !mobile.empty()  ? "mobile"
                 : !plate.empty() ? "plate"
                                  : "vin",
                 "no customer with " + normalized.value()};
  }
  return *customer;
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
