#include "services/dispatch/adapters/redis_batch_queue.h"

#include "common/redis/atomic_write.h"
#include "common/redis/timer_queue.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_send_request.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr int64_t kBatchRecordTtlSeconds = int64_t{30} * 24 * 3600;

// KEYS: leases, queue, cause. ARGV: message id. A request queued again meanwhile keeps its cause.
const redis::Script& DoneScript() {
  static const redis::Script kScript(R"lua(
redis.call('ZREM', KEYS[1], ARGV[1])
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then redis.call('DEL', KEYS[3]) end
return 1
)lua");
  return kScript;
}

}  // namespace

std::string BatchPhoneKey(std::string_view phone) {
  std::string digits;
  for (const char c : phone) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    }
  }
  if (digits.size() == 13 && digits.starts_with("861")) {
    digits.erase(0, 2);
  }
  return digits;
}

void RedisBatchQueue::Enqueue(const std::string& message_id, const domain::SendRequest& request, Instant at) {
  auto connection = pool_.Acquire();
  // NX: a request queued already keeps its place; the cause is the same request (same message id).
  redis::Apply(*connection,
               {WriteSendRequest(keys::BatchCause(message_id), request),
                {"ZADD", keys::kBatchQueue, "NX", std::to_string(at.time_since_epoch().count()), message_id}});
}

std::vector<std::pair<std::string, domain::SendRequest>> RedisBatchQueue::Claim(Instant now, Millis lease, int limit) {
  auto connection = pool_.Acquire();
  const std::vector<std::string> ids =
      redis::ClaimDueTimers(*connection, {keys::kBatchQueue, keys::kBatchLeases}, now, lease, limit);
  std::vector<redis::Command> reads;
  reads.reserve(ids.size());
  for (const auto& id : ids) {
    reads.push_back({"HGETALL", keys::BatchCause(id)});
  }
  std::vector<std::pair<std::string, domain::SendRequest>> claimed;
  if (reads.empty()) {
    return claimed;
  }
  const std::vector<redis::Reply> causes = connection->Pipeline(reads);
  std::vector<std::string> orphans;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (causes[i].Size() == 0) {
      orphans.push_back(ids[i]);  // its request is gone: nothing to send
      continue;
    }
    claimed.emplace_back(ids[i], ReadSendRequest(causes[i]));
  }
  if (!orphans.empty()) {
    for (const auto& id : orphans) {
      (void)connection->Run({"ZREM", keys::kBatchLeases, id});
    }
  }
  return claimed;
}

void RedisBatchQueue::Done(const std::vector<std::string>& message_ids) {
  auto connection = pool_.Acquire();
  for (const auto& id : message_ids) {
    redis::Reply reply =
        DoneScript().Run(*connection, {keys::kBatchLeases, keys::kBatchQueue, keys::BatchCause(id)}, {id});
    if (reply.IsError()) {
      throw redis::RedisUnavailable("releasing a batch request: " + std::string(reply.Str()));
    }
  }
}

void RedisBatchRecords::Record(std::string_view vendor, const std::string& batch_id,
                               const std::vector<std::pair<std::string, std::string>>& phones_to_messages) {
  if (phones_to_messages.empty()) {
    return;
  }
  const std::string key = keys::Batch(std::string(vendor), batch_id);
  redis::Command hset{"HSET", key};
  for (const auto& [phone, message_id] : phones_to_messages) {
    hset.push_back(BatchPhoneKey(phone));
    hset.push_back(message_id);
  }
  auto connection = pool_.Acquire();
  redis::Apply(*connection, {hset, {"EXPIRE", key, std::to_string(kBatchRecordTtlSeconds)}});
}

}  // namespace careloop::dispatch::adapters
