#include "common/redis/timer_queue.h"

#include <chrono>

namespace careloop::redis {
namespace {

// KEYS: timers, leases. ARGV: business now ms, real now ms, lease ms, limit.
const Script& ClaimScript() {
  static const Script script(R"lua(
local claimed = {}
local lease_until = tonumber(ARGV[2]) + tonumber(ARGV[3])
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[2], 'LIMIT', 0, ARGV[4])
for _, id in ipairs(expired) do
  redis.call('ZADD', KEYS[2], lease_until, id)
  claimed[#claimed + 1] = id
end
local room = tonumber(ARGV[4]) - #claimed
if room > 0 then
  local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, room)
  for _, id in ipairs(due) do
    redis.call('ZREM', KEYS[1], id)
    redis.call('ZADD', KEYS[2], lease_until, id)
    claimed[#claimed + 1] = id
  end
end
return claimed
)lua");
  return script;
}

}  // namespace

std::vector<std::string> ClaimDueTimers(Connection& connection, const TimerQueue& queue, Instant now, Millis lease,
                                        int limit) {
  // Leases run on real time: a simulated clock jumping ahead must not expire every lease at once.
  const int64_t real_now =
      std::chrono::duration_cast<Millis>(std::chrono::system_clock::now().time_since_epoch()).count();
  Reply reply = ClaimScript().Run(connection, {queue.timers_key, queue.leases_key},
                                  {std::to_string(now.time_since_epoch().count()), std::to_string(real_now),
                                   std::to_string(lease.count()), std::to_string(limit)});
  if (reply.IsError()) {
    throw RedisUnavailable("timer claim failed: " + std::string(reply.Str()));
  }
  std::vector<std::string> ids;
  for (size_t i = 0; i < reply.Size(); ++i) {
    ids.emplace_back(ElementStr(reply.Element(i)));
  }
  return ids;
}

}  // namespace careloop::redis
