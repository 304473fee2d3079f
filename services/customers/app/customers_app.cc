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
    const domain::Classification next =
        domain::ClassifyCustomer(*customer, repository_.LoadHistory(customer_id), zone.DateAt(now), policy_);
    const std::optional<Instant> recheck =
        next.next_change ? std::optional(zone.StartOfDay(*next.next_change)) : std::nullopt;
    // False means a concurrent change stored a newer classification; that change queued its own check.
    (void)repository_.SaveSegment(customer_id, customer->classification, next, recheck,
                                  domain::Month::Of(zone.DateAt(now)).ToString());
  }
  return static_cast<int>(due.size());
}

std::map<std::string, int64_t> CustomersApp::CountFigures(const std::string& store_id, Date day) {
  const auto figure_queries = domain::FigureQueries();
  std::vector<CustomerRepository::SearchQuery> queries;
  for (const auto& query : figure_queries) {
    auto plan = domain::PlanSearch(query.filter, day, policy_);
    if (!plan.ok()) {
      throw std::logic_error("report filter '" + query.name + "' does not plan: " + plan.error().message);
    }
    queries.push_back({store_id, std::move(plan).value()});
  }
  const auto matches = repository_.Search(queries, "", 0);
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
    const auto done = repository_.LastSnapshotMonth(store.id);
    if (done && *done >= last_month.ToString()) {
      continue;
    }
    repository_.SaveSnapshot(store.id, last_month.ToString(), CountFigures(store.id, last_month.LastDay()));
    ++taken;
  }
  return taken;
}

Result<std::vector<CustomersApp::MonthFigures>> CustomersApp::Figures(
    const auth::Principal& caller, std::vector<std::string> store_ids,
    std::optional<std::pair<domain::Month, domain::Month>> months) {
  if (Status role = caller.RequireRole({Role::kAdmin, Role::kManager}); !role.ok()) {
    return role.error();
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
      } else if (auto snapshot = repository_.LoadSnapshot(store_id, month.ToString())) {
        counts = std::move(*snapshot);
      } else {
        return Error{ErrorCode::kFailedPrecondition, "period",
                     "no snapshot of " + month.ToString() + " for store " + store_id +
                         ": snapshots are taken at each month's end from the month before the service first ran"};
      }
      counts.merge(repository_.Movements(store_id, month.ToString()));
      out.push_back(MonthFigures{store_id, month, domain::FiguresFrom(counts), live});
    }
  }
  return out;
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
  return RecordItem<domain::ServiceVisit>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History& history, Date today) -> Result<domain::ServiceVisit> {
        auto visit = domain::PrepareVisit(current, request, NewRandomId("vis-"), today);
        if (visit.ok()) {
          domain::ApplyVisit(current, history, visit.value());
        }
        return visit;
      },
      &domain::History::visits, &domain::ServiceVisit::visit_id);
}

template <typename Item>
Result<Item> CustomersApp::RecordItem(
    const auth::Principal& caller, const std::string& customer_id, const std::string& request_id,
    const std::function<Result<Item>(domain::Customer&, const domain::History&, Date)>& prepare,
    std::vector<Item> domain::History::*items, std::string Item::*id) {
  auto owner = GetCustomer(caller, customer_id);
  if (!owner.ok()) {
    return owner.error();
  }
  const Date today = TodayAt(owner->store_id);
  auto stored_id = repository_.Update(
      customer_id, request_id,
      [&](domain::Customer& current, const domain::History& history) -> Result<CustomerRepository::Change> {
        auto item = prepare(current, history, today);
        if (!item.ok()) {
          return item.error();
        }
        CustomerRepository::Change change;
        change.result_id = item.value().*id;
        change.items.emplace_back(std::move(item).value());
        return change;
      });
  if (!stored_id.ok()) {
    return stored_id.error();
  }
  const domain::History history = repository_.LoadHistory(customer_id);
  for (const auto& item : history.*items) {
    if (item.*id == stored_id.value()) {
      return item;
    }
  }
  return Error{ErrorCode::kInternal, "", "the recorded item was not found after storing it"};
}

