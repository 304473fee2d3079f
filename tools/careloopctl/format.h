#pragma once

#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "careloop/common/v1/types.pb.h"
#include "common/base/time.h"

namespace careloop::ctl {

/// JSON that keeps keys in insertion order, so payloads read in proto field order.
using Json = nlohmann::ordered_json;

/// The time zone people read times in (every store of the group is in it today).
inline constexpr const char* kDisplayTimeZone = "Asia/Shanghai";

/// The display zone, loaded once.
[[nodiscard]] const TimeZone& DisplayZone();

/// "2026-11-22", or "-" when the date is unset.
[[nodiscard]] std::string FormatDate(const common::v1::Date& date);
/// "2026-11-22 10:00" in the display zone.
[[nodiscard]] std::string FormatLocal(Instant instant);
/// True when a timestamp field holds a time: present and not the epoch (which some writers send
/// for "unset").
[[nodiscard]] bool IsSet(const google::protobuf::Timestamp& timestamp, bool present);
/// "2026-11-22 10:00" in the display zone, or "-" when !IsSet(timestamp, present).
[[nodiscard]] std::string FormatLocal(const google::protobuf::Timestamp& timestamp, bool present);
/// "2026-11-22T02:00:00Z" (milliseconds only when not zero).
[[nodiscard]] std::string FormatUtc(Instant instant);

/// An enum value name without its type prefix, in lower case: ("REMINDER_KIND_BIRTHDAY",
/// "REMINDER_KIND_") → "birthday". "-" for the *_UNSPECIFIED value.
[[nodiscard]] std::string ShortEnumName(std::string_view full_name, std::string_view prefix);

/// `words` joined by `separator`, for help texts: ({"high", "standard"}, " | ") → "high | standard".
[[nodiscard]] std::string JoinWords(const std::vector<std::string>& words, std::string_view separator);

/// Parses a store-local date flag ("2026-11-01"); nullopt when malformed or impossible.
[[nodiscard]] std::optional<common::v1::Date> ParseDateFlag(std::string_view text);

/// Parses an amount in yuan with at most two decimals ("199", "199.5", "199.50") into fen.
/// Negative amounts are rejected.
[[nodiscard]] std::optional<int64_t> ParseYuanToFen(std::string_view text);

/// The target of `clock set`: a bare date means 00:00 of that day in `zone`; anything else is
/// RFC 3339 ("2026-11-01T10:00:00+08:00").
[[nodiscard]] std::optional<Instant> ParseClockTarget(std::string_view text, const TimeZone& zone);

/// A duration such as "30d", "12h" or "-1d" (negative moves back).
[[nodiscard]] std::optional<Millis> ParseSignedDuration(std::string_view text);

/// `message` as JSON for scripts, one rule for every command's --json:
/// - keys are the proto field names, in field order; every field is present, zeros and empty
///   strings included (a member of a oneof only when it is the one set);
/// - numbers are JSON numbers, 64-bit ones too (the protobuf mapping would quote them);
/// - a repeated field is an array (`[]` when empty), a map an object (`{}` when empty);
/// - enums are their value names ("REMINDER_KIND_BIRTHDAY");
/// - an unset message, an unset `optional` scalar, a Date with all fields zero and a Timestamp
///   at the epoch are null; set dates stay {year, month, day}, timestamps RFC 3339 strings;
///   other well-known types (Duration, FieldMask, …) follow the protobuf JSON mapping.
[[nodiscard]] Json ToJson(const google::protobuf::Message& message);

/// Prints `value` to stdout, indented, followed by a newline.
void PrintJson(const Json& value);

/// A JSON array of the messages, for list commands.
template <class Messages>
[[nodiscard]] Json ToJsonArray(const Messages& messages) {
  Json array = Json::array();
  for (const auto& message : messages) {
    array.push_back(ToJson(message));
  }
  return array;
}

/// Replaces every string value whose key mentions "phone" or "mobile" with its masked form
/// (138****8000), at any depth. A safety net for output that must never show phone numbers.
void MaskPhoneFields(Json& value);

}  // namespace careloop::ctl
