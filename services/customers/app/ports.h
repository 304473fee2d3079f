#pragma once

#include <functional>
#include <optional>
#include <string>

#include "common/base/error.h"
#include "services/customers/domain/customer.h"

namespace careloop::customers::app {

/// Port: where customers live. Every write stores the record, its indexes and the event that
/// announces it in one atomic step (see adapters/redis_customer_repository.h).
class CustomerRepository {
 public:
  virtual ~CustomerRepository() = default;

  /// Stores a new customer and publishes CustomerCreated. ALREADY_EXISTS ("mobile") when the
  /// mobile number belongs to another customer. A repeated `request_id` returns the customer
  /// created the first time and writes nothing.
  [[nodiscard]] virtual Result<domain::Customer> Create(const domain::Customer& customer,
                                                        const std::string& request_id) = 0;

  [[nodiscard]] virtual std::optional<domain::Customer> Find(const std::string& customer_id) = 0;

  /// The customer an index points at: by normalised mobile, VIN or plate.
  enum class Index { kMobile, kVin, kPlate };
  [[nodiscard]] virtual std::optional<domain::Customer> FindBy(Index index, const std::string& value) = 0;

  /// Validates against the current record (read inside the write's isolation, so a concurrent
  /// change cannot slip between check and write).
  using VehiclePreparer = std::function<Result<domain::Vehicle>(const domain::Customer&)>;
  using VisitPreparer = std::function<Result<domain::ServiceVisit>(const domain::Customer&)>;

  /// The dates of the customer's workshop visits.
  [[nodiscard]] virtual std::vector<Date> VisitDates(const std::string& customer_id) = 0;

  /// Stores `next` as the customer's classification, with the store's segment indexes and, when
  /// it puts the customer in another segment than `previous`, a CustomerSegmentChanged event —
  /// unless the stored classification is no longer `previous` (a concurrent change got there
  /// first: returns false, writes nothing). Schedules the next time-driven check at `recheck_at`.
  [[nodiscard]] virtual bool SaveSegment(const std::string& customer_id,
                                         const std::optional<domain::Classification>& previous,
                                         const domain::Classification& next, std::optional<Instant> recheck_at) = 0;

  /// Customers due for a reclassification at `now` (after a change, or when time moves them to
  /// another churn stage), claimed with a lease so instances share the work.
  [[nodiscard]] virtual std::vector<std::string> ClaimReclassifications(Instant now, int limit) = 0;
  /// Gives up a claim without saving (the customer is gone).
  virtual void ReleaseReclassification(const std::string& customer_id) = 0;

  /// A group of one store's customers: those in every named segment (dimension, value), e.g.
  /// {("churn", "at_risk"), ("tier", "high")}; no segments means all of the store's customers.
  struct SegmentQuery {
    std::string store_id;
    std::vector<std::pair<std::string, std::string>> segments;
  };
  /// How many customers each query matches, in order (one round trip).
  [[nodiscard]] virtual std::vector<int64_t> CountSegments(const std::vector<SegmentQuery>& queries) = 0;

  /// Adds a vehicle and publishes VehicleDelivered. ALREADY_EXISTS ("vin") when another
  /// customer owns the VIN.
  [[nodiscard]] virtual Result<domain::Vehicle> AddVehicle(const std::string& customer_id,
                                                           const VehiclePreparer& prepare) = 0;

  /// Applies `change` to the current record and, if it changed something, stores the record, appends
  /// the new consent to the customer's consent history and publishes ConsentChanged — atomically.
  /// `change` returns the previous state (nullopt: nothing to do).
  using ConsentChange = std::function<Result<std::optional<domain::ConsentState>>(domain::Customer&)>;
  [[nodiscard]] virtual Result<domain::Customer> ChangeConsent(const std::string& customer_id, domain::Channel channel,
                                                               const ConsentChange& change) = 0;

  /// Records a visit, moves the vehicle's odometer, and publishes ServiceVisitRecorded.
  /// A repeated `request_id` returns the visit recorded the first time.
  [[nodiscard]] virtual Result<domain::ServiceVisit> AddVisit(const std::string& customer_id,
                                                              const std::string& request_id,
                                                              const VisitPreparer& prepare) = 0;
};

}  // namespace careloop::customers::app
