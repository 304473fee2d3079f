#include "tools/careloopctl/format.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
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

namespace {

namespace pb = google::protobuf;

// A well-known type other than Timestamp, in the protobuf JSON mapping.
Json WellKnownJson(const pb::Message& message) {
  pb::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string text;
  const auto status = pb::util::MessageToJsonString(message, &text, options);
  if (!status.ok()) {
    throw std::runtime_error("cannot convert " + message.GetTypeName() + " to JSON: " + status.ToString());
  }
  return Json::parse(text);
}

std::string Base64(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t n = std::min<size_t>(3, bytes.size() - i);
    uint32_t chunk = 0;
    for (size_t k = 0; k < 3; ++k) {
      chunk = (chunk << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0U);
    }
    for (size_t k = 0; k < 4; ++k) {
      out.push_back(k <= n ? kAlphabet[(chunk >> (18 - 6 * k)) & 0x3F] : '=');
    }
  }
  return out;
}

// The shortest decimal that reads back as the same float (0.1f prints as 0.1, not as the
// double 0.10000000149011612).
double FloatAsDouble(float value) {
  if (!std::isfinite(value)) {
    return value;
  }
  char text[32];
  for (int precision = 6; precision < 10; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, static_cast<double>(value));
    if (std::strtof(text, nullptr) == value) {
      break;
    }
  }
  return std::strtod(text, nullptr);
}

Json MessageJson(const pb::Message& message);

// One value of `field`: element `index` of a repeated field, or the singular value (index < 0).
Json ValueJson(const pb::Message& message, const pb::FieldDescriptor* field, int index) {
  const pb::Reflection& r = *message.GetReflection();
  const bool repeated = index >= 0;
  switch (field->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      return repeated ? r.GetRepeatedInt32(message, field, index) : r.GetInt32(message, field);
    case pb::FieldDescriptor::CPPTYPE_INT64:
      return repeated ? r.GetRepeatedInt64(message, field, index) : r.GetInt64(message, field);
    case pb::FieldDescriptor::CPPTYPE_UINT32:
      return repeated ? r.GetRepeatedUInt32(message, field, index) : r.GetUInt32(message, field);
    case pb::FieldDescriptor::CPPTYPE_UINT64:
      return repeated ? r.GetRepeatedUInt64(message, field, index) : r.GetUInt64(message, field);
    case pb::FieldDescriptor::CPPTYPE_DOUBLE:
      return repeated ? r.GetRepeatedDouble(message, field, index) : r.GetDouble(message, field);
    case pb::FieldDescriptor::CPPTYPE_FLOAT:
      return FloatAsDouble(repeated ? r.GetRepeatedFloat(message, field, index) : r.GetFloat(message, field));
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      return repeated ? r.GetRepeatedBool(message, field, index) : r.GetBool(message, field);
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      const int number = repeated ? r.GetRepeatedEnumValue(message, field, index) : r.GetEnumValue(message, field);
      const auto* value = field->enum_type()->FindValueByNumber(number);
      return value != nullptr ? Json(value->name()) : Json(number);
    }
    case pb::FieldDescriptor::CPPTYPE_STRING: {
      std::string text = repeated ? r.GetRepeatedString(message, field, index) : r.GetString(message, field);
      return field->type() == pb::FieldDescriptor::TYPE_BYTES ? Json(Base64(text)) : Json(std::move(text));
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE:
      return MessageJson(repeated ? r.GetRepeatedMessage(message, field, index) : r.GetMessage(message, field));
  }
  return nullptr;
}

// A map field as an object with its keys in order.
Json MapJson(const pb::Message& message, const pb::FieldDescriptor* field) {
  const pb::Reflection& r = *message.GetReflection();
  const auto* key_field = field->message_type()->map_key();
  const auto* value_field = field->message_type()->map_value();
  std::map<std::string, Json> entries;
  for (int i = 0; i < r.FieldSize(message, field); ++i) {
    const pb::Message& entry = r.GetRepeatedMessage(message, field, i);
    const Json key = ValueJson(entry, key_field, -1);
    entries[key.is_string() ? key.get<std::string>() : key.dump()] = ValueJson(entry, value_field, -1);
  }
  Json object = Json::object();
  for (auto& [key, value] : entries) {
    object[key] = std::move(value);
  }
  return object;
}

Json MessageJson(const pb::Message& message) {
  const pb::Descriptor* descriptor = message.GetDescriptor();
  const pb::Reflection& r = *message.GetReflection();
  const auto int_field = [&](const char* name) -> int64_t {
    const pb::FieldDescriptor* field = descriptor->FindFieldByName(name);
    return field->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT64 ? r.GetInt64(message, field)
                                                                   : r.GetInt32(message, field);
  };
  if (descriptor->full_name() == common::v1::Date::descriptor()->full_name()) {
    if (int_field("year") == 0 && int_field("month") == 0 && int_field("day") == 0) {
      return nullptr;
    }
  } else if (descriptor->full_name() == google::protobuf::Timestamp::descriptor()->full_name()) {
    // The epoch is what some writers send for "unset" (see IsSet).
    return int_field("seconds") == 0 && int_field("nanos") == 0 ? Json(nullptr) : WellKnownJson(message);
  } else if (descriptor->file()->package() == "google.protobuf") {
    return WellKnownJson(message);
  }
  Json object = Json::object();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const pb::FieldDescriptor* field = descriptor->field(i);
    if (field->is_map()) {
      object[field->name()] = MapJson(message, field);
    } else if (field->is_repeated()) {
      Json array = Json::array();
      for (int k = 0; k < r.FieldSize(message, field); ++k) {
        array.push_back(ValueJson(message, field, k));
      }
      object[field->name()] = std::move(array);
    } else if (field->has_presence() && !r.HasField(message, field)) {
      // A oneof names only the member that is set; an unset message or `optional` is null.
      if (field->real_containing_oneof() == nullptr) {
        object[field->name()] = nullptr;
      }
    } else {
      object[field->name()] = ValueJson(message, field, -1);
    }
  }
  return object;
}

}  // namespace

Json ToJson(const google::protobuf::Message& message) {
  return MessageJson(message);
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
