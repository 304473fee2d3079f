#include "services/surveys/adapters/redis_answer_links.h"

#include "services/surveys/adapters/redis_keys.h"

namespace careloop::surveys::adapters {
namespace {

// KEYS: counters; ARGV: their limits, then the window (ms). Counts one submit on every counter
// (a counter's first submit starts its window); returns 0 when all are within their limits, else
// the longest time (ms) until an exhausted counter's window ends.
constexpr const char* kCountSubmit = R"lua(
local window = tonumber(ARGV[#KEYS + 1])
local wait = 0
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, window)
    ttl = window
  end
  if n > tonumber(ARGV[i]) and ttl > wait then
    wait = ttl
  end
end
return wait
)lua";

}  // namespace

std::optional<std::string> RedisAnswerLinks::SurveyOfToken(const std::string& token) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"GET", keys::Link(token)});
  if (reply.IsNil()) {
    return std::nullopt;
  }
  return std::string(reply.Str());
}

RedisSubmitLimiter::RedisSubmitLimiter(redis::Pool& pool, SubmitLimits limits)
    : pool_(pool), limits_(limits), script_(kCountSubmit) {}

std::optional<Millis> RedisSubmitLimiter::Admit(const std::string& token, const std::string& client) {
  auto connection = pool_.Acquire();
  redis::Reply reply = script_.Run(
      *connection, {keys::SubmitsOfToken(token), keys::SubmitsOfClient(client)},
      {std::to_string(limits_.per_token), std::to_string(limits_.per_client), std::to_string(limits_.window.count())});
  if (reply.IsError()) {
    throw redis::RedisUnavailable("submit count failed: " + std::string(reply.Str()));
  }
  if (reply.Integer() <= 0) {
    return std::nullopt;
  }
  return Millis{reply.Integer()};
}

}  // namespace careloop::surveys::adapters
