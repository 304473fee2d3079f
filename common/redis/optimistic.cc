#include "common/redis/optimistic.h"

namespace careloop::redis {

WatchGuard::~WatchGuard() {
  if (!armed_ || !connection_.connected()) {
    return;  // EXEC ended the watches, or they went with a dropped socket: nothing to undo
  }
  try {
    connection_.Run({"UNWATCH"});
  } catch (const RedisUnavailable&) {
    // The connection dropped: its watches went with it, and it reconnects on its next use.
  }
}

}  // namespace careloop::redis
