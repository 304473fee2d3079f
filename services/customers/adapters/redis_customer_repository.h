#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/customers/adapters/national_id_cipher.h"
#include "services/customers/adapters/redis_contact_log.h"
#include "services/customers/adapters/redis_customer_search.h"
#include "services/customers/adapters/redis_report_store.h"
#include "services/customers/app/ports.h"

namespace careloop::customers::adapters {

/// CustomerRepository on Redis. Each write is one optimistic transaction (redis::WatchedTransaction)
/// over the record and the index keys it checks: record, search facets, history, outbox entry
/// commit together or not at all, and a concurrent change makes it retry with fresh data. The
/// events' payloads are built by customer_events.h; history items are stored as stored_history.h says.
/// National ID numbers are encrypted with `cipher` before they are stored; without a cipher a
/// record carrying one is refused (FAILED_PRECONDITION).
class RedisCustomerRepository final : public app::CustomerRepository {
 public:
  RedisCustomerRepository(redis::Pool& pool, const clock::Clock& clock, const NationalIdCipher* cipher = nullptr);

  [[nodiscard]] Result<domain::Customer> Create(const domain::Customer& customer,
                                                const std::string& request_id) override;
  [[nodiscard]] std::optional<domain::Customer> Find(const std::string& customer_id) override;
  [[nodiscard]] std::optional<domain::Customer> FindBy(Index index, const std::string& value) override;
  [[nodiscard]] std::vector<domain::Customer> FindMany(const std::vector<std::string>& customer_ids) override;
  [[nodiscard]] domain::History LoadHistory(const std::string& customer_id) override;
  [[nodiscard]] Result<std::string> Update(const std::string& customer_id, const std::string& request_id,
                                           const Mutation& mutate) override;
  [[nodiscard]] bool SaveSegment(const std::string& customer_id, const std::optional<domain::Classification>& previous,
                                 const domain::Classification& next, std::optional<Instant> recheck_at,
                                 const std::string& month) override;
  [[nodiscard]] std::vector<std::string> ClaimReclassifications(Instant now, int limit) override;
  void ReleaseReclassification(const std::string& customer_id) override;
  [[nodiscard]] Result<domain::Vehicle> AddVehicle(const std::string& customer_id, const VehiclePreparer& prepare,
                                                   const ClaimResolver& resolve) override;
  [[nodiscard]] Result<domain::Customer> ChangeConsent(const std::string& customer_id, domain::Channel channel,
                                                       const ConsentChange& change) override;
  [[nodiscard]] std::vector<domain::ChannelConsent> ConsentHistory(const std::string& customer_id) override;
  [[nodiscard]] std::vector<domain::SegmentEntry> SegmentChanges(const std::string& customer_id) override;

 private:
  /// nullopt for a missing record; throws for a corrupt one.
  [[nodiscard]] std::optional<domain::Customer> Parse(const redis::Reply& reply) const;
  /// The stored bytes as a record, national ID decrypted; nullopt when they do not parse.
  [[nodiscard]] std::optional<domain::Customer> Decode(std::string_view bytes) const;
  /// The record as stored (national ID encrypted); nullopt when it cannot be stored.
  [[nodiscard]] std::optional<std::string> Serialize(const domain::Customer& customer) const;
  /// The index writes of a change from `before` (nullopt: a new record) to `after`: a new mobile
  /// (ALREADY_EXISTS when another customer has it), the plates and VINs `after`'s active cars
  /// claim (from another customer's car through `resolve`) or release. A holder that gives a car
  /// up is stored, reclassified and announced (VehicleUpdated) in the same write. Watches every
  /// key and record it reads, on the attempt's connection `c`. An error refuses the write.
  [[nodiscard]] Status AppendIndexWrites(redis::Connection& c, const std::optional<domain::Customer>& before,
                                         const domain::Customer& after, const ClaimResolver& resolve, Instant now,
                                         std::vector<redis::Command>& writes) const;

  redis::Pool& pool_;
  const clock::Clock& clock_;
  const NationalIdCipher* cipher_;
};

/// The customers service's Redis adapters, one per port, over one pool: what main.cc, the
/// integration fixtures and the benchmarks hand to CustomersApp.
struct RedisCustomerStore final {
  RedisCustomerStore(redis::Pool& pool, const clock::Clock& clock, const NationalIdCipher* cipher = nullptr)
      : records(pool, clock, cipher), search(pool), reports(pool), contacts(pool) {}
  [[nodiscard]] app::CustomerPorts ports() { return {records, search, reports, contacts}; }

  RedisCustomerRepository records;
  RedisCustomerSearch search;
  RedisReportStore reports;
  RedisContactLog contacts;
};

}  // namespace careloop::customers::adapters
