#pragma once

#include "common/redis/client.h"
#include "services/dispatch/app/message_page_ports.h"

namespace careloop::dispatch::adapters {

/// app::MessagePages over the ledger's per-customer and per-store indexes (sorted by creation
/// time, keys::OfCustomer / keys::OfStore): ZREVRANGEBYSCORE from the anchor down, LIMIT offset.
class RedisMessagePages final : public app::MessagePages {
 public:
  explicit RedisMessagePages(redis::Pool& pool) : pool_(pool) {}
  [[nodiscard]] app::MessagePage Page(const app::MessagePageQuery& query) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::dispatch::adapters
