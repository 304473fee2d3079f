#pragma once

#include "common/redis/client.h"
#include "services/surveys/app/csi_ports.h"

namespace careloop::surveys::adapters {

/// CsiStats on Redis (keys::Csi*): one hash of counters per store and month, incremented with
/// the event's replay guard in one Lua step; one hash per complaint case (fields set, never
/// counted) filed in a set per store and month of opening.
class RedisCsiStats final : public app::CsiStats {
 public:
  explicit RedisCsiStats(redis::Pool& pool) : pool_(pool) {}

  bool Add(const std::string& event_key, const std::vector<domain::CsiCell>& cells) override;
  void RecordCase(const app::CaseNote& note) override;
  [[nodiscard]] std::vector<domain::CsiCell> Cells(const std::string& store_id, domain::CsiMonth month) override;
  [[nodiscard]] std::vector<domain::CaseFact> Cases(const std::string& store_id, domain::CsiMonth month) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::surveys::adapters
