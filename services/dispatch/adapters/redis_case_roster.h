#pragma once

#include "common/redis/client.h"
#include "services/dispatch/app/case_ports.h"

namespace careloop::dispatch::adapters {

/// The complaint cases dispatch follows up, one hash per case (`cl:disp:case:<case_id>`: owner,
/// customer, store, vehicle, deadline). Forgotten cases are deleted.
class RedisCaseRoster final : public app::CaseRoster {
 public:
  explicit RedisCaseRoster(redis::Pool& pool) : pool_(pool) {}

  void Record(const app::CaseFacts& facts) override;
  [[nodiscard]] std::optional<app::CaseFacts> Find(const std::string& case_id) override;
  void Forget(const std::string& case_id) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::dispatch::adapters
