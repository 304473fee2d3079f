#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/surveys/app/case_ports.h"

namespace careloop::surveys::adapters {

/// CaseRepository on Redis: a case record, its store and customer indexes (by deadline) and its
/// outbox event are written in one atomic step — a Lua unit guarded by the record for a new
/// case, a WATCHed MULTI/EXEC for a change.
class RedisCaseRepository final : public app::CaseRepository {
 public:
  RedisCaseRepository(redis::Pool& pool, const clock::Clock& clock) : pool_(pool), clock_(clock) {}
  bool Open(const domain::ComplaintCase& complaint) override;
  [[nodiscard]] std::optional<domain::ComplaintCase> Get(const std::string& case_id) override;
  [[nodiscard]] Result<domain::ComplaintCase> Change(const std::string& case_id, const std::string& request_id,
                                                     const app::CaseMutation& mutation) override;
  [[nodiscard]] std::vector<domain::ComplaintCase> ListByStore(const std::string& store_id, size_t limit) override;
  [[nodiscard]] std::vector<domain::ComplaintCase> ListByCustomer(const std::string& customer_id) override;

 private:
  std::vector<domain::ComplaintCase> Load(redis::Connection& connection, const redis::Reply& ids);

  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::surveys::adapters
