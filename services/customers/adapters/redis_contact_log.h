#pragma once

#include "common/redis/client.h"
#include "services/customers/app/ports.h"

namespace careloop::customers::adapters {

/// ContactLog on Redis: a capped list of timeline entries per customer; each (message id,
/// summary) is kept once however often dispatch's event is redelivered.
class RedisContactLog final : public app::ContactLog {
 public:
  explicit RedisContactLog(redis::Pool& pool) : pool_(pool) {}
  void RecordContact(const std::string& customer_id, const domain::ContactEntry& contact) override;
  [[nodiscard]] std::vector<domain::ContactEntry> Contacts(const std::string& customer_id) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::customers::adapters
