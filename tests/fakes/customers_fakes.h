#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "services/customers/app/ports.h"
#include "tests/fakes/published_events.h"

namespace careloop::testing {

/// In-memory CustomerRepository honouring the port's contract: unique mobile, a plate or VIN
/// on one active car (claims from another customer decided by the ClaimResolver), request ids
/// replayed as their first result, history items replaced by id, one event per change.
/// Every write queues the customer for reclassification at `now`; claims lease what they take.
/// `fail_next_consent_change` makes the next ChangeConsent fail (e.g. Redis unavailable).
class FakeCustomerRepository final : public customers::app::CustomerRepository {
 public:
  Result<customers::domain::Customer> Create(const customers::domain::Customer& customer,
                                             const std::string& request_id) override {
    if (auto earlier = requests.find(request_id); !request_id.empty() && earlier != requests.end()) {
      return records.at(earlier->second);
    }
    if (FindBy(Index::kMobile, customer.mobile)) {
      return Error{ErrorCode::kAlreadyExists, "mobile", "already belongs to another customer"};
    }
    records[customer.customer_id] = customer;
    Remember(request_id, customer.customer_id);
    published.push_back({"CustomerCreated", customer.customer_id});
    reclassify[customer.customer_id] = now;
    return customer;
  }

  std::optional<customers::domain::Customer> Find(const std::string& customer_id) override {
    auto it = records.find(customer_id);
    return it == records.end() ? std::nullopt : std::optional(it->second);
  }

  // The indexes as the records imply them: the mobile's owner; the customer whose active car has
  // the plate; the VIN's owner, the active one first.
  std::optional<customers::domain::Customer> FindBy(Index index, const std::string& value) override {
    std::optional<customers::domain::Customer> inactive_vin;
    for (const auto& [id, record] : records) {
      if (index == Index::kMobile) {
        if (record.mobile == value) {
          return record;
        }
        continue;
      }
      for (const auto& v : record.vehicles) {
        if (index == Index::kPlate && v.plate == value && v.active()) {
          return record;
        }
        if (index == Index::kVin && v.vin == value) {
          if (v.active()) {
            return record;
          }
          inactive_vin = record;
        }
      }
    }
    return inactive_vin;
  }

  std::vector<customers::domain::Customer> FindMany(const std::vector<std::string>& customer_ids) override {
    std::vector<customers::domain::Customer> out;
    for (const auto& id : customer_ids) {
      if (auto found = Find(id)) {
        out.push_back(*found);
      }
    }
    return out;
  }

  customers::domain::History LoadHistory(const std::string& customer_id) override { return histories[customer_id]; }

  Result<std::string> Update(const std::string& customer_id, const std::string& request_id,
                             const Mutation& mutate) override {
    if (auto earlier = requests.find(request_id); !request_id.empty() && earlier != requests.end()) {
      return earlier->second;
    }
    auto record = Find(customer_id);
    if (!record) {
      return Error{ErrorCode::kNotFound, "customer_id", "no customer '" + customer_id + "'"};
    }
    const customers::domain::Customer before = *record;
    auto change = mutate(*record, histories[customer_id]);
    if (!change.ok()) {
      return change.error();
    }
    if (!change->record_changed && change->items.empty()) {
      return change->result_id;
    }
    if (record->mobile != before.mobile) {
      if (auto owner = FindBy(Index::kMobile, record->mobile); owner && owner->customer_id != customer_id) {
        return Error{ErrorCode::kAlreadyExists, "mobile", "already belongs to customer " + owner->customer_id};
      }
    }
    auto holders = Claim(&before, *record, change->resolve);
    if (!holders.ok()) {
      return holders.error();
    }
    ++record->revision;
    records[customer_id] = *record;
    Announce(before, *record, "");
    Store(holders.value(), customer_id);
    for (const auto& item : change->items) {
      std::visit([&](const auto& one) { Keep(histories[customer_id], one); }, item);
      published.push_back({"HistoryItemRecorded", change->result_id});
    }
    reclassify[customer_id] = now;
    for (const auto& field : change->changed_fields) {
      published.push_back({"CustomerUpdated:" + field, customer_id});
    }
    Remember(request_id, change->result_id);
    return change->result_id;
  }

  // Stores `next` unless the stored classification is no longer `previous` (then writes nothing
  // and gives the claim up); a change of segment publishes CustomerSegmentChanged.
  bool SaveSegment(const std::string& customer_id, const std::optional<customers::domain::Classification>& previous,
                   const customers::domain::Classification& next, std::optional<Instant> recheck_at,
                   const std::string&) override {
    auto& stored = records.at(customer_id).classification;
    const bool unchanged =
        stored.has_value() == previous.has_value() && (!stored || customers::domain::SameSegment(*stored, *previous));
    leased.erase(customer_id);
    if (!unchanged) {
      return false;
    }
    if (!previous || !customers::domain::SameSegment(*previous, next)) {
      published.push_back({"CustomerSegmentChanged", customer_id});
    }
    stored = next;
    if (recheck_at) {
      reclassify[customer_id] = *recheck_at;
    }
    return true;
  }

