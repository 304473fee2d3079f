// What every use case shares: the clock per store, loading a record the caller may see, and
// the stores and plans a query covers. The use cases themselves are in records.cc,
// history.cc, search.cc, reports.cc and import.cc.
#include "services/customers/app/customers_app.h"

#include "services/customers/domain/errors.h"

namespace careloop::customers::app {

CustomersApp::CustomersApp(CustomerPorts ports, const clock::Clock& clock, const config::StoreCatalog& stores,
                           domain::ClassificationPolicy policy, domain::ReportRules report_rules)
    : records_(ports.records),
      search_(ports.search),
      reports_(ports.reports),
      contacts_(ports.contacts),
      clock_(clock),
      stores_(stores),
      directory_(stores),
      policy_(policy),
      report_rules_(std::move(report_rules)) {}

Date CustomersApp::TodayAt(const std::string& store_id) const {
  return stores_.ZoneOf(store_id).DateAt(clock_.Now());
}

Result<domain::Customer> CustomersApp::LoadOwned(const auth::Principal& caller, const std::string& customer_id) {
  if (customer_id.empty()) {
    return InvalidArgument("customer_id", "is required");
  }
  auto customer = records_.Find(customer_id);
  if (!customer) {
    return domain::MakeError(domain::Errc::kNoCustomer, customer_id);
  }
  if (Status store = caller.RequireStore(customer->store_id); !store.ok()) {
    return store.error();
  }
  return *customer;
}

Result<std::vector<std::string>> CustomersApp::StoresToQuery(const auth::Principal& caller,
                                                             std::vector<std::string> requested) const {
  if (requested.empty()) {
    for (const auto& store : stores_.all()) {
      if (caller.MayAccessStore(store.id)) {
        requested.push_back(store.id);
      }
    }
  }
  for (const auto& store_id : requested) {
    if (!stores_.IsKnown(store_id)) {
      return InvalidArgument("filter.store_ids", "unknown store '" + store_id + "'");
    }
    if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
      return allowed.error();
    }
  }
  return requested;
}

Result<std::vector<CustomerSearch::SearchQuery>> CustomersApp::Plan(const std::vector<std::string>& stores,
                                                                    const domain::CustomerFilter& filter) const {
  std::vector<CustomerSearch::SearchQuery> queries;
  for (const auto& store_id : stores) {
    auto plan = domain::PlanSearch(filter, TodayAt(store_id), policy_);
    if (!plan.ok()) {
      return plan.error();
    }
    queries.push_back({store_id, std::move(plan).value()});
  }
  return queries;
}

}  // namespace careloop::customers::app