Result<domain::Vehicle> CustomersApp::RecordOdometerReading(const auth::Principal& caller,
                                                            const std::string& customer_id,
                                                            domain::OdometerReading reading,
                                                            const std::string& request_id) {
  if (reading.source.empty()) {
    reading.source = "staff:" + caller.name;
  }
  reading.reading_id =
      DerivedId("odo-", {reading.vehicle_id, reading.reading_date.ToString(), std::to_string(reading.odometer_km)});
  auto stored = RecordItem<domain::OdometerReading>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History& history, Date today) {
        return domain::PrepareOdometerReading(current, history, reading, today);
      },
      &domain::History::odometer_readings, &domain::OdometerReading::reading_id);
  if (!stored.ok()) {
    return stored.error();
  }
  auto customer = GetCustomer(caller, customer_id);
  if (!customer.ok()) {
    return customer.error();
  }
  const domain::Vehicle* vehicle = customer->FindVehicle(reading.vehicle_id);
  if (vehicle == nullptr) {
    return Error{ErrorCode::kNotFound, "vehicle_id", "customer has no vehicle '" + reading.vehicle_id + "'"};
  }
  return *vehicle;
}

Result<domain::InsurancePolicy> CustomersApp::RecordPolicy(const auth::Principal& caller,
                                                           const std::string& customer_id,
                                                           domain::InsurancePolicy policy,
                                                           const std::string& request_id) {
  // The insurer's number identifies a policy: recording it again (next month's export) replaces it.
  policy.policy_id = DerivedId("pol-", {customer_id, policy.insurer, policy.policy_number});
  return RecordItem<domain::InsurancePolicy>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date) { return domain::PreparePolicy(current, policy); },
      &domain::History::policies, &domain::InsurancePolicy::policy_id);
}

Result<domain::Inspection> CustomersApp::RecordInspection(const auth::Principal& caller, const std::string& customer_id,
                                                          domain::Inspection inspection,
                                                          const std::string& request_id) {
  inspection.inspection_id =
      DerivedId("ins-", {customer_id, inspection.vehicle_id, inspection.inspection_date.ToString()});
  return RecordItem<domain::Inspection>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date today) {
        auto prepared = domain::PrepareInspection(current, inspection, today);
        if (prepared.ok()) {
          for (auto& vehicle : current.vehicles) {
            if (vehicle.vehicle_id == prepared->vehicle_id) {
              vehicle.next_inspection_date = prepared->next_due_date;
            }
          }
        }
        return prepared;
      },
      &domain::History::inspections, &domain::Inspection::inspection_id);
}

Result<domain::Referral> CustomersApp::RecordReferral(const auth::Principal& caller, const std::string& customer_id,
                                                      domain::Referral referral, const std::string& request_id) {
  auto referred = GetCustomer(caller, referral.referred_customer_id);
  if (!referred.ok()) {
    Error error = referred.error();
    error.field = "referred_customer_id";
    return error;
  }
  if (referral.referral_id.empty()) {
    referral.referral_id = DerivedId("ref-", {customer_id, referral.referred_customer_id});
  }
  return RecordItem<domain::Referral>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date today) {
        return domain::PrepareReferral(current, referral, today);
      },
      &domain::History::referrals, &domain::Referral::referral_id);
}

Result<domain::Purchase> CustomersApp::RecordPurchase(const auth::Principal& caller, const std::string& customer_id,
                                                      domain::Purchase purchase, const std::string& request_id) {
  purchase.purchase_id = DerivedId("pur-", {customer_id, purchase.vehicle_id});
  return RecordItem<domain::Purchase>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date today) {
        return domain::PreparePurchase(current, purchase, today);
      },
      &domain::History::purchases, &domain::Purchase::purchase_id);
}

Result<domain::PrepaidPackage> CustomersApp::RecordPackage(const auth::Principal& caller,
                                                           const std::string& customer_id,
                                                           domain::PrepaidPackage package,
                                                           const std::string& request_id) {
  if (package.package_id.empty()) {
    package.package_id = NewRandomId("pkg-");
  }
  return RecordItem<domain::PrepaidPackage>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date today) {
        return domain::PreparePackage(current, package, today);
      },
      &domain::History::packages, &domain::PrepaidPackage::package_id);
}

Result<domain::Complaint> CustomersApp::RecordComplaint(const auth::Principal& caller, const std::string& customer_id,
                                                        domain::Complaint complaint, const std::string& request_id) {
  if (complaint.complaint_id.empty()) {
    complaint.complaint_id =
        complaint.case_id.empty() ? NewRandomId("cmp-") : DerivedId("cmp-", {customer_id, complaint.case_id});
  }
  return RecordItem<domain::Complaint>(
      caller, customer_id, request_id,
      [&](domain::Customer& current, const domain::History&, Date today) {
        return domain::PrepareComplaint(current, complaint, today);
      },
      &domain::History::complaints, &domain::Complaint::complaint_id);
}