  // Claims due customers, moving them from the queue to the leased set (one claim at a time).
  std::vector<std::string> ClaimReclassifications(Instant at, int limit) override {
    std::vector<std::string> due;
    for (auto it = reclassify.begin(); it != reclassify.end() && static_cast<int>(due.size()) < limit;) {
      if (it->second <= at) {
        due.push_back(it->first);
        leased.insert(it->first);
        it = reclassify.erase(it);
      } else {
        ++it;
      }
    }
    return due;
  }
  void ReleaseReclassification(const std::string& customer_id) override { leased.erase(customer_id); }

  Result<customers::domain::Vehicle> AddVehicle(const std::string& customer_id, const VehiclePreparer& prepare,
                                                const ClaimResolver& resolve) override {
    auto record = Find(customer_id);
    if (!record) {
      return Error{ErrorCode::kNotFound, "customer_id", "no customer '" + customer_id + "'"};
    }
    auto vehicle = prepare(*record);
    if (!vehicle.ok()) {
      return vehicle.error();
    }
    const customers::domain::Customer before = *record;
    record->vehicles.push_back(vehicle.value());
    auto holders = Claim(&before, *record, resolve);
    if (!holders.ok()) {
      return holders.error();
    }
    ++record->revision;
    records[customer_id] = *record;
    Store(holders.value(), customer_id);
    published.push_back({"VehicleDelivered", vehicle->vehicle_id});
    reclassify[customer_id] = now;
    return vehicle;
  }

  Result<customers::domain::Customer> ChangeConsent(const std::string& customer_id, customers::domain::Channel channel,
                                                    const ConsentChange& change) override {
    if (fail_next_consent_change) {
      Error error = *fail_next_consent_change;
      fail_next_consent_change.reset();
      return error;
    }
    auto record = Find(customer_id);
    if (!record) {
      return Error{ErrorCode::kNotFound, "customer_id", "no customer '" + customer_id + "'"};
    }
    auto previous = change(*record);
    if (!previous.ok()) {
      return previous.error();
    }
    if (previous.value()) {
      ++record->revision;
      records[customer_id] = *record;
      for (const auto& consent : record->consents) {
        if (consent.channel == channel) {
          consent_log[customer_id].push_back(consent);
        }
      }
      published.push_back({"ConsentChanged", customer_id});
    }
    return *record;
  }

  std::vector<customers::domain::ChannelConsent> ConsentHistory(const std::string& customer_id) override {
    return consent_log[customer_id];
  }
  std::vector<customers::domain::SegmentEntry> SegmentChanges(const std::string&) override { return {}; }

  std::map<std::string, customers::domain::Customer> records;
  std::map<std::string, customers::domain::History> histories;
  std::map<std::string, std::string> requests;
  std::map<std::string, Instant> reclassify;  ///< queued for reclassification, by due time
  std::set<std::string> leased;               ///< claimed and not yet saved or released
  Instant now{};                              ///< when writes queue their reclassification
  std::map<std::string, std::vector<customers::domain::ChannelConsent>> consent_log;
  std::vector<PublishedEvent> published;
  std::optional<Error> fail_next_consent_change;

