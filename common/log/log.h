#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace careloop::log {

/// Structured fields of one log line.
using Fields = nlohmann::json;

/// Sets up the process-wide logger: JSON lines on stderr, `service` in every line.
/// `level` is one of trace, debug, info, warn, error, off.
void Init(std::string_view service, std::string_view level);

/// One JSON line {"ts","level","svc","msg",...fields}; every string value and the message
/// pass through MaskPii, so a phone or ID number that slips into a field is masked anyway.
void Debug(std::string_view message, const Fields& fields = Fields::object());
void Info(std::string_view message, const Fields& fields = Fields::object());
void Warn(std::string_view message, const Fields& fields = Fields::object());
void Error(std::string_view message, const Fields& fields = Fields::object());

/// Renders the line that Info() etc. would write; exposed for tests.
[[nodiscard]] std::string FormatLine(std::string_view level, std::string_view message, const Fields& fields);

}  // namespace careloop::log
