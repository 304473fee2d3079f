#pragma once

#include <string>
#include <vector>

#include "common/base/time.h"
#include "common/redis/client.h"

namespace careloop::redis {

/// A durable timer queue: a sorted set of ids scored by due time (business clock, ms) and a
/// sorted set of leases scored by lease expiry (real time, ms).
struct TimerQueue final {
  std::string timers_key;
  std::string leases_key;
};

/// Claims up to `limit` ids: first those whose lease expired (their instance died mid-fire),
/// then those due at `now`. One Lua script moves each id from the timer set into the lease set,
/// so concurrent instances never claim the same id. The caller releases a lease by ZREM of the
/// id from `leases_key` in the same atomic write that records the timer's effect.
[[nodiscard]] std::vector<std::string> ClaimDueTimers(Connection& connection, const TimerQueue& queue, Instant now,
                                                      Millis lease, int limit);

}  // namespace careloop::redis
