#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/base/time.h"

namespace careloop::config {

/// A configuration error: names the key and why. Services exit at startup on one.
class ConfigError final : public std::runtime_error {
 public:
  ConfigError(const std::string& key, const std::string& why) : std::runtime_error(key + ": " + why) {}
};

/// Kafka client settings. `librdkafka` passes raw librdkafka properties through (SASL/SSL…).
struct KafkaSettings final {
  std::string brokers = "127.0.0.1:9092";
  std::map<std::string, std::string> librdkafka;
  /// A retryable handler failure (Redis or a peer down) is retried this often, backing off up to
  /// 5 s between tries (about two and a half minutes in all), then dead-lettered for replay.
  int handler_max_attempts = 30;
};

/// Redis connection settings, from `redis.url` ("redis://[:password@]host:port[/db]").
struct RedisSettings final {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string password;
  int db = 0;
  int timeout_ms = 2000;
  int pool_size = 8;
};

/// Parses "redis://[user:password@]host:port[/db]". Throws ConfigError naming `key`.
[[nodiscard]] RedisSettings ParseRedisUrl(const std::string& key, const std::string& url);

struct GrpcSettings final {
  std::string listen = "127.0.0.1:0";
  std::string tls_cert_file;  ///< TLS is on when both files are set.
  std::string tls_key_file;
};

struct MetricsSettings final {
  std::string listen = "127.0.0.1:0";  ///< "off" disables the endpoint.
};

enum class ClockMode { kSystem, kSimulated };

/// One bearer token as configured: only its SHA-256 is stored.
struct TokenSettings final {
  std::string name;
  std::string sha256;
  std::string role;                 ///< admin | manager | advisor | clerk | service
  std::vector<std::string> stores;  ///< "*" means every store
};

/// A store (专营店) of the dealer group.
struct StoreSettings final {
  std::string id;
  std::string name;
  std::string signature;  ///< SMS signature text, e.g. "星途汽车朝阳店"
  std::string timezone = "Asia/Shanghai";
  std::string phone;  ///< the store's service hotline, printed in messages
  /// Store rules about contact, the same for every service that reads them:
  int missed_grace_days = 14;    ///< a reminder whose service date is further behind today is missed, never sent
  int message_gap_minutes = 10;  ///< minimum time between two messages to one customer
  int merge_window_minutes = 3;  ///< messages of one customer due this close together go as one where they can
  int return_window_days = 30;   ///< care report: a visit this many days after a reminder fired is its return (回厂)
  /// The store's quiet hours (`quiet_hours: {start, end}`, local time; may cross midnight): no
  /// campaign may plan its send window inside them. Defaults match dispatch's quiet hours.
  TimeOfDay quiet_hours_start{21 * 60};
  TimeOfDay quiet_hours_end{8 * 60};
  /// Staff tasks (dispatch call and face-to-face tasks): the care desk (客服/回访专员) takes a
  /// task when the car has no advisor and the record no owner; a late task is escalated to the
  /// store manager; a call task is due by the end of the working day (`workday_end`, local).
  std::string care_desk = "care_desk";
  std::string manager = "store_manager";
  TimeOfDay workday_end{18 * 60};
};

/// Settings every CareLoop service shares; `section` is the service's own YAML subtree.
struct ServiceSettings final {
  std::string service;  ///< "customers", "reminders", "dispatch" or "surveys"
  GrpcSettings grpc;
  MetricsSettings metrics;
  KafkaSettings kafka;
  RedisSettings redis;
  ClockMode clock = ClockMode::kSystem;
  std::string log_level = "info";
  std::vector<TokenSettings> tokens;
  std::vector<StoreSettings> stores;
  std::string service_token;  ///< the token this service presents when it calls another service
  YAML::Node section;

  [[nodiscard]] const StoreSettings* FindStore(const std::string& id) const;
};

/// Loads `path` (may be empty: defaults only), applies environment overrides and validates.
/// Environment: `CARELOOP_A__B__C=value` sets key `a.b.c` (lower-cased; `__` separates levels).
/// Throws ConfigError.
[[nodiscard]] ServiceSettings Load(const std::string& path, const std::string& service,
                                   const std::map<std::string, std::string>& environment);

/// The process environment as a map (for Load).
[[nodiscard]] std::map<std::string, std::string> ProcessEnvironment();

/// Applies `CARELOOP_…` overrides from `environment` to `root`. Exposed for tests.
void ApplyEnvironmentOverrides(YAML::Node& root, const std::map<std::string, std::string>& environment);

/// Typed read of an optional key with a default; throws ConfigError naming `key` on a wrong type.
/// A missing parent section (an invalid or undefined node) counts as "all defaults".
template <class T>
[[nodiscard]] T Get(const YAML::Node& node, const std::string& key, const T& fallback) {
  if (!node.IsDefined() || !node.IsMap()) {
    return fallback;
  }
  const YAML::Node child = node[key];
  if (!child.IsDefined() || child.IsNull()) {
    return fallback;
  }
  try {
    return child.as<T>();
  } catch (const YAML::Exception&) {
    throw ConfigError(key, "has the wrong type");
  }
}

}  // namespace careloop::config
