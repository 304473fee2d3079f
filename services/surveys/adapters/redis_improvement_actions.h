#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/surveys/app/improvement_ports.h"

namespace careloop::surveys::adapters {

/// ImprovementActionStore on Redis (keys::Action*): the action record is its own creation guard,
/// written with the store index and the ImprovementActionCreated outbox entry in one atomic step;
/// an update is guarded by its request id (kept a week).
class RedisImprovementActions final : public app::ImprovementActionStore {
 public:
  RedisImprovementActions(redis::Pool& pool, const clock::Clock& clock) : pool_(pool), clock_(clock) {}

  bool Create(const domain::ImprovementAction& action) override;
  bool Update(const domain::ImprovementAction& action, const std::string& request_id) override;
  [[nodiscard]] std::optional<domain::ImprovementAction> Get(const std::string& action_id) override;
  [[nodiscard]] std::vector<domain::ImprovementAction> ListByStore(const std::string& store_id) override;

 private:
  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::surveys::adapters