Result<domain::Customer> CustomersApp::SetStaffFlags(const auth::Principal& caller, const std::string& customer_id,
                                                     std::optional<bool> opinion_leader,
                                                     std::optional<bool> fleet_customer,
                                                     const std::string& request_id) {
  if (Status role = caller.RequireRole({Role::kAdmin, Role::kManager, Role::kAdvisor}); !role.ok()) {
    return role.error();
  }
  if (auto owner = GetCustomer(caller, customer_id); !owner.ok()) {
    return owner.error();
  }
  auto updated =
      repository_.Update(customer_id, request_id,
                         [&](domain::Customer& current, const domain::History&) -> Result<CustomerRepository::Change> {
                           CustomerRepository::Change change;
                           change.result_id = customer_id;
                           if (opinion_leader && *opinion_leader != current.opinion_leader) {
                             current.opinion_leader = *opinion_leader;
                             change.changed_fields.push_back("opinion_leader");
                           }
                           if (fleet_customer && *fleet_customer != current.fleet_customer) {
                             current.fleet_customer = *fleet_customer;
                             change.changed_fields.push_back("fleet_customer");
                           }
                           change.record_changed = !change.changed_fields.empty();
                           return change;
                         });
  if (!updated.ok()) {
    return updated.error();
  }
  return GetCustomer(caller, customer_id);
}

Result<domain::Customer> CustomersApp::UpdateCustomer(const auth::Principal& caller, const std::string& customer_id,
                                                      const domain::Customer& values,
                                                      const std::vector<std::string>& fields, int64_t expected_revision,
                                                      const std::string& request_id) {
  auto owner = GetCustomer(caller, customer_id);
  if (!owner.ok()) {
    return owner.error();
  }
  if (fields.empty()) {
    return InvalidArgument("update_mask", "names no field to change");
  }
  const Date today = TodayAt(owner->store_id);
  auto profile = domain::NormalizeProfile(values.profile, today);
  auto updated = repository_.Update(
      customer_id, request_id,
      [&](domain::Customer& current, const domain::History&) -> Result<CustomerRepository::Change> {
        if (expected_revision != 0 && current.revision != expected_revision) {
          return Error{ErrorCode::kAborted, "expected_revision",
                       "the record is at revision " + std::to_string(current.revision) + ", not " +
                           std::to_string(expected_revision)};
        }
        CustomerRepository::Change change;
        change.result_id = customer_id;
        domain::Customer next = current;
        for (const auto& field : fields) {
          if (field == "name") {
            auto name = domain::NormalizeName("customer.name", values.name);
            if (!name.ok()) {
              return name.error();
            }
            next.name = name.value();
          } else if (field == "gender") {
            next.gender = values.gender;
          } else if (field == "birthday") {
            if (values.birthday.IsSet()) {
              if (Status past = domain::RequirePastDate("customer.birthday", values.birthday, today); !past.ok()) {
                return past.error();
              }
            }
            next.birthday = values.birthday;
          } else if (field == "churn_reason") {
            next.churn_reason = values.churn_reason;
          } else if (field == "churn_note") {
            next.churn_note = values.churn_note;
          } else if (!domain::SetProfileField(next.profile, field, values.profile)) {
            return InvalidArgument("update_mask", "cannot change '" + field +
                                                      "' here (mobile, vehicles, consents, flags and segments have "
                                                      "their own commands)");
          } else if (!profile.ok()) {
            return profile.error();
          } else {
            (void)domain::SetProfileField(next.profile, field, profile.value());
          }
        }
        for (const auto& field : fields) {
          if (std::find(change.changed_fields.begin(), change.changed_fields.end(), field) ==
              change.changed_fields.end()) {
            change.changed_fields.push_back(field);
          }
        }
        change.record_changed = true;
        current = std::move(next);
        return change;
      });
  if (!updated.ok()) {
    return updated.error();
  }
  return GetCustomer(caller, customer_id);
}

