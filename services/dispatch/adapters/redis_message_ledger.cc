#include "services/dispatch/adapters/redis_message_ledger.h"

#include <chrono>

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/atomic_write.h"
#include "common/redis/timer_queue.h"
#include "services/dispatch/adapters/channel_plan_mapping.h"
#include "services/dispatch/adapters/proto_mapping.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_send_request.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr const char* kSource = "/careloop/dispatch";

std::string Ms(Instant instant) {
  return std::to_string(instant.time_since_epoch().count());
}

redis::Command Publish(const google::protobuf::Message& payload, const domain::Message& message, std::string_view what,
                       Instant now) {
  // Derived from the message and its state (and attempt), so a re-run writes an event that
  // consumers recognise as the same one.
  const std::string event_id =
      DerivedId("evt-", {what, message.message_id, std::to_string(message.attempts), Ms(message.not_before)});
  return outbox::AppendCommand(keys::kOutbox, kafka::kDispatchTopic,
                               events::MakeEvent(payload, kSource, message.customer_id, event_id, now));
}

// The record and its indexes; the same for every state change.
std::vector<redis::Command> StoreCommands(const domain::Message& message) {
  return {
      {"SET", keys::Message(message.message_id), ToProto(message).SerializeAsString()},
      {"ZADD", keys::OfCustomer(message.customer_id), "NX", Ms(message.created_at), message.message_id},
      {"ZADD", keys::OfStore(message.store_id), "NX", Ms(message.created_at), message.message_id},
  };
}

// failure_reason reads "<vendor code>: <vendor message>" (see DispatchApp::Process).
pb::MessageFailed FailedEvent(const domain::Message& message, bool retryable, Instant now) {
  pb::MessageFailed failed;
  failed.set_message_id(message.message_id);
  failed.set_customer_id(message.customer_id);
  failed.set_store_id(message.store_id);
  failed.set_provider(message.provider);
  const auto colon = message.failure_reason.find(": ");
  failed.set_error_code(colon == std::string::npos ? "" : message.failure_reason.substr(0, colon));
  failed.set_error_message(colon == std::string::npos ? message.failure_reason
                                                      : message.failure_reason.substr(colon + 2));
  failed.set_retryable(retryable);
  failed.set_falls_back(!retryable && message.falls_back);
  *failed.mutable_occurred_at() = events::ToTimestamp(now);
  failed.set_channel(ChannelToProto(message.channel));
  SetCauseId(failed, message);
  failed.set_occurrence(message.occurrence);
  return failed;
}

// Settling a send ends its in-flight record (and any reconciler's lease on it).
void AddSettled(std::vector<redis::Command>& writes, const std::string& message_id) {
  writes.push_back({"ZREM", keys::kInFlight, message_id});
  writes.push_back({"ZREM", keys::kInFlightLeases, message_id});
  writes.push_back({"DEL", keys::InFlight(message_id), keys::InFlightCause(message_id)});
}

// In-flight ages run on real time: the vendors file sends by their own clock.
std::string RealNowMs() {
  return std::to_string(
      std::chrono::duration_cast<Millis>(std::chrono::system_clock::now().time_since_epoch()).count());
}

}  // namespace

RedisMessageLedger::RedisMessageLedger(redis::Pool& pool, const clock::Clock& clock) : pool_(pool), clock_(clock) {}

std::optional<domain::Message> RedisMessageLedger::Find(const std::string& message_id) {
  auto connection = pool_.Acquire();
  redis::Reply stored = connection->Run({"GET", keys::Message(message_id)});
  pb::Message record;
  if (stored.IsNil() || !record.ParseFromArray(stored.Str().data(), static_cast<int>(stored.Str().size()))) {
    return std::nullopt;
  }
  return FromProto(record);
}

std::optional<domain::SendRequest> RedisMessageLedger::Cause(const std::string& message_id) {
  auto connection = pool_.Acquire();
  redis::Reply reply = connection->Run({"HGETALL", keys::Cause(message_id)});
  if (reply.Size() == 0) {
    return std::nullopt;
  }
  return ReadSendRequest(reply);
}