 private:
  // The holders of the plates and VINs `after`'s active cars claim, after `resolve` (a refusal
  // without one) decided on each claim; nothing is stored here.
  Result<std::map<std::string, customers::domain::Customer>> Claim(const customers::domain::Customer* before,
                                                                   const customers::domain::Customer& after,
                                                                   const ClaimResolver& resolve) {
    std::map<std::string, customers::domain::Customer> holders;
    for (const auto& key : customers::domain::NewlyClaimedKeys(before, after)) {
      const auto holder =
          FindBy(key.kind == customers::domain::CarKey::Kind::kPlate ? Index::kPlate : Index::kVin, key.value);
      if (!holder || holder->customer_id == after.customer_id) {
        continue;
      }
      auto& taken = holders.try_emplace(holder->customer_id, *holder).first->second;
      Status claimed = resolve ? resolve(taken, key) : customers::domain::ClaimFrom(taken, key, false, false);
      if (!claimed.ok()) {
        return claimed.error();
      }
    }
    return holders;
  }
  // Stores the holders that gave a car up to `claimant`, announcing their cars' changes.
  void Store(const std::map<std::string, customers::domain::Customer>& holders, const std::string& claimant) {
    for (const auto& [id, holder] : holders) {
      const customers::domain::Customer was = records.at(id);
      if (customers::domain::ChangedVehicles(was, holder).empty()) {
        continue;
      }
      records[id] = holder;
      ++records[id].revision;
      reclassify[id] = now;
      Announce(was, holder, claimant);
    }
  }
  // "VehicleUpdated:<field>" (and "→<claimant>" for a transfer) per changed field of a car.
  void Announce(const customers::domain::Customer& before, const customers::domain::Customer& after,
                const std::string& claimant) {
    for (const auto& car : customers::domain::ChangedVehicles(before, after)) {
      for (const auto& field : car.fields) {
        published.push_back({"VehicleUpdated:" + field + (claimant.empty() ? "" : "→" + claimant), car.vehicle_id});
      }
    }
  }
  void Remember(const std::string& request_id, const std::string& result) {
    if (!request_id.empty()) {
      requests[request_id] = result;
    }
  }
  // A new id adds the item, a known id replaces it.
  template <typename Item, typename Id>
  static void Replace(std::vector<Item>& items, const Item& item, Id Item::*id) {
    auto same = std::find_if(items.begin(), items.end(), [&](const Item& known) { return known.*id == item.*id; });
    if (same == items.end()) {
      items.push_back(item);
    } else {
      *same = item;
    }
  }
  static void Keep(customers::domain::History& h, const customers::domain::ServiceVisit& v) {
    Replace(h.visits, v, &customers::domain::ServiceVisit::visit_id);
  }
  static void Keep(customers::domain::History& h, const customers::domain::InsurancePolicy& p) {
    Replace(h.policies, p, &customers::domain::InsurancePolicy::policy_id);
  }
  static void Keep(customers::domain::History& h, const customers::domain::Inspection& i) {
    Replace(h.inspections, i, &customers::domain::Inspection::inspection_id);
  }
  static void Keep(customers::domain::History& h, const customers::domain::Referral& r) {
    Replace(h.referrals, r, &customers::domain::Referral::referral_id);
  }
  static void Keep(customers::domain::History& h, const customers::domain::Purchase& p) {
    Replace(h.purchases, p, &customers::domain::Purchase::purchase_id);
  }
  static void Keep(customers::domain::History& h, const customers::domain::PrepaidPackage& p) {
    Replace(h.packages, p, &customers::domain::PrepaidPackage::package_id);
  }
  static void Keep(customers::domain::History& h, const customers::domain::Complaint& c) {
    Replace(h.complaints, c, &customers::domain::Complaint::complaint_id);
  }
  static void Keep(customers::domain::History& h, const customers::domain::OdometerReading& r) {
    Replace(h.odometer_readings, r, &customers::domain::OdometerReading::reading_id);
  }
};

/// CustomerSearch answering each query with the store's `totals` entry and its `ids` after
/// `after` (the real search evaluates plans in Redis; tests/integration covers it). Records the
/// queries it was asked.
class FakeCustomerSearch final : public customers::app::CustomerSearch {
 public:
  std::vector<SearchMatches> Search(const std::vector<SearchQuery>& queries, const std::string& after,
                                    int limit) override {
    asked.insert(asked.end(), queries.begin(), queries.end());
    std::vector<SearchMatches> out;
    for (const auto& query : queries) {
      SearchMatches matches;
      matches.total = totals[query.store_id];
      for (const auto& id : ids[query.store_id]) {
        if (id > after && static_cast<int>(matches.page.size()) < limit) {
          matches.page.push_back(id);
        }
      }
      out.push_back(std::move(matches));
    }
    return out;
  }

  std::map<std::string, int64_t> totals;
  std::map<std::string, std::vector<std::string>> ids;  ///< per store, in id order
  std::vector<SearchQuery> asked;
};

/// ReportStore in maps.
class FakeReportStore final : public customers::app::ReportStore {
 public:
  std::optional<std::string> LastSnapshotMonth(const std::string& store_id) override {
    auto it = last.find(store_id);
    return it == last.end() ? std::nullopt : std::optional(it->second);
  }
  void SaveSnapshot(const std::string& store_id, const std::string& month,
                    const std::map<std::string, int64_t>& counts) override {
    snapshots[store_id + "/" + month] = counts;
    last[store_id] = month;
  }
  std::optional<std::map<std::string, int64_t>> LoadSnapshot(const std::string& store_id,
                                                             const std::string& month) override {
    auto it = snapshots.find(store_id + "/" + month);
    return it == snapshots.end() ? std::nullopt : std::optional(it->second);
  }
  std::map<std::string, int64_t> Movements(const std::string& store_id, const std::string& month) override {
    return movements[store_id + "/" + month];
  }

  std::map<std::string, std::string> last;
  std::map<std::string, std::map<std::string, int64_t>> snapshots;
  std::map<std::string, std::map<std::string, int64_t>> movements;
};

/// ContactLog keeping each (message id, summary) once, newest first.
class FakeContactLog final : public customers::app::ContactLog {
 public:
  void RecordContact(const std::string& customer_id, const customers::domain::ContactEntry& contact) override {
    if (seen.insert(contact.message_id + "|" + contact.summary).second) {
      log[customer_id].insert(log[customer_id].begin(), contact);
    }
  }
  std::vector<customers::domain::ContactEntry> Contacts(const std::string& customer_id) override {
    return log[customer_id];
  }

  std::map<std::string, std::vector<customers::domain::ContactEntry>> log;
  std::set<std::string> seen;
};

/// The four customers ports as fakes, ready for CustomersApp.
struct FakeCustomerStore final {
  [[nodiscard]] customers::app::CustomerPorts ports() { return {records, search, reports, contacts}; }
  FakeCustomerRepository records;
  FakeCustomerSearch search;
  FakeReportStore reports;
  FakeContactLog contacts;
};

}  // namespace careloop::testing
