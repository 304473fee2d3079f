#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace careloop::ctl {

/// Keys of deploy/local/.run/endpoints.env, also the environment variable names.
inline constexpr const char* kCustomersAddr = "CUSTOMERS_ADDR";
inline constexpr const char* kRemindersAddr = "REMINDERS_ADDR";
inline constexpr const char* kDispatchAddr = "DISPATCH_ADDR";
inline constexpr const char* kSurveysAddr = "SURVEYS_ADDR";
inline constexpr const char* kKafkaBrokers = "KAFKA_BROKERS";
inline constexpr const char* kToken = "CARELOOP_TOKEN";
/// Environment variable naming the endpoints file (like --endpoints).
inline constexpr const char* kEndpointsFileEnv = "CARELOOP_ENDPOINTS_FILE";
/// Where the local stack writes its endpoints, relative to the repository root.
inline constexpr const char* kDefaultEndpointsFile = "deploy/local/.run/endpoints.env";

/// Parses KEY=VALUE lines. Blank lines and '#' comments are skipped, an `export ` prefix and
/// matching single or double quotes around the value are removed. Later keys win.
[[nodiscard]] std::map<std::string, std::string> ParseEnvFile(std::string_view text);

/// Looks for kDefaultEndpointsFile in `start` and each of its parents.
[[nodiscard]] std::optional<std::filesystem::path> FindEndpointsFile(const std::filesystem::path& start);

/// Reads one environment variable; nullopt when unset or empty.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

/// The connection settings in effect: flags override environment variables, which override
/// the endpoints file.
class Endpoints final {
 public:
  /// Resolves every known key from `flags` (key → value, empty = not given), then `env`, then
  /// `file_values`. `file` names the file that was read (for messages), empty if none.
  Endpoints(const std::map<std::string, std::string>& flags, const EnvLookup& env,
            const std::map<std::string, std::string>& file_values, std::string file);

  /// The value of `key`, or empty when no source sets it.
  [[nodiscard]] std::string Get(const std::string& key) const;
  /// The value of `key`; throws UsageError explaining where to set it when missing.
  [[nodiscard]] std::string Require(const std::string& key) const;
  /// The endpoints file that was read, empty if none.
  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  std::map<std::string, std::string> values_;
  std::string file_;
};

/// Command-line overrides of the connection settings (empty = not given).
struct EndpointFlags final {
  std::string endpoints_file;
  std::map<std::string, std::string> values;  ///< key (e.g. "CUSTOMERS_ADDR") → flag value
};

/// Resolves the settings for this process: the endpoints file is --endpoints, else
/// $CARELOOP_ENDPOINTS_FILE, else kDefaultEndpointsFile found from the current directory up.
/// Throws UsageError when a named file cannot be read.
[[nodiscard]] Endpoints LoadEndpoints(const EndpointFlags& flags);

}  // namespace careloop::ctl
