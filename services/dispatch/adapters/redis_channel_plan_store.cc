#include "services/dispatch/adapters/redis_channel_plan_store.h"

#include "common/events/proto_event.h"
#include "common/redis/atomic_write.h"
#include "common/redis/timer_queue.h"
#include "services/dispatch/adapters/channel_plan_mapping.h"
#include "services/dispatch/adapters/redis_send_request.h"

namespace careloop::dispatch::adapters {
namespace {

namespace pb = careloop::dispatch::v1;

constexpr const char* kFallback = "cl:disp:fallback";
constexpr const char* kFallbackLeases = "cl:disp:fallback-leases";
constexpr int64_t kFollowEventTtlMs = int64_t{90} * 24 * 3600 * 1000;

std::string PlansKey(const std::string& store_id) {
  return "cl:disp:plans:" + (store_id.empty() ? std::string("_group") : store_id);
}
std::string FollowKey(const std::string& openid) {
  return "cl:disp:follow:" + openid;
}
std::string FollowEventKey(const std::string& event_id) {
  return "cl:disp:follow-evt:" + event_id;
}
std::string FallbackCauseKey(const std::string& message_id) {
  return "cl:disp:fallback-cause:" + message_id;
}

std::string Ms(Instant instant) {
  return std::to_string(instant.time_since_epoch().count());
}

// KEYS: follow hash, event guard. ARGV: followed (1/0), at (ms), guard TTL (ms).
const redis::Script& RecordFollowScript() {
  static const redis::Script kScript(R"lua(
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
local at = tonumber(redis.call('HGET', KEYS[1], 'at') or '-1')
if tonumber(ARGV[2]) < at then return 0 end
redis.call('HSET', KEYS[1], 'followed', ARGV[1], 'at', ARGV[2])
return 1
)lua");
  return kScript;
}

// KEYS: leases, timers, cause. ARGV: message id. A check armed again keeps its request.
const redis::Script& DoneScript() {
  static const redis::Script kScript(R"lua(
redis.call('ZREM', KEYS[1], ARGV[1])
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then redis.call('DEL', KEYS[3]) end
return 1
)lua");
  return kScript;
}

domain::ChannelPlan FromStored(const pb::ChannelPlan& stored) {
  auto plan = PlanFromProto(stored);
  // Stored plans were validated when saved; a value a newer version wrote reads as the domain default.
  domain::ChannelPlan out = plan.ok() ? std::move(plan).value() : domain::ChannelPlan{};
  out.plan_id = stored.channel_plan_id();
  out.store_id = stored.store_id();
  out.display_name = stored.display_name();
  if (stored.has_updated_at()) {
    out.updated_at = events::FromTimestamp(stored.updated_at());
  }
  return out;
}

}  // namespace

RedisChannelPlanStore::RedisChannelPlanStore(redis::Pool& pool) : pool_(pool) {}

std::vector<domain::ChannelPlan> RedisChannelPlanStore::List(const std::string& store_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HGETALL", PlansKey(store_id)});
  std::vector<domain::ChannelPlan> plans;
  for (size_t i = 0; i + 1 < reply.Size(); i += 2) {
    const auto value = redis::ElementStr(reply.Element(i + 1));
    pb::ChannelPlan stored;
    if (stored.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      plans.push_back(FromStored(stored));
    }
  }
  std::sort(plans.begin(), plans.end(), [](const auto& a, const auto& b) { return a.plan_id < b.plan_id; });
  return plans;
}

void RedisChannelPlanStore::Save(const std::vector<domain::ChannelPlan>& plans) {
  std::vector<redis::Command> writes;
  for (const auto& plan : plans) {
    writes.push_back({"HSET", PlansKey(plan.store_id), plan.plan_id, ToProto(plan).SerializeAsString()});
  }
  auto connection = pool_.Acquire();
  redis::Apply(*connection, writes);
}

std::optional<bool> RedisChannelPlanStore::Follows(const std::string& openid) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HGET", FollowKey(openid), "followed"});
  if (reply.IsNil()) {
    return std::nullopt;
  }
  return reply.Str() == "1";
}

bool RedisChannelPlanStore::Record(const std::string& openid, bool followed, Instant at, const std::string& event_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = RecordFollowScript().Run(*connection, {FollowKey(openid), FollowEventKey(event_id)},
                                                {followed ? "1" : "0", Ms(at), std::to_string(kFollowEventTtlMs)});
  if (reply.IsError()) {
    throw redis::RedisUnavailable("recording a WeChat follow: " + std::string(reply.Str()));
  }
  return reply.Integer() == 1;
}

void RedisChannelPlanStore::Schedule(const std::string& message_id, const domain::SendRequest& cause, Instant at) {
  auto connection = pool_.Acquire();
  redis::Apply(*connection,
               {WriteSendRequest(FallbackCauseKey(message_id), cause), {"ZADD", kFallback, Ms(at), message_id}});
}

std::vector<std::string> RedisChannelPlanStore::ClaimDue(Instant now, Millis lease, int limit) {
  auto connection = pool_.Acquire();
  return redis::ClaimDueTimers(*connection, {kFallback, kFallbackLeases}, now, lease, limit);
}

std::optional<domain::SendRequest> RedisChannelPlanStore::Cause(const std::string& message_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HGETALL", FallbackCauseKey(message_id)});
  if (reply.Size() == 0) {
    return std::nullopt;
  }
  return ReadSendRequest(reply);
}

void RedisChannelPlanStore::Done(const std::string& message_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply =
      DoneScript().Run(*connection, {kFallbackLeases, kFallback, FallbackCauseKey(message_id)}, {message_id});
  if (reply.IsError()) {
    throw redis::RedisUnavailable("releasing a fallback check: " + std::string(reply.Str()));
  }
}

}  // namespace careloop::dispatch::adapters
