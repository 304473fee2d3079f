#pragma once

#include "common/redis/client.h"
#include "services/customers/app/ports.h"

namespace careloop::customers::adapters {

/// CustomerSearch on Redis: one Lua script per store query over the facet sets and dated
/// sorted sets the repository keeps with every record (redis_keys.h), so each answer is a
/// consistent snapshot.
class RedisCustomerSearch final : public app::CustomerSearch {
 public:
  explicit RedisCustomerSearch(redis::Pool& pool) : pool_(pool) {}
  [[nodiscard]] std::vector<SearchMatches> Search(const std::vector<SearchQuery>& queries, const std::string& after,
                                                  int limit) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::customers::adapters