void RedisMessageLedger::Defer(const domain::Message& message, const domain::SendRequest& cause) {
  const Instant now = clock_.Now();
  pb::MessageDeferred deferred;
  deferred.set_message_id(message.message_id);
  deferred.set_customer_id(message.customer_id);
  deferred.set_store_id(message.store_id);
  *deferred.mutable_not_before() = events::ToTimestamp(message.not_before);
  deferred.set_reason(message.defer_reason.empty() ? "quiet hours" : message.defer_reason);
  *deferred.mutable_occurred_at() = events::ToTimestamp(now);
  SetCauseId(deferred, message);
  deferred.set_occurrence(message.occurrence);
  deferred.set_channel(ChannelToProto(message.channel));
  auto writes = StoreCommands(message);
  writes.push_back(WriteSendRequest(keys::Cause(message.message_id), cause));
  writes.push_back({"ZADD", keys::kDeferred, Ms(message.not_before), message.message_id});
  writes.push_back(Publish(deferred, message, "deferred", now));
  auto connection = pool_.Acquire();
  redis::Apply(*connection, writes);
}

void RedisMessageLedger::Suppress(const domain::Message& message) {
  const Instant now = clock_.Now();
  pb::MessageSuppressed suppressed;
  suppressed.set_message_id(message.message_id);
  suppressed.set_customer_id(message.customer_id);
  suppressed.set_store_id(message.store_id);
  suppressed.set_reason(ToProto(message.suppression));
  SetCauseId(suppressed, message);
  suppressed.set_occurrence(message.occurrence);
  *suppressed.mutable_occurred_at() = events::ToTimestamp(now);
  suppressed.set_channel(ChannelToProto(message.channel));
  suppressed.set_falls_back(message.falls_back && (message.suppression == domain::Suppression::kNoConsent ||
                                                   message.suppression == domain::Suppression::kNoContact));
  auto writes = StoreCommands(message);
  writes.push_back(Publish(suppressed, message, "suppressed", now));
  AddSettled(writes, message.message_id);
  auto connection = pool_.Acquire();
  // Guarded by the claim key too: a suppression is as final as a send.
  (void)redis::ApplyOnce(*connection, keys::Claim(message.message_id), "suppressed", writes);
}

bool RedisMessageLedger::Claim(const domain::Message& message, const domain::SendRequest& cause) {
  const std::string claimed_ms = RealNowMs();
  const std::vector<redis::Command> writes = {
      {"ZADD", keys::kInFlight, claimed_ms, message.message_id},
      {"HSET", keys::InFlight(message.message_id), "message", ToProto(message).SerializeAsString(), "claimed_ms",
       claimed_ms},
      WriteSendRequest(keys::InFlightCause(message.message_id), cause),
  };
  auto connection = pool_.Acquire();
  return redis::ApplyOnce(*connection, keys::Claim(message.message_id), "sending", writes);
}

void RedisMessageLedger::AwaitReconcile(const domain::Message& message) {
  // The claim stays "sending" and the in-flight entry keeps its claim time.
  auto writes = StoreCommands(message);
  writes.push_back({"HSET", keys::InFlight(message.message_id), "message", ToProto(message).SerializeAsString()});
  auto connection = pool_.Acquire();
  redis::Apply(*connection, writes);
}

void RedisMessageLedger::RecordSent(const domain::Message& message) {
  pb::MessageSent sent;
  sent.set_message_id(message.message_id);
  sent.set_customer_id(message.customer_id);
  sent.set_store_id(message.store_id);
  sent.set_channel(ChannelToProto(message.channel));
  sent.set_provider(message.provider);
  sent.set_provider_message_id(message.provider_message_id);
  sent.set_template_id(message.template_id);
  SetCauseId(sent, message);
  sent.set_occurrence(message.occurrence);
  *sent.mutable_sent_at() = events::ToTimestamp(message.sent_at);
  sent.set_reminder_kind(ToProto(message.kind));
  auto writes = StoreCommands(message);
  writes.push_back({"SET", keys::Claim(message.message_id), "sent"});
  writes.push_back({"ZADD", keys::SentTo(message.customer_id), Ms(message.sent_at), message.message_id});
  writes.push_back({"DEL", keys::Cause(message.message_id)});
  if (!message.provider_message_id.empty()) {  // receipts name the vendor's id only
    writes.push_back({"SET", keys::ByProviderId(message.provider, message.provider_message_id), message.message_id});
  }
  writes.push_back(Publish(sent, message, "sent", message.sent_at));
  AddSettled(writes, message.message_id);
  auto connection = pool_.Acquire();
  redis::Apply(*connection, writes);
}

