#include "services/dispatch/adapters/redis_receipt_store.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/atomic_write.h"
#include "services/dispatch/adapters/proto_mapping.h"
#include "services/dispatch/adapters/redis_batch_queue.h"
#include "services/dispatch/adapters/redis_keys.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr const char* kSource = "/careloop/dispatch";

redis::Command Publish(const google::protobuf::Message& payload, const domain::Message& message, std::string_view what,
                       Instant now) {
  // One receipt per message: the event id is derived from the message and what happened.
  return outbox::AppendCommand(
      keys::kOutbox, kafka::kDispatchTopic,
      events::MakeEvent(payload, kSource, message.customer_id, DerivedId("evt-", {what, message.message_id}), now));
}

}  // namespace

std::optional<domain::Message> RedisReceiptStore::Find(const std::string& message_id) {
  auto connection = pool_.Acquire();
  redis::Reply stored = connection->Run({"GET", keys::Message(message_id)});
  pb::Message record;
  if (stored.IsNil() || !record.ParseFromArray(stored.Str().data(), static_cast<int>(stored.Str().size()))) {
    return std::nullopt;
  }
  return FromProto(record);
}

std::optional<std::string> RedisReceiptStore::ByProviderId(const std::string& vendor,
                                                           const std::string& provider_message_id) {
  auto connection = pool_.Acquire();
  redis::Reply found = connection->Run({"GET", keys::ByProviderId(vendor, provider_message_id)});
  if (found.IsNil()) {
    return std::nullopt;
  }
  return std::string(found.Str());
}

std::optional<std::string> RedisReceiptStore::ByBatch(const std::string& vendor, const std::string& batch_id,
                                                      const std::string& phone) {
  auto connection = pool_.Acquire();
  redis::Reply found = connection->Run({"HGET", keys::Batch(vendor, batch_id), BatchPhoneKey(phone)});
  if (found.IsNil()) {
    return std::nullopt;
  }
  return std::string(found.Str());
}

bool RedisReceiptStore::InFlight(const std::string& message_id) {
  auto connection = pool_.Acquire();
  redis::Reply claim = connection->Run({"GET", keys::Claim(message_id)});
  return !claim.IsNil() && claim.Str() == "sending";
}

bool RedisReceiptStore::RecordReceipt(const domain::Message& message) {
  const Instant now = clock_.Now();
  const bool delivered = message.status == domain::MessageStatus::kDelivered;
  pb::MessageDelivered receipt;
  receipt.set_message_id(message.message_id);
  receipt.set_customer_id(message.customer_id);
  receipt.set_store_id(message.store_id);
  receipt.set_channel(message.channel == "wechat" ? careloop::common::v1::CHANNEL_WECHAT
                                                  : careloop::common::v1::CHANNEL_SMS);
  receipt.set_provider(message.provider);
  receipt.set_provider_message_id(message.provider_message_id);
  receipt.set_state(delivered ? pb::DELIVERY_STATE_DELIVERED : pb::DELIVERY_STATE_UNDELIVERED);
  receipt.set_status_code(message.receipt_code);
  if (delivered) {
    *receipt.mutable_delivered_at() = events::ToTimestamp(message.delivered_at);
  }
  SetCauseId(receipt, message);
  receipt.set_occurrence(message.occurrence);
  *receipt.mutable_occurred_at() = events::ToTimestamp(now);
  std::vector<redis::Command> writes = {
      {"SET", keys::Message(message.message_id), ToProto(message).SerializeAsString()},
      Publish(receipt, message, "receipt", now)};
  if (!delivered) {
    pb::MessageFailed failed;
    failed.set_message_id(message.message_id);
    failed.set_customer_id(message.customer_id);
    failed.set_store_id(message.store_id);
    failed.set_provider(message.provider);
    failed.set_error_code(message.receipt_code);
    failed.set_error_message(message.failure_reason);
    failed.set_retryable(false);
    *failed.mutable_occurred_at() = events::ToTimestamp(now);
    failed.set_channel(receipt.channel());
    SetCauseId(failed, message);
    failed.set_occurrence(message.occurrence);
    writes.push_back(Publish(failed, message, "undelivered", now));
  }
  auto connection = pool_.Acquire();
  return redis::ApplyOnce(*connection, keys::Receipt(message.message_id), message.receipt_code, writes);
}

}  // namespace careloop::dispatch::adapters
