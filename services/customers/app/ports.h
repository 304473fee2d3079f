#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/base/error.h"
#include "services/customers/domain/customer.h"
#include "services/customers/domain/history.h"
#include "services/customers/domain/search.h"
#include "services/customers/domain/timeline.h"
#include "services/customers/domain/vehicles.h"

namespace careloop::customers::app {

/// Port: where customers' records live (record, vehicles, history, consent, classification).
/// Every write stores the record, its indexes and the event that announces it in one atomic
/// step (see adapters/redis_customer_repository.h).
class CustomerRepository {
 public:
  virtual ~CustomerRepository() = default;

  /// Stores a new customer and publishes CustomerCreated. ALREADY_EXISTS ("mobile") when the
  /// mobile number belongs to another customer. A repeated `request_id` returns the customer
  /// created the first time and writes nothing.
  [[nodiscard]] virtual Result<domain::Customer> Create(const domain::Customer& customer,
                                                        const std::string& request_id) = 0;

  [[nodiscard]] virtual std::optional<domain::Customer> Find(const std::string& customer_id) = 0;

  /// The customer an index points at: by normalised mobile, VIN or plate. The plate index names
  /// the customer whose active car holds the plate (domain/vehicles.h); the VIN index the last
  /// customer whose record took the car.
  enum class Index { kMobile, kVin, kPlate };
  [[nodiscard]] virtual std::optional<domain::Customer> FindBy(Index index, const std::string& value) = 0;

  /// Validates against the current record (read inside the write's isolation, so a concurrent
  /// change cannot slip between check and write).
  using VehiclePreparer = std::function<Result<domain::Vehicle>(const domain::Customer&)>;

  /// What a write does when one of its active cars claims a plate or VIN that an index gives to
  /// another customer, `holder` (read inside the write's isolation): an error refuses the whole
  /// write; changes made to `holder` (its car marked transferred, domain::ClaimFrom) are stored
  /// with the write, atomically, and announced (VehicleUpdated). Without one, such a claim is
  /// refused as domain::ClaimFrom refuses it for a holder the caller may not see.
  using ClaimResolver = std::function<Status(domain::Customer& holder, const domain::CarKey& key)>;

  /// Several customers at once, in the order asked; missing ones are skipped.
  [[nodiscard]] virtual std::vector<domain::Customer> FindMany(const std::vector<std::string>& customer_ids) = 0;

  /// Everything recorded about the customer besides the record: visits, policies, ...
  [[nodiscard]] virtual domain::History LoadHistory(const std::string& customer_id) = 0;

  /// A history item as stored: a new id adds it, a known id replaces it (e.g. a complaint closed).
  using HistoryItem =
      std::variant<domain::ServiceVisit, domain::InsurancePolicy, domain::Inspection, domain::Referral,
                   domain::Purchase, domain::PrepaidPackage, domain::Complaint, domain::OdometerReading>;
  /// What one command changed. The repository publishes one event per item (ServiceVisitRecorded,
  /// InsurancePolicyRecorded, ...) and, for `changed_fields`, CustomerUpdated (and
  /// ContactDetailsChanged for contact fields: name, mobile, phones, address, national_id, birthday).
  /// The record's cars whose plate, advisor or status changed are announced by VehicleUpdated;
  /// a changed mobile moves the mobile index (ALREADY_EXISTS "mobile" naming the customer who has
  /// it), and plates move in the plate index (claims decided by `resolve`).
  struct Change final {
    bool record_changed = false;  ///< store the (mutated) record
    std::vector<std::string> changed_fields;
    std::vector<HistoryItem> items;
    std::string result_id;  ///< what a retry with the same request id gets back
    ClaimResolver resolve;  ///< for a change that gives a car a plate or makes it active again
  };
  using Mutation = std::function<Result<Change>(domain::Customer& record, const domain::History& history)>;
  /// Runs `mutate` on the current record and history and stores what it changed — record, its
  /// search facets, history items, events, a reclassification — in one atomic write, retried if
  /// the record changed meanwhile. A repeated `request_id` writes nothing and returns the first
  /// result id. Returns the change's result id.
  [[nodiscard]] virtual Result<std::string> Update(const std::string& customer_id, const std::string& request_id,
                                                   const Mutation& mutate) = 0;

