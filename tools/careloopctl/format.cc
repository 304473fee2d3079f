#include "tools/careloopctl/format.h"

#include <google/protobuf/util/json_util.h>

#include <cctype>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "common/events/proto_event.h"
#include "common/log/mask.h"

namespace careloop::ctl {

const TimeZone& DisplayZone() {
  static const TimeZone zone(kDisplayTimeZone);
  return zone;
}

std::string FormatDate(const common::v1::Date& date) {
  if (date.year() == 0) {
    return "-";
  }
  return events::FromProto(date).ToString();
}

std::string FormatLocal(Instant instant) {
  return DisplayZone().DateAt(instant).ToString() + " " + DisplayZone().TimeOfDayAt(instant).ToString();
}

bool IsSet(const google::protobuf::Timestamp& timestamp, bool present) {
  return present && (timestamp.seconds() != 0 || timestamp.nanos() != 0);
}

std::string FormatLocal(const google::protobuf::Timestamp& timestamp, bool present) {
  if (!IsSet(timestamp, present)) {
    return "-";
  }
  return FormatLocal(events::FromTimestamp(timestamp));
}

std::string FormatUtc(Instant instant) {
  std::string text = FormatRfc3339(instant);  // "2026-11-22T02:00:00.000Z"
  if (text.ends_with(".000Z")) {
    text.replace(text.size() - 5, 5, "Z");
  }
  return text;
}

std::string ShortEnumName(std::string_view full_name, std::string_view prefix) {
  if (full_name.ends_with("_UNSPECIFIED")) {
    return "-";
  }
  if (full_name.starts_with(prefix)) {
    full_name.remove_prefix(prefix.size());
  }
  std::string out(full_name);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string JoinWords(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (const auto& word : words) {
    out += (out.empty() ? "" : std::string(separator)) + word;
  }
  return out;
}

std::optional<common::v1::Date> ParseDateFlag(std::string_view text) {
  const auto date = Date::Parse(text);
  if (!date || !date->IsValid()) {
    return std::nullopt;
  }
  return events::ToProto(*date);
}

std::optional<int64_t> ParseYuanToFen(std::string_view text) {
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || fraction.size() > 2 ||
      (dot != std::string_view::npos && fraction.empty())) {
    return std::nullopt;
  }
  int64_t yuan = 0;
  auto [end, error] = std::from_chars(whole.data(), whole.data() + whole.size(), yuan);
  if (error != std::errc{} || end != whole.data() + whole.size() || yuan < 0) {
    return std::nullopt;
  }
  int64_t fen = 0;
  for (size_t i = 0; i < 2; ++i) {
    const char c = i < fraction.size() ? fraction[i] : '0';
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    fen = fen * 10 + (c - '0');
  }
  return yuan * 100 + fen;
}

std::optional<Instant> ParseClockTarget(std::string_view text, const TimeZone& zone) {
  if (text.find_first_of("T t") == std::string_view::npos) {
    const auto date = Date::Parse(text);
    if (!date || !date->IsValid()) {
      return std::nullopt;
    }
    return zone.StartOfDay(*date);
  }
  return ParseRfc3339(text);
}

std::optional<Millis> ParseSignedDuration(std::string_view text) {
  const bool negative = text.starts_with('-');
  if (negative) {
    text.remove_prefix(1);
  }
  const auto duration = ParseDuration(text);
  if (!duration) {
    return std::nullopt;
  }
  return negative ? -*duration : *duration;
}

Json ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string text;
  const auto status = google::protobuf::util::MessageToJsonString(message, &text, options);
  if (!status.ok()) {
    throw std::runtime_error("cannot convert " + message.GetTypeName() + " to JSON: " + status.ToString());
  }
  return Json::parse(text);
}

void PrintJson(const Json& value) {
  std::cout << value.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

void MaskPhoneFields(Json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      std::string key = it.key();
      for (char& c : key) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      const bool phone_key = key.find("phone") != std::string::npos || key.find("mobile") != std::string::npos;
      if (phone_key && it->is_string()) {
        *it = log::MaskPhone(it->get<std::string>());
      } else {
        MaskPhoneFields(*it);
      }
    }
  } else if (value.is_array()) {
    for (auto& element : value) {
      MaskPhoneFields(element);
    }
  }
}

}  // namespace careloop::ctl