bool RedisMessageLedger::RecordInbound(const domain::InboundReply& reply) {
  pb::InboundReplyReceived received;
  received.set_inbound_id(reply.inbound_id);
  received.set_customer_id(reply.customer_id);
  received.set_store_id(reply.store_id);
  received.set_channel(reply.wechat ? careloop::common::v1::CHANNEL_WECHAT : careloop::common::v1::CHANNEL_SMS);
  received.set_classification(ToProto(reply.meaning.kind));
  received.set_survey_score(reply.meaning.score);
  received.set_in_reply_to_message_id(reply.message_id);
  received.set_provider(reply.provider);
  *received.mutable_received_at() = events::ToTimestamp(reply.received_at);
  const Instant now = clock_.Now();
  *received.mutable_occurred_at() = events::ToTimestamp(now);
  const redis::Command publish = outbox::AppendCommand(
      keys::kOutbox, kafka::kDispatchTopic,
      events::MakeEvent(received, kSource, reply.customer_id, DerivedId("evt-", {"inbound", reply.inbound_id}), now));
  auto connection = pool_.Acquire();
  // The guard is the stored reply itself: present means recorded (and published) before.
  return redis::ApplyOnce(*connection, keys::Inbound(reply.inbound_id), received.SerializeAsString(), {publish},
                          Millis{int64_t{keys::kInboundTtlDays} * 24 * 3600 * 1000});
}

void RedisMessageLedger::RecordFailed(const domain::Message& message) {
  const Instant now = clock_.Now();
  const pb::MessageFailed failed = FailedEvent(message, false, now);
  auto writes = StoreCommands(message);
  writes.push_back({"SET", keys::Claim(message.message_id), "failed"});
  writes.push_back(Publish(failed, message, "failed", now));
  AddSettled(writes, message.message_id);
  auto connection = pool_.Acquire();
  redis::Apply(*connection, writes);
}

void RedisMessageLedger::Retry(const domain::Message& message, const domain::SendRequest& cause) {
  const Instant now = clock_.Now();
  const pb::MessageFailed failed = FailedEvent(message, true, now);
  auto writes = StoreCommands(message);
  writes.push_back(WriteSendRequest(keys::Cause(message.message_id), cause));
  writes.push_back({"DEL", keys::Claim(message.message_id)});
  writes.push_back({"ZADD", keys::kDeferred, Ms(message.not_before), message.message_id});
  writes.push_back(Publish(failed, message, "retry", now));
  AddSettled(writes, message.message_id);
  auto connection = pool_.Acquire();
  redis::Apply(*connection, writes);
}

int RedisMessageLedger::CountSentSince(const std::string& customer_id, Instant since) {
  auto connection = pool_.Acquire();
  return static_cast<int>(connection->Run({"ZCOUNT", keys::SentTo(customer_id), Ms(since), "+inf"}).Integer());
}

std::vector<std::string> RedisMessageLedger::ClaimDeferred(Instant now, Millis lease, int limit) {
  auto connection = pool_.Acquire();
  return redis::ClaimDueTimers(*connection, {keys::kDeferred, keys::kDeferredLeases}, now, lease, limit);
}

void RedisMessageLedger::ReleaseDeferred(const std::string& message_id) {
  auto connection = pool_.Acquire();
  connection->Run({"ZREM", keys::kDeferredLeases, message_id});
}

std::vector<domain::Message> RedisMessageLedger::Load(const std::string& index_key, size_t limit) {
  auto connection = pool_.Acquire();
  redis::Reply ids = connection->Run({"ZREVRANGE", index_key, "0", std::to_string(limit - 1)});
  std::vector<redis::Command> gets;
  for (size_t i = 0; i < ids.Size(); ++i) {
    gets.push_back({"GET", keys::Message(std::string(redis::ElementStr(ids.Element(i))))});
  }
  std::vector<domain::Message> messages;
  for (auto& reply : connection->Pipeline(gets)) {
    pb::Message record;
    if (!reply.IsNil() && record.ParseFromArray(reply.Str().data(), static_cast<int>(reply.Str().size()))) {
      messages.push_back(FromProto(record));
    }
  }
  return messages;
}

std::vector<domain::Message> RedisMessageLedger::ListByCustomer(const std::string& customer_id, size_t limit) {
  return Load(keys::OfCustomer(customer_id), limit);
}

std::vector<domain::Message> RedisMessageLedger::ListByStore(const std::string& store_id, size_t limit) {
  return Load(keys::OfStore(store_id), limit);
}

}  // namespace careloop::dispatch::adapters
