#include "services/dispatch/adapters/redis_in_flight.h"

#include <chrono>
#include <string>

#include "common/redis/timer_queue.h"
#include "services/dispatch/adapters/proto_mapping.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_send_request.h"

namespace careloop::dispatch::adapters {
namespace {

Instant RealNow() {
  return Instant{std::chrono::duration_cast<Millis>(std::chrono::system_clock::now().time_since_epoch())};
}

// KEYS: in-flight set, leases, the send's record. ARGV: message id, real now ms.
const redis::Script& AskLaterScript() {
  static const redis::Script script(R"lua(
if redis.call('EXISTS', KEYS[3]) == 0 then
  return 0
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
)lua");
  return script;
}

// KEYS: the send's record. ARGV: the other id.
const redis::Script& FiledAsScript() {
  static const redis::Script script(R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'filed_as', ARGV[1])
return 1
)lua");
  return script;
}

}  // namespace

std::vector<std::string> RedisInFlightSends::ClaimStale(Millis older_than, Millis lease, int limit) {
  auto connection = pool_.Acquire();
  return redis::ClaimDueTimers(*connection, {keys::kInFlight, keys::kInFlightLeases}, RealNow() - older_than, lease,
                               limit);
}

std::optional<domain::InFlightSend> RedisInFlightSends::Find(const std::string& message_id) {
  auto connection = pool_.Acquire();
  auto replies = connection->Pipeline({{"HMGET", keys::InFlight(message_id), "message", "claimed_ms", "filed_as"},
                                       {"HGETALL", keys::InFlightCause(message_id)}});
  const redis::Reply& record = replies[0];
  if (record.Size() < 2 || record.Element(0)->type == REDIS_REPLY_NIL || record.Element(1)->type == REDIS_REPLY_NIL) {
    return std::nullopt;
  }
  const std::string_view stored = redis::ElementStr(record.Element(0));
  pb::Message message;
  if (!message.ParseFromArray(stored.data(), static_cast<int>(stored.size()))) {
    return std::nullopt;
  }
  domain::InFlightSend send;
  send.message = FromProto(message);
  send.claimed_at = Instant{Millis{std::stoll(std::string(redis::ElementStr(record.Element(1))))}};
  if (record.Size() > 2 && record.Element(2)->type != REDIS_REPLY_NIL) {
    send.also_filed_as = std::string(redis::ElementStr(record.Element(2)));
  }
  if (replies[1].Size() > 0) {
    send.cause = ReadSendRequest(replies[1]);
  }
  return send;
}

void RedisInFlightSends::AskLater(const std::string& message_id) {
  auto connection = pool_.Acquire();
  const redis::Reply reply =
      AskLaterScript().Run(*connection, {keys::kInFlight, keys::kInFlightLeases, keys::InFlight(message_id)},
                           {message_id, std::to_string(RealNow().time_since_epoch().count())});
  if (reply.IsError()) {
    throw redis::RedisUnavailable("in-flight release failed: " + std::string(reply.Str()));
  }
}

void RedisInFlightSends::NoteFiledAs(const std::string& message_id, const std::string& correlation_id) {
  auto connection = pool_.Acquire();
  const redis::Reply reply = FiledAsScript().Run(*connection, {keys::InFlight(message_id)}, {correlation_id});
  if (reply.IsError()) {
    throw redis::RedisUnavailable("in-flight note failed: " + std::string(reply.Str()));
  }
}

}  // namespace careloop::dispatch::adapters