Result<domain::Customer> CustomersApp::FindCustomer(const auth::Principal& caller, const std::string& mobile,
                                                    const std::string& plate, const std::string& vin) {
  // Service identities too: dispatch matches an SMS reply to its sender.
  if (Status role = caller.RequireRole({Role::kAdmin, Role::kManager, Role::kAdvisor, Role::kClerk, Role::kService});
      !role.ok()) {
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

Result<std::vector<CustomerRepository::SearchQuery>> CustomersApp::Plan(const std::vector<std::string>& stores,
                                                                        const domain::CustomerFilter& filter) const {
  std::vector<CustomerRepository::SearchQuery> queries;
  for (const auto& store_id : stores) {
    auto plan = domain::PlanSearch(filter, TodayAt(store_id), policy_);
    if (!plan.ok()) {
      return plan.error();
    }
    queries.push_back({store_id, std::move(plan).value()});
  }
  return queries;
}

Result<CustomersApp::SearchPage> CustomersApp::SearchCustomers(const auth::Principal& caller,
                                                               domain::CustomerFilter filter, int page_size,
                                                               const std::string& page_token) {
  if (Status role = caller.RequireRole(kStaff); !role.ok()) {
    return role.error();
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
  for (auto& matches : repository_.Search(queries.value(), page_token, limit + 1)) {
    page.total += matches.total;
    ids.insert(ids.end(), matches.page.begin(), matches.page.end());
  }
  std::sort(ids.begin(), ids.end());
  if (static_cast<int>(ids.size()) > limit) {
    ids.resize(static_cast<size_t>(limit));
    page.next_page_token = ids.back();
  }
  page.customers = repository_.FindMany(ids);
  return page;
}

Result<std::vector<SegmentCount>> CustomersApp::CountSegments(const auth::Principal& caller,
                                                              domain::CustomerFilter filter,
                                                              const std::vector<SegmentDimension>& group_by,
                                                              int64_t* total) {
  if (Status role = caller.RequireRole({Role::kAdmin, Role::kManager, Role::kAdvisor}); !role.ok()) {
    return role.error();
  }
  auto stores = StoresToQuery(caller, filter.store_ids);
  if (!stores.ok()) {
    return stores.error();
  }
  auto by = [&](SegmentDimension d) { return std::find(group_by.begin(), group_by.end(), d) != group_by.end(); };
  // Every combination of the requested dimensions' values, each a narrower filter. A value the
  // filter itself rules out (grouping by churn stage when it asks for lost customers only) is
  // an empty group.
  struct Group {
    SegmentCount counted;
    domain::CustomerFilter filter;
    bool excluded = false;
  };
  std::vector<Group> groups{{SegmentCount{}, filter}};
  auto expand = [&](auto values, auto narrow) {
    std::vector<Group> next;
    for (const auto& group : groups) {
      for (auto value : values) {
        Group more = group;
        narrow(more, value);
        next.push_back(std::move(more));
      }
    }
    groups = std::move(next);
  };
  auto narrow_to = [](auto& wanted, auto value) {
    const bool allowed = wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
    wanted = {value};
    return allowed;
  };
  if (by(SegmentDimension::kValueTier)) {
    expand(std::vector{domain::ValueTier::kHigh, domain::ValueTier::kStandard}, [&](Group& g, domain::ValueTier tier) {
      g.counted.value_tier = tier == domain::ValueTier::kHigh ? "high" : "standard";
      g.excluded |= !narrow_to(g.filter.value_tiers, tier);
    });
  }
  if (by(SegmentDimension::kChurnStage)) {
    expand(std::vector{domain::ChurnStage::kActive, domain::ChurnStage::kAtRisk, domain::ChurnStage::kLapsing,
                       domain::ChurnStage::kLost, domain::ChurnStage::kLongLost},
           [&](Group& g, domain::ChurnStage stage) {
             g.counted.churn = stage;
             g.excluded |= !narrow_to(g.filter.churn_stages, stage);
           });
  }
  if (by(SegmentDimension::kLifecycleStage)) {
    expand(std::vector{domain::LifecycleStage::kSuspect, domain::LifecycleStage::kProspect,
                       domain::LifecycleStage::kCustomer, domain::LifecycleStage::kRepeatCustomer,
                       domain::LifecycleStage::kChampion},
           [&](Group& g, domain::LifecycleStage stage) {
             g.counted.lifecycle = stage;
             g.excluded |= !narrow_to(g.filter.lifecycle_stages, stage);
           });
  }
  auto all = Plan(stores.value(), filter);
  if (!all.ok()) {
    return all.error();
  }
  // One search for everything: the stores' totals first, then every (group, store) in order.
  std::vector<CustomerRepository::SearchQuery> queries = std::move(all).value();
  const size_t store_count = queries.size();
  std::vector<std::pair<const Group*, std::string>> asked;
  for (const auto& group : groups) {
    if (group.excluded) {
      continue;
    }
    for (const auto& store_id : stores.value()) {
      auto plan = Plan({store_id}, group.filter);
      if (!plan.ok()) {
        continue;  // a group that contradicts the filter (e.g. its churn stage vs its visit range) is empty
      }
      queries.push_back(std::move(plan->front()));
      asked.emplace_back(&group, store_id);
    }
  }
  const auto matches = repository_.Search(queries, "", 0);
  *total = 0;
  for (size_t i = 0; i < store_count; ++i) {
    *total += matches[i].total;
  }
  std::vector<SegmentCount> result;
  for (size_t i = 0; i < asked.size(); ++i) {
    const auto& [group, store_id] = asked[i];
    const int64_t count = matches[store_count + i].total;
    if (count == 0) {
      continue;
    }
    SegmentCount counted = group->counted;
    counted.customers = count;
    if (by(SegmentDimension::kStore)) {
      counted.store_id = store_id;
      result.push_back(counted);
      continue;
    }
    // Not grouped by store: add into the same group of earlier stores.
    auto same = std::find_if(result.begin(), result.end(), [&](const SegmentCount& other) {
      return other.value_tier == counted.value_tier && other.churn == counted.churn &&
             other.lifecycle == counted.lifecycle;
    });
    if (same == result.end()) {
      result.push_back(counted);
    } else {
      same->customers += counted.customers;
    }
  }
  return result;
}

Result<std::vector<domain::TimelineEntry>> CustomersApp::Timeline(const auth::Principal& caller,
                                                                  const std::string& customer_id,
                                                                  const std::vector<domain::TimelineKind>& kinds,
                                                                  const std::string& vehicle_id) {
  auto customer = GetCustomer(caller, customer_id);
  if (!customer.ok()) {
    return customer.error();
  }
  const domain::History history = repository_.LoadHistory(customer_id);
  domain::TimelineSources sources{&customer.value(), &history, repository_.ConsentHistory(customer_id),
                                  repository_.Contacts(customer_id), repository_.SegmentChanges(customer_id)};
  return domain::BuildTimeline(sources, stores_.ZoneOf(customer->store_id), kinds, vehicle_id);
}

void CustomersApp::OnContact(const std::string& customer_id, const domain::ContactEntry& contact, bool opt_out) {
  if (!repository_.Find(customer_id)) {
    return;  // not (or no longer) on record: nothing to add to
  }
  repository_.RecordContact(customer_id, contact);
  if (opt_out) {
    const std::string source = "reply:" + std::string(domain::ChannelName(contact.channel));
    (void)repository_.ChangeConsent(customer_id, contact.channel, [&](domain::Customer& current) {
      return domain::ChangeConsent(current, contact.channel, domain::ConsentState::kDenied, source, contact.at);
    });
  }
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

Result<CustomersApp::CarOnRecord> CustomersApp::FindCarOnRecord(const auth::Principal& caller, const std::string& vin,
                                                                const std::string& plate) {
  const bool by_vin = !vin.empty();
  auto key = by_vin ? domain::NormalizeVin("vin", vin) : domain::NormalizePlate("plate", plate);
  if (!key.ok()) {
    return key.error();
  }
  auto owner =
      repository_.FindBy(by_vin ? CustomerRepository::Index::kVin : CustomerRepository::Index::kPlate, key.value());
  if (!owner || !caller.MayAccessStore(owner->store_id)) {
    return InvalidArgument(by_vin ? "vin" : "plate", "no car on record with " + key.value());
  }
  CarOnRecord car{std::move(*owner), ""};
  for (const auto& vehicle : car.owner.vehicles) {
    if (by_vin ? vehicle.vin == key.value() : vehicle.plate == key.value()) {
      car.vehicle_id = vehicle.vehicle_id;
    }
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
  const Date today = TodayAt(owner.store_id);
  auto recorded =
      repository_.Update(owner.customer_id, request_id,
                         [&](domain::Customer& current, const domain::History&) -> Result<CustomerRepository::Change> {
                           auto prepared = domain::PrepareVisit(current, visit, visit_id, today);
                           if (!prepared.ok()) {
                             return prepared.error();
                           }
                           for (auto& vehicle : current.vehicles) {
                             if (vehicle.vehicle_id == prepared->vehicle_id) {
                               vehicle.odometer_km = prepared->odometer_km;
                               vehicle.odometer_date = prepared->visit_date;
                             }
                           }
                           current.last_visit_date = std::max(current.last_visit_date, prepared->visit_date);
                           CustomerRepository::Change change;
                           change.result_id = visit_id;
                           change.items.emplace_back(std::move(prepared).value());
                           return change;
                         });
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
  auto stored = repository_.Update(
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
