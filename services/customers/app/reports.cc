// Classification and reports: keeping each customer's segment current, month-end snapshots,
// and the programme's figures per store and month.
#include "services/customers/app/access.h"
#include "services/customers/app/customers_app.h"

namespace careloop::customers::app {

int CustomersApp::ReclassifyDue(int batch_size) {
  const Instant now = clock_.Now();
  const auto due = records_.ClaimReclassifications(now, batch_size);
  for (const auto& customer_id : due) {
    const auto customer = records_.Find(customer_id);
    if (!customer) {
      records_.ReleaseReclassification(customer_id);
      continue;
    }
    const TimeZone& zone = stores_.ZoneOf(customer->store_id);
    const domain::Classification next =
        domain::ClassifyCustomer(*customer, records_.LoadHistory(customer_id), zone.DateAt(now), policy_);
    const std::optional<Instant> recheck =
        next.next_change ? std::optional(zone.StartOfDay(*next.next_change)) : std::nullopt;
    // False means a concurrent change stored a newer classification; that change queued its own check.
    (void)records_.SaveSegment(customer_id, customer->classification, next, recheck,
                               domain::Month::Of(zone.DateAt(now)).ToString());
  }
  return static_cast<int>(due.size());
}

std::map<std::string, int64_t> CustomersApp::CountFigures(const std::string& store_id, Date day) {
  const auto figure_queries = domain::FigureQueries();
  std::vector<CustomerSearch::SearchQuery> queries;
  for (const auto& query : figure_queries) {
    auto plan = domain::PlanSearch(query.filter, day, policy_);
    if (!plan.ok()) {
      throw std::logic_error("report filter '" + query.name + "' does not plan: " + plan.error().message);
    }
    queries.push_back({store_id, std::move(plan).value()});
  }
  const auto matches = search_.Search(queries, "", 0);
  std::map<std::string, int64_t> counts;
  for (size_t i = 0; i < figure_queries.size(); ++i) {
    counts[figure_queries[i].name] = matches[i].total;
  }
  return counts;
}

int CustomersApp::SnapshotDue() {
  int taken = 0;
  for (const auto& store : stores_.all()) {
    const domain::Month last_month = domain::Month::Of(TodayAt(store.id)).Previous();
    const auto done = reports_.LastSnapshotMonth(store.id);
    if (done && *done >= last_month.ToString()) {
      continue;
    }
    reports_.SaveSnapshot(store.id, last_month.ToString(), CountFigures(store.id, last_month.LastDay()));
    ++taken;
  }
  return taken;
}

Result<std::vector<CustomersApp::MonthFigures>> CustomersApp::Figures(
    const auth::Principal& caller, std::vector<std::string> store_ids,
    std::optional<std::pair<domain::Month, domain::Month>> months) {
  if (Status allowed = Authorize(caller, UseCase::kReadReports); !allowed.ok()) {
    return allowed.error();
  }
  if (months) {
    if (months->second < months->first) {
      return InvalidArgument("period", "ends before it starts");
    }
    int count = 0;
    for (domain::Month m = months->first; m <= months->second; m = m.Next()) {
      if (++count > 36) {
        return InvalidArgument("period", "covers more than 36 months");
      }
    }
  }
  auto stores = StoresToQuery(caller, std::move(store_ids));
  if (!stores.ok()) {
    return stores.error();
  }
  std::vector<MonthFigures> out;
  for (const auto& store_id : stores.value()) {
    const Date today = TodayAt(store_id);
    const domain::Month current = domain::Month::Of(today);
    const auto [first, last] = months.value_or(std::pair{current, current});
    if (last > current) {
      return InvalidArgument(
          "period", "reaches into the future (" + last.ToString() + "; this month is " + current.ToString() + ")");
    }
    for (domain::Month month = first; month <= last; month = month.Next()) {
      std::map<std::string, int64_t> counts;
      const bool live = month == current;
      if (live) {
        counts = CountFigures(store_id, today);
      } else if (auto snapshot = reports_.LoadSnapshot(store_id, month.ToString())) {
        counts = std::move(*snapshot);
      } else {
        return Error{ErrorCode::kFailedPrecondition, "period",
                     "no snapshot of " + month.ToString() + " for store " + store_id +
                         ": snapshots are taken at each month's end from the month before the service first ran"};
      }
      counts.merge(reports_.Movements(store_id, month.ToString()));
      out.push_back(MonthFigures{store_id, month, domain::FiguresFrom(counts), live});
    }
  }
  return out;
}

}  // namespace careloop::customers::app
