#pragma once

#include "common/redis/client.h"
#include "services/customers/app/ports.h"

namespace careloop::customers::adapters {

/// ReportStore on Redis: a hash of counts per store and month-end snapshot, and the movement
/// counters that RedisCustomerRepository::SaveSegment increments with each churn-stage change.
class RedisReportStore final : public app::ReportStore {
 public:
  explicit RedisReportStore(redis::Pool& pool) : pool_(pool) {}
  [[nodiscard]] std::optional<std::string> LastSnapshotMonth(const std::string& store_id) override;
  void SaveSnapshot(const std::string& store_id, const std::string& month,
                    const std::map<std::string, int64_t>& counts) override;
  [[nodiscard]] std::optional<std::map<std::string, int64_t>> LoadSnapshot(const std::string& store_id,
                                                                           const std::string& month) override;
  [[nodiscard]] std::map<std::string, int64_t> Movements(const std::string& store_id,
                                                         const std::string& month) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::customers::adapters
