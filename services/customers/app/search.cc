// Search and segments: customers matching a filter on each store's today, and counts by segment.
#include <algorithm>

#include "services/customers/app/access.h"
#include "services/customers/app/customers_app.h"

namespace careloop::customers::app {

Result<CustomersApp::SearchPage> CustomersApp::SearchCustomers(const auth::Principal& caller,
                                                               domain::CustomerFilter filter, int page_size,
                                                               const std::string& page_token) {
  if (Status allowed = Authorize(caller, UseCase::kSearch); !allowed.ok()) {
    return allowed.error();
  }
  if (page_size < 0) {
    return InvalidArgument("page.page_size", "must not be negative");
  }
  constexpr int kDefaultPage = 50;
  constexpr int kMaxPage = 500;
  const int limit = page_size == 0 ? kDefaultPage : std::min(page_size, kMaxPage);
  auto stores = StoresToQuery(caller, filter.store_ids);
  if (!stores.ok()) {
    return stores.error();
  }
  auto queries = Plan(stores.value(), filter);
  if (!queries.ok()) {
    return queries.error();
  }
  // Each store answers its first `limit + 1` ids after the token; merged in id order, one more
  // than a page tells whether another page follows.
  SearchPage page;
  std::vector<std::string> ids;
  for (auto& matches : search_.Search(queries.value(), page_token, limit + 1)) {
    page.total += matches.total;
    ids.insert(ids.end(), matches.page.begin(), matches.page.end());
  }
  std::sort(ids.begin(), ids.end());
  if (static_cast<int>(ids.size()) > limit) {
    ids.resize(static_cast<size_t>(limit));
    page.next_page_token = ids.back();
  }
  page.customers = records_.FindMany(ids);
  return page;
}

Result<std::vector<SegmentCount>> CustomersApp::CountSegments(const auth::Principal& caller,
                                                              domain::CustomerFilter filter,
                                                              const std::vector<SegmentDimension>& group_by,
                                                              int64_t* total) {
  if (Status allowed = Authorize(caller, UseCase::kCountSegments); !allowed.ok()) {
    return allowed.error();
  }
  auto stores = StoresToQuery(caller, filter.store_ids);
  if (!stores.ok()) {
    return stores.error();
  }
  auto all = Plan(stores.value(), filter);
  if (!all.ok()) {
    return all.error();
  }
  // One search for everything: the stores' totals first, then every (group, store) in order.
  const auto groups = domain::SegmentGroups(filter, group_by);
  std::vector<CustomerSearch::SearchQuery> queries = std::move(all).value();
  const size_t store_count = queries.size();
  std::vector<std::pair<const domain::SegmentGroup*, std::string>> asked;
  for (const auto& group : groups) {
    for (const auto& store_id : stores.value()) {
      auto plan = Plan({store_id}, group.filter);
      if (!plan.ok()) {
        continue;  // a group that contradicts the filter (e.g. its churn stage vs its visit range) is empty
      }
      queries.push_back(std::move(plan->front()));
      asked.emplace_back(&group, store_id);
    }
  }
  const auto matches = search_.Search(queries, "", 0);
  *total = 0;
  for (size_t i = 0; i < store_count; ++i) {
    *total += matches[i].total;
  }
  const bool by_store = std::find(group_by.begin(), group_by.end(), SegmentDimension::kStore) != group_by.end();
  std::vector<SegmentCount> result;
  for (size_t i = 0; i < asked.size(); ++i) {
    const auto& [group, store_id] = asked[i];
    SegmentCount counted = group->key;
    counted.customers = matches[store_count + i].total;
    if (by_store) {
      counted.store_id = store_id;
    }
    domain::AddSegmentCount(result, counted, by_store);
  }
  return result;
}

}  // namespace careloop::customers::app
