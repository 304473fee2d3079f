#include "common/log/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <mutex>

#include "common/base/time.h"
#include "common/log/mask.h"

namespace careloop::log {
namespace {

std::string& ServiceName() {
  static std::string name = "careloop";
  return name;
}

std::shared_ptr<spdlog::logger> Logger() {
  static std::once_flag once;
  static std::shared_ptr<spdlog::logger> logger;
  std::call_once(once, [] {
    logger = spdlog::stderr_logger_mt("careloop");
    logger->set_pattern("%v");
    logger->flush_on(spdlog::level::info);
  });
  return logger;
}

void MaskValues(nlohmann::json& value) {
  if (value.is_string()) {
    value = MaskPii(value.get_ref<const std::string&>());
  } else if (value.is_structured()) {
    for (auto& child : value) {
      MaskValues(child);
    }
  }
}

void Write(spdlog::level::level_enum level, std::string_view name, std::string_view message, const Fields& fields) {
  auto logger = Logger();
  if (!logger->should_log(level)) {
    return;
  }
  logger->log(level, "{}", FormatLine(name, message, fields));
}

}  // namespace

void Init(std::string_view service, std::string_view level) {
  ServiceName() = std::string(service);
  Logger()->set_level(spdlog::level::from_str(std::string(level)));
}

std::string FormatLine(std::string_view level, std::string_view message, const Fields& fields) {
  // Ordered, so every line starts ts, level, svc, msg: easier to read, easier to grep.
  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  line["ts"] = FormatRfc3339(std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now()));
  line["level"] = level;
  line["svc"] = ServiceName();
  line["msg"] = MaskPii(message);
  if (fields.is_object()) {
    for (auto it = fields.begin(); it != fields.end(); ++it) {
      nlohmann::json value = it.value();
      MaskValues(value);
      line[it.key()] = nlohmann::ordered_json(value);
    }
  }
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Debug(std::string_view message, const Fields& fields) {
  Write(spdlog::level::debug, "debug", message, fields);
}
void Info(std::string_view message, const Fields& fields) {
  Write(spdlog::level::info, "info", message, fields);
}
void Warn(std::string_view message, const Fields& fields) {
  Write(spdlog::level::warn, "warn", message, fields);
}
void Error(std::string_view message, const Fields& fields) {
  Write(spdlog::level::err, "error", message, fields);
}

}  // namespace careloop::log
