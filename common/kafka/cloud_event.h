#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"

namespace careloop::kafka {

/// Topic names: the public event catalogue (docs/events.md).
inline constexpr const char* kCustomerTopic = "careloop.customer.v1";
inline constexpr const char* kReminderTopic = "careloop.reminder.v1";
inline constexpr const char* kDispatchTopic = "careloop.dispatch.v1";
inline constexpr const char* kSurveyTopic = "careloop.survey.v1";
inline constexpr const char* kDeadLetterTopic = "careloop.deadletter.v1";

/// Dead-letter headers: why the event was set aside and where it came from.
inline constexpr const char* kDeadLetterReasonHeader = "careloop_dlq_reason";
inline constexpr const char* kDeadLetterSourceTopicHeader = "careloop_dlq_source_topic";
inline constexpr const char* kDeadLetterSourcePartitionHeader = "careloop_dlq_source_partition";
inline constexpr const char* kDeadLetterSourceOffsetHeader = "careloop_dlq_source_offset";
inline constexpr const char* kDeadLetterConsumerHeader = "careloop_dlq_consumer";

/// A CloudEvent in Kafka binary mode: attributes travel as `ce_*` headers, the protobuf
/// payload is the record value, and the customer id is both the key and `ce_subject`.
struct CloudEvent final {
  std::string id;       ///< ce_id: unique per event; derived from the cause where replays must dedupe
  std::string source;   ///< ce_source, e.g. "/careloop/customers"
  std::string type;     ///< ce_type: the protobuf full name, e.g. "careloop.customer.v1.VehicleDelivered"
  std::string subject;  ///< ce_subject: the customer id
  Instant time{};       ///< ce_time
  std::string content_type = "application/protobuf";
  std::string data;  ///< serialized protobuf
  std::string key;   ///< Kafka key; the customer id, so one customer's events stay in order
  /// Headers that are not CloudEvents attributes (dead-letter reasons, tracing…).
  std::vector<std::pair<std::string, std::string>> extra_headers;

  /// Where it was read from (consumers only).
  std::string topic;
  int32_t partition = -1;
  int64_t offset = -1;
};

/// The headers a CloudEvent is written with, in a stable order.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> ToHeaders(const CloudEvent& event);

/// Reads a CloudEvent's attributes from Kafka headers. A missing required attribute
/// (ce_specversion 1.0, ce_id, ce_type, ce_source) is an error naming the header: such a
/// record is poison and goes to the dead-letter topic.
[[nodiscard]] Result<CloudEvent> FromHeaders(const std::vector<std::pair<std::string, std::string>>& headers);

}  // namespace careloop::kafka
