#include "common/redis/optimistic.h"

namespace careloop::redis {

WatchGuard::~WatchGuard() {
  if (!armed_) {
    return;
  }
  try {
    connection_.Run({"UNWATCH"});
  } catch (const RedisUnavailable&) {
    // The connection dropped: its watches went with it, and it reconnects on its next use.
  }
}

}  // namespace careloop::redis
