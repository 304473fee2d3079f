#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tools/careloopctl/format.h"

namespace careloop::ctl {

/// One consumed Kafka record, as `events tail` shows it.
struct TailRecord final {
  std::string topic;
  int32_t partition = -1;
  int64_t offset = -1;
  std::string key;
  std::vector<std::pair<std::string, std::string>> headers;  ///< in record order
  std::string value;                                         ///< the serialized payload
};

/// Decodes `data` as the protobuf message named `type` (e.g. "careloop.reminder.v1.ReminderDue")
/// from the generated descriptor pool, to JSON with proto field names. Fields named like a
/// phone number are masked. nullopt when the type is unknown or `data` does not parse.
[[nodiscard]] std::optional<Json> DecodePayload(const std::string& type, std::string_view data);

/// "0a 03 61 62 63 …": the first `max_bytes` bytes in hex.
[[nodiscard]] std::string HexPreview(std::string_view data, size_t max_bytes = 48);

/// The human block of one record: a title line (ce_type, p<partition>@<offset>, ce_time), the
/// other headers and the key indented, then the payload as indented JSON (or a hex preview).
[[nodiscard]] std::string FormatRecordText(const TailRecord& record);

/// {topic, partition, offset, key, headers:{…}, payload:{…}}; payload is null and
/// payload_hex is set when the type is unknown.
[[nodiscard]] Json FormatRecordJson(const TailRecord& record);

/// What `events tail` reads and when it stops.
struct TailOptions final {
  std::string brokers;
  std::vector<std::string> topics;  ///< one or more; each must exist on the broker
  bool from_beginning = false;      ///< start at the oldest retained record, else at the end
  /// Keep waiting for new records. Otherwise stop once every partition has been read to its
  /// end (so a tail from the end without follow reads nothing).
  bool follow = false;
  std::optional<std::string> key;         ///< only records with this key (the customer id)
  std::optional<int64_t> max_records;     ///< stop after this many (matching) records
  std::optional<double> silence_seconds;  ///< stop after this long without a record
  bool json = false;                      ///< one JSON object per line
  /// When set, each record goes here instead of being printed; returning false stops.
  std::function<bool(const TailRecord&)> on_record;
};

/// Assigns every partition of the topics (from the beginning or the end) without joining a
/// consumer group and prints records until the end of every partition (unless following),
/// max_records, silence_seconds or SIGINT/SIGTERM. Reads the broker's list of topics first and
/// throws std::runtime_error naming the known ones when a topic is not there: nothing is ever
/// created (the consumer runs with allow.auto.create.topics=false).
void TailEvents(const TailOptions& options, std::ostream& out);

/// Produces one record (key, value, headers as given) to `topic` and waits for the broker's
/// acknowledgement. Throws std::runtime_error when the topic does not exist (naming the known
/// ones; it is not created) or the record is not acknowledged.
void ProduceRecord(const std::string& brokers, const std::string& topic, const TailRecord& record);

/// The topics a broker has, with their partition counts (internal "__" topics left out).
/// Throws std::runtime_error when the metadata cannot be read.
[[nodiscard]] std::map<std::string, int> ListTopics(const std::string& brokers);

}  // namespace careloop::ctl
