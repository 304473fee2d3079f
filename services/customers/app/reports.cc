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
    const Date today = zone.DateAt(now);
    const domain::Classification next =
        domain::ClassifyCustomer(*customer, records_.LoadHistory(customer_id), today, policy_);
    const std::optional<Instant> recheck =
        next.next_change ? std::optional(zone.StartOfDay(*next.next_change)) : std::nullopt;
    // A stage reached with time counts in the month it began, even when noticed after a clock jump.
    const domain::Month month = customer->classification
                                    ? domain::MovementMonth(customer->classification->churn, next.churn,
                                                            domain::ChurnAnchor(*customer), today, policy_)
                                    : domain::Month::Of(today);
    // False means a concurrent change stored a newer classification; that change queued its own check.
    (void)records_.SaveSegment(customer_id, customer->classification, next, recheck, month.ToString());
  }
  return static_cast<int>(due.size());
}

std::map<std::string, int64_t> CustomersApp::CountFigures(const std::string& store_id, Date day) {
  const int settling_months = report_rules_.SettlingMonthsOf(store_id);
  const auto figure_queries = domain::FigureQueries(day, settling_months);
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
  counts[domain::kSettlingMonthsValue] = settling_months;
  return counts;
}

domain::Reconstruction CustomersApp::Reconstruct(const std::string& store_id, std::vector<domain::Month> months) {
  domain::Reconstruction reconstruction(std::move(months), report_rules_.SettlingMonthsOf(store_id), policy_);
  // Every customer of the store, a page at a time: whether they held a car on a past day is
  // for the reconstruction to say.
  auto plan = domain::PlanSearch(domain::CustomerFilter{}, TodayAt(store_id), policy_);
  if (!plan.ok()) {
    throw std::logic_error("the store's customers do not plan: " + plan.error().message);
  }
  const std::vector<CustomerSearch::SearchQuery> everyone{{store_id, std::move(plan).value()}};
  constexpr int kPage = 500;
  std::string after;
  for (;;) {
    const auto page = search_.Search(everyone, after, kPage);
    const auto& ids = page.at(0).page;
    for (const auto& customer : records_.FindMany(ids)) {
      reconstruction.Add(customer, records_.LoadHistory(customer.customer_id));
    }
    if (static_cast<int>(ids.size()) < kPage) {
      return reconstruction;
    }
    after = ids.back();
  }
}

int CustomersApp::SnapshotDue() {
  int taken = 0;
  for (const auto& store : stores_.all()) {
    const domain::Month last_month = domain::Month::Of(TodayAt(store.id)).Previous();
    const auto done = reports_.LastSnapshotMonth(store.id);
    const auto latest = done ? domain::Month::Parse(*done) : std::nullopt;
    if (latest && *latest >= last_month) {
      continue;
    }
    if (!latest || latest->Next() == last_month) {
      reports_.SaveSnapshot(store.id, last_month.ToString(), CountFigures(store.id, last_month.LastDay()));
      ++taken;
      continue;
    }
    // Months passed without their snapshot: each is rebuilt from the records, oldest first, so
    // the latest snapshot month only moves over months that have theirs.
    std::vector<domain::Month> missing;
    for (domain::Month month = latest->Next(); month <= last_month; month = month.Next()) {
      missing.push_back(month);
    }
    const domain::Reconstruction rebuilt = Reconstruct(store.id, missing);
    for (const domain::Month& month : missing) {
      reports_.SaveSnapshot(store.id, month.ToString(), rebuilt.CountsOf(month));
      ++taken;
    }
  }
  return taken;
}

Result<std::vector<CustomersApp::MonthFigures>> CustomersApp::Figures(
    const auth::Principal& caller, std::vector<std::string> store_ids,
    std::optional<std::pair<domain::Month, domain::Month>> months, int trailing_months) {
  if (Status allowed = Authorize(caller, UseCase::kReadReports); !allowed.ok()) {
    return allowed.error();
  }
  constexpr int kMaxMonths = 36;
  if (trailing_months < 1 || trailing_months > kMaxMonths) {
    return InvalidArgument("months",
                           "must be 1 to " + std::to_string(kMaxMonths) + ", got " + std::to_string(trailing_months));
  }
  if (months) {
    if (months->second < months->first) {
      return InvalidArgument("period", "ends before it starts");
    }
    int count = 0;
    for (domain::Month m = months->first; m <= months->second; m = m.Next()) {
      if (++count > kMaxMonths) {
        return InvalidArgument("period", "covers more than " + std::to_string(kMaxMonths) + " months");
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
    domain::Month first = current;
    for (int i = 1; i < trailing_months; ++i) {
      first = first.Previous();
    }
    const auto [from, to] = months.value_or(std::pair{first, current});
    if (to > current) {
      return InvalidArgument(
          "period", "reaches into the future (" + to.ToString() + "; this month is " + current.ToString() + ")");
    }
    // Past months without a snapshot are rebuilt together, in one pass over the store's records;
    // so is a month whose snapshot found the store holding nobody (a new stack whose history was
    // imported afterwards): the records know more about it now than the snapshot did.
    std::map<domain::Month, std::map<std::string, int64_t>> snapshots;
    std::vector<domain::Month> unsnapshotted;
    for (domain::Month month = from; month < current && month <= to; month = month.Next()) {
      auto snapshot = reports_.LoadSnapshot(store_id, month.ToString());
      if (snapshot && domain::FiguresFrom(*snapshot).customers > 0) {
        snapshots[month] = std::move(*snapshot);
      } else {
        unsnapshotted.push_back(month);
      }
    }
    std::optional<domain::Reconstruction> rebuilt;
    if (!unsnapshotted.empty()) {
      rebuilt.emplace(Reconstruct(store_id, unsnapshotted));
    }
    for (domain::Month month = from; month <= to; month = month.Next()) {
      MonthFigures row{store_id, month, {}, domain::FigureSource::kLive};
      std::map<std::string, int64_t> counts;
      if (month == current) {
        counts = CountFigures(store_id, today);
      } else if (auto it = snapshots.find(month); it != snapshots.end()) {
        counts = std::move(it->second);
        row.source = domain::FigureSource::kSnapshot;
      } else {
        counts = rebuilt->CountsOf(month);
      }
      // Counted movements add to what the counts lack; a reconstruction has its own.
      counts.merge(reports_.Movements(store_id, month.ToString()));
      row.figures = domain::FiguresFrom(counts);
      if (row.figures.reconstructed) {
        row.source = domain::FigureSource::kReconstructed;
      }
      out.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace careloop::customers::app