  /// Stores `next` as the customer's classification, with the store's segment indexes and, when
  /// it puts the customer in another segment than `previous`, a CustomerSegmentChanged event —
  /// unless the stored classification is no longer `previous` (a concurrent change got there
  /// first: returns false, writes nothing). Schedules the next time-driven check at `recheck_at`.
  /// A move to another churn stage is also counted for the reports under `month` ("2026-10",
  /// the month it happened: domain::MovementMonth): entered the new stage, and won back when it
  /// is active again.
  [[nodiscard]] virtual bool SaveSegment(const std::string& customer_id,
                                         const std::optional<domain::Classification>& previous,
                                         const domain::Classification& next, std::optional<Instant> recheck_at,
                                         const std::string& month) = 0;

  /// Customers due for a reclassification at `now` (after a change, or when time moves them to
  /// another churn stage), claimed with a lease so instances share the work.
  [[nodiscard]] virtual std::vector<std::string> ClaimReclassifications(Instant now, int limit) = 0;
  /// Gives up a claim without saving (the customer is gone).
  virtual void ReleaseReclassification(const std::string& customer_id) = 0;

  /// Adds a vehicle and publishes VehicleDelivered. The car's plate and VIN, when an index gives
  /// them to another customer, are claimed through `resolve` (refused, or taken over as a transfer).
  [[nodiscard]] virtual Result<domain::Vehicle> AddVehicle(const std::string& customer_id,
                                                           const VehiclePreparer& prepare,
                                                           const ClaimResolver& resolve) = 0;

  /// Applies `change` to the current record and, if it changed something, stores the record, appends
  /// the new consent to the customer's consent history and publishes ConsentChanged — atomically.
  /// `change` returns the previous state (nullopt: nothing to do).
  using ConsentChange = std::function<Result<std::optional<domain::ConsentState>>(domain::Customer&)>;
  [[nodiscard]] virtual Result<domain::Customer> ChangeConsent(const std::string& customer_id, domain::Channel channel,
                                                               const ConsentChange& change) = 0;

  /// The customer's consent changes, oldest first.
  [[nodiscard]] virtual std::vector<domain::ChannelConsent> ConsentHistory(const std::string& customer_id) = 0;

  /// Segment changes as stored with each CustomerSegmentChanged, newest first.
  [[nodiscard]] virtual std::vector<domain::SegmentEntry> SegmentChanges(const std::string& customer_id) = 0;
};

/// Port: searching one store's customers by their facets (adapters/redis_customer_search.h).
class CustomerSearch {
 public:
  virtual ~CustomerSearch() = default;

  /// A search over one store's customers: the plan for that store's day.
  struct SearchQuery final {
    std::string store_id;
    domain::SearchPlan plan;
  };
  struct SearchMatches final {
    int64_t total = 0;              ///< every matching customer of the store
    std::vector<std::string> page;  ///< ids after `after` in id order, at most `limit`
  };
  /// Evaluates each query on a consistent snapshot (one atomic step per query); `limit` 0 counts only.
  [[nodiscard]] virtual std::vector<SearchMatches> Search(const std::vector<SearchQuery>& queries,
                                                          const std::string& after, int limit) = 0;
};

/// Port: the programme's figures kept for the reports (adapters/redis_report_store.h).
class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // Reports: month-end snapshots of a store's counts, and the movements counted as they happen
  // (churn stage entries and win-backs, referral purchases by the month they happened).
  [[nodiscard]] virtual std::optional<std::string> LastSnapshotMonth(const std::string& store_id) = 0;
  /// Stores the counts and marks `month` as the store's latest snapshot, atomically.
  virtual void SaveSnapshot(const std::string& store_id, const std::string& month,
                            const std::map<std::string, int64_t>& counts) = 0;
  [[nodiscard]] virtual std::optional<std::map<std::string, int64_t>> LoadSnapshot(const std::string& store_id,
                                                                                   const std::string& month) = 0;
  [[nodiscard]] virtual std::map<std::string, int64_t> Movements(const std::string& store_id,
                                                                 const std::string& month) = 0;
};

/// Port: the contacts dispatch reported (沟通记录), kept per customer (adapters/redis_contact_log.h).
class ContactLog {
 public:
  virtual ~ContactLog() = default;

  /// Adds a contact dispatch reported (沟通记录) to the customer's history; the same
  /// (message id, summary) again is ignored.
  virtual void RecordContact(const std::string& customer_id, const domain::ContactEntry& contact) = 0;
  [[nodiscard]] virtual std::vector<domain::ContactEntry> Contacts(const std::string& customer_id) = 0;
};

/// Everything the customers use cases need from storage, one port per concern.
struct CustomerPorts final {
  CustomerRepository& records;
  CustomerSearch& search;
  ReportStore& reports;
  ContactLog& contacts;
};

}  // namespace careloop::customers::app
