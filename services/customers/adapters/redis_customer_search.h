#pragma once

#include "common/redis/client.h"
#include "services/customers/app/ports.h"

namespace careloop::customers::adapters {

/// How fast RedisCustomerSearch fills in a store's id index for data older than the index.
struct SearchIndexFill final {
  int steps_per_search = 100;  ///< steps per store per search call
  int ids_per_step = 1000;     ///< SSCAN COUNT of a step
};

/// CustomerSearch on Redis: one Lua script per store query over the facet sets and dated
/// sorted sets the repository keeps with every record (redis_keys.h), so each answer is a
/// consistent snapshot.
///
/// A page is read from the store's id-ordered index (keys::StoreIds). A store whose index is not
/// yet complete (data written before the index existed) has it filled in by its searches, a
/// bounded number of short steps per search (`IndexFill`), each step one atomic script so Redis
/// is never blocked for long; until it is complete the store's pages are picked by one pass
/// over the answer (the way every page was before the index).
class RedisCustomerSearch final : public app::CustomerSearch {
 public:
  using IndexFill = SearchIndexFill;
  explicit RedisCustomerSearch(redis::Pool& pool, IndexFill fill = {}) : pool_(pool), fill_(fill) {}
  [[nodiscard]] std::vector<SearchMatches> Search(const std::vector<SearchQuery>& queries, const std::string& after,
                                                  int limit) override;

 private:
  /// Advances the store's index fill by up to `fill_.steps_per_search` steps; true once complete.
  bool FillStoreIndex(redis::Connection& connection, const std::string& store_id) const;

  redis::Pool& pool_;
  IndexFill fill_;
};

}  // namespace careloop::customers::adapters
