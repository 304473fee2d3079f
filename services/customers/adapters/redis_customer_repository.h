#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/customers/app/ports.h"

namespace careloop::customers::adapters {

/// CustomerRepository on Redis. Each write is one MULTI/EXEC under WATCH of the record and
/// the index keys it checks: record, indexes and outbox entry commit together or not at all,
/// and a concurrent change makes the transaction retry with fresh data.
class RedisCustomerRepository final : public app::CustomerRepository {
 public:
  RedisCustomerRepository(redis::Pool& pool, const clock::Clock& clock);

  [[nodiscard]] Result<domain::Customer> Create(const domain::Customer& customer,
                                                const std::string& request_id) override;
  [[nodiscard]] std::optional<domain::Customer> Find(const std::string& customer_id) override;
  [[nodiscard]] std::optional<domain::Customer> FindBy(Index index, const std::string& value) override;
  [[nodiscard]] std::vector<Date> VisitDates(const std::string& customer_id) override;
  [[nodiscard]] bool SaveSegment(const std::string& customer_id, const std::optional<domain::Classification>& previous,
                                 const domain::Classification& next, std::optional<Instant> recheck_at) override;
  [[nodiscard]] std::vector<std::string> ClaimReclassifications(Instant now, int limit) override;
  void ReleaseReclassification(const std::string& customer_id) override;
  [[nodiscard]] std::vector<int64_t> CountSegments(const std::vector<SegmentQuery>& queries) override;
  [[nodiscard]] Result<domain::Vehicle> AddVehicle(const std::string& customer_id,
                                                   const VehiclePreparer& prepare) override;
  [[nodiscard]] Result<domain::Customer> ChangeConsent(const std::string& customer_id, domain::Channel channel,
                                                       const ConsentChange& change) override;
  [[nodiscard]] Result<domain::ServiceVisit> AddVisit(const std::string& customer_id, const std::string& request_id,
                                                      const VisitPreparer& prepare) override;

 private:
  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::customers::adapters
