// CustomersApp::GetContacts: many customers' contact details in one read (campaign sends).
#include <set>

#include "services/customers/app/access.h"
#include "services/customers/app/customers_app.h"

namespace careloop::customers::app {

Result<CustomersApp::Contacts> CustomersApp::GetContacts(const auth::Principal& caller,
                                                         const std::vector<std::string>& customer_ids) {
  if (Status allowed = Authorize(caller, UseCase::kReadContact); !allowed.ok()) {
    return allowed.error();
  }
  if (customer_ids.empty()) {
    return InvalidArgument("customer_ids", "is required (1 to " + std::to_string(kMaxContactsPerCall) + " ids)");
  }
  if (customer_ids.size() > kMaxContactsPerCall) {
    return InvalidArgument("customer_ids", "at most " + std::to_string(kMaxContactsPerCall) + " ids per call, got " +
                                               std::to_string(customer_ids.size()));
  }
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (size_t i = 0; i < customer_ids.size(); ++i) {
    if (customer_ids[i].empty()) {
      return InvalidArgument("customer_ids[" + std::to_string(i) + "]", "is empty");
    }
    if (seen.insert(customer_ids[i]).second) {
      unique.push_back(customer_ids[i]);
    }
  }
  Contacts contacts;
  std::set<std::string> found_ids;
  for (auto& customer : records_.FindMany(unique)) {
    if (Status store = caller.RequireStore(customer.store_id); !store.ok()) {
      return Error{ErrorCode::kPermissionDenied, "customer_ids",
                   "customer '" + customer.customer_id + "' belongs to a store the caller may not access"};
    }
    found_ids.insert(customer.customer_id);
    contacts.found.push_back(std::move(customer));
  }
  for (const auto& id : unique) {
    if (!found_ids.contains(id)) {
      contacts.not_found.push_back(id);
    }
  }
  return contacts;
}

}  // namespace careloop::customers::app
