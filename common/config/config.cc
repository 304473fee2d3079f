#include "common/config/config.h"

#include <algorithm>
#include <cctype>
#include <charconv>

extern char** environ;

namespace careloop::config {
namespace {

constexpr std::string_view kEnvPrefix = "CARELOOP_";

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const auto pos = path.find("__", start);
    parts.push_back(path.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) {
      return parts;
    }
    start = pos + 2;
  }
}

int ParsePort(const std::string& key, const std::string& text) {
  int port = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc{} || ptr != text.data() + text.size() || port <= 0 || port > 65535) {
    throw ConfigError(key, "port '" + text + "' is not a number from 1 to 65535");
  }
  return port;
}

void ValidateListen(const std::string& key, const std::string& listen) {
  if (listen == "off") {
    return;
  }
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    throw ConfigError(key, "must be host:port, got '" + listen + "'");
  }
  const auto port = listen.substr(colon + 1);
  if (port != "0") {
    (void)ParsePort(key, port);
  }
}

}  // namespace

const StoreSettings* ServiceSettings::FindStore(const std::string& id) const {
  for (const auto& store : stores) {
    if (store.id == id) {
      return &store;
    }
  }
  return nullptr;
}

RedisSettings ParseRedisUrl(const std::string& key, const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.rfind(kScheme, 0) != 0) {
    throw ConfigError(key, "must start with redis://");
  }
  RedisSettings settings;
  std::string rest = url.substr(kScheme.size());
  if (const auto at = rest.rfind('@'); at != std::string::npos) {
    const std::string userinfo = rest.substr(0, at);
    const auto colon = userinfo.find(':');
    settings.password = colon == std::string::npos ? userinfo : userinfo.substr(colon + 1);
    rest = rest.substr(at + 1);
  }
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    const std::string db = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
    if (!db.empty()) {
      auto [ptr, ec] = std::from_chars(db.data(), db.data() + db.size(), settings.db);
      if (ec != std::errc{} || ptr != db.data() + db.size() || settings.db < 0) {
        throw ConfigError(key, "database '" + db + "' is not a number");
      }
    }
  }
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) {
    settings.host = rest;
  } else {
    settings.host = rest.substr(0, colon);
    settings.port = ParsePort(key, rest.substr(colon + 1));
  }
  if (settings.host.empty()) {
    throw ConfigError(key, "has no host");
  }
  return settings;
}

void ApplyEnvironmentOverrides(YAML::Node& root, const std::map<std::string, std::string>& environment) {
  for (const auto& [name, value] : environment) {
    if (name.rfind(kEnvPrefix, 0) != 0 || name.size() == kEnvPrefix.size()) {
      continue;
    }
    const auto path = SplitPath(Lower(name.substr(kEnvPrefix.size())));
    // yaml-cpp nodes are handles: walk down by reassigning a copy of the handle.
    std::vector<YAML::Node> chain{root};
    for (size_t i = 0; i + 1 < path.size(); ++i) {
      YAML::Node next = chain.back()[path[i]];
      if (!next.IsMap()) {
        chain.back()[path[i]] = YAML::Node(YAML::NodeType::Map);
        next = chain.back()[path[i]];
      }
      chain.push_back(next);
    }
    // A value that looks like a YAML flow list/map ("[a, b]") is parsed as one.
    if (!value.empty() && (value.front() == '[' || value.front() == '{')) {
      chain.back()[path.back()] = YAML::Load(value);
    } else {
      chain.back()[path.back()] = value;
    }
  }
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) {
      out.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
  }
  return out;
}

ServiceSettings Load(const std::string& path, const std::string& service,
                     const std::map<std::string, std::string>& environment) {
  YAML::Node root;
  if (!path.empty()) {
    try {
      root = YAML::LoadFile(path);
    } catch (const YAML::Exception& e) {
      throw ConfigError(path, std::string("cannot be read: ") + e.what());
    }
  }
  if (!root.IsDefined() || root.IsNull()) {
    root = YAML::Node(YAML::NodeType::Map);
  }
  ApplyEnvironmentOverrides(root, environment);

  ServiceSettings s;
  s.service = service;
  s.section = root[service] ? root[service] : YAML::Node(YAML::NodeType::Map);

  const YAML::Node kafka = root["kafka"];
  s.kafka.brokers = Get<std::string>(kafka, "brokers", s.kafka.brokers);
  s.kafka.handler_max_attempts = Get<int>(kafka, "handler_max_attempts", s.kafka.handler_max_attempts);
  if (kafka.IsDefined() && kafka.IsMap() && kafka["librdkafka"] && kafka["librdkafka"].IsMap()) {
    for (const auto& kv : kafka["librdkafka"]) {
      s.kafka.librdkafka[kv.first.as<std::string>()] = kv.second.as<std::string>();
    }
  }
  if (s.kafka.brokers.empty()) {
    throw ConfigError("kafka.brokers", "must not be empty");
  }
  if (s.kafka.handler_max_attempts < 1) {
    throw ConfigError("kafka.handler_max_attempts", "must be at least 1");
  }

  const YAML::Node redis = root["redis"];
  s.redis = ParseRedisUrl("redis.url", Get<std::string>(redis, "url", "redis://127.0.0.1:6379/0"));
  s.redis.timeout_ms = Get<int>(redis, "timeout_ms", s.redis.timeout_ms);
  s.redis.pool_size = Get<int>(redis, "pool_size", s.redis.pool_size);
  if (s.redis.timeout_ms <= 0) {
    throw ConfigError("redis.timeout_ms", "must be positive");
  }
  if (s.redis.pool_size <= 0) {
    throw ConfigError("redis.pool_size", "must be positive");
  }

  const std::string clock = Get<std::string>(root["clock"], "mode", "system");
  if (clock == "system") {
    s.clock = ClockMode::kSystem;
  } else if (clock == "simulated") {
    s.clock = ClockMode::kSimulated;
  } else {
    throw ConfigError("clock.mode", "must be 'system' or 'simulated', got '" + clock + "'");
  }

  s.log_level = Get<std::string>(root["log"], "level", s.log_level);
  static const std::vector<std::string> kLevels{"trace", "debug", "info", "warn", "error", "off"};
  if (std::find(kLevels.begin(), kLevels.end(), s.log_level) == kLevels.end()) {
    throw ConfigError("log.level", "must be one of trace, debug, info, warn, error, off");
  }

  s.grpc.listen = Get<std::string>(s.section["grpc"], "listen", s.grpc.listen);
  s.grpc.tls_cert_file = Get<std::string>(s.section["grpc"], "tls_cert_file", "");
  s.grpc.tls_key_file = Get<std::string>(s.section["grpc"], "tls_key_file", "");
  ValidateListen(service + ".grpc.listen", s.grpc.listen);
  s.metrics.listen = Get<std::string>(s.section["metrics"], "listen", s.metrics.listen);
  ValidateListen(service + ".metrics.listen", s.metrics.listen);
  s.service_token = Get<std::string>(root["auth"], "service_token", "");

  static const std::vector<std::string> kRoles{"admin", "manager", "advisor", "clerk", "service"};
  const YAML::Node tokens = root["auth"]["tokens"];
  for (size_t i = 0; tokens && i < tokens.size(); ++i) {
    const std::string key = "auth.tokens[" + std::to_string(i) + "]";
    TokenSettings t;
    t.name = Get<std::string>(tokens[i], "name", "");
    t.sha256 = Lower(Get<std::string>(tokens[i], "sha256", ""));
    t.role = Get<std::string>(tokens[i], "role", "");
    t.stores = Get<std::vector<std::string>>(tokens[i], "stores", {});
    if (t.sha256.size() != 64 || t.sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
      throw ConfigError(key + ".sha256", "must be 64 hex digits (the SHA-256 of the token, never the token)");
    }
    if (std::find(kRoles.begin(), kRoles.end(), t.role) == kRoles.end()) {
      throw ConfigError(key + ".role", "must be one of admin, manager, advisor, clerk, service");
    }
    s.tokens.push_back(std::move(t));
  }

  const YAML::Node stores = root["stores"];
  for (size_t i = 0; stores && i < stores.size(); ++i) {
    const std::string key = "stores[" + std::to_string(i) + "]";
    StoreSettings store;
    store.id = Get<std::string>(stores[i], "id", "");
    store.name = Get<std::string>(stores[i], "name", "");
    store.signature = Get<std::string>(stores[i], "signature", store.name);
    store.timezone = Get<std::string>(stores[i], "timezone", store.timezone);
    store.phone = Get<std::string>(stores[i], "phone", "");
    store.missed_grace_days = Get<int>(stores[i], "missed_grace_days", store.missed_grace_days);
    store.message_gap_minutes = Get<int>(stores[i], "message_gap_minutes", store.message_gap_minutes);
    store.merge_window_minutes = Get<int>(stores[i], "merge_window_minutes", store.merge_window_minutes);
    store.return_window_days = Get<int>(stores[i], "return_window_days", store.return_window_days);
    store.care_desk = Get<std::string>(stores[i], "care_desk", store.care_desk);
    store.manager = Get<std::string>(stores[i], "manager", store.manager);
    const std::string workday_end = Get<std::string>(stores[i], "workday_end", store.workday_end.ToString());
    if (const auto end = TimeOfDay::Parse(workday_end)) {
      store.workday_end = *end;
    } else {
      throw ConfigError(key + ".workday_end", "must be HH:MM, got '" + workday_end + "'");
    }
    if (store.care_desk.empty()) {
      throw ConfigError(key + ".care_desk", "must not be empty (it takes tasks nobody else is named for)");
    }
    if (store.manager.empty()) {
      throw ConfigError(key + ".manager", "must not be empty (late tasks are escalated to the manager)");
    }
    const YAML::Node quiet = stores[i]["quiet_hours"];
    for (const auto& [name, field] :
         {std::pair{"start", &store.quiet_hours_start}, std::pair{"end", &store.quiet_hours_end}}) {
      const std::string text = Get<std::string>(quiet, name, field->ToString());
      const auto time = TimeOfDay::Parse(text);
      if (!time) {
        throw ConfigError(key + ".quiet_hours." + name, "must be HH:MM, got '" + text + "'");
      }
      *field = *time;
    }
    if (store.missed_grace_days < 0 || store.missed_grace_days > 365) {
      throw ConfigError(key + ".missed_grace_days", "must be between 0 and 365 days");
    }
    if (store.message_gap_minutes < 0 || store.message_gap_minutes > 24 * 60) {
      throw ConfigError(key + ".message_gap_minutes", "must be between 0 and 1440 minutes");
    }
    if (store.merge_window_minutes < 0 || store.merge_window_minutes > 60) {
      throw ConfigError(key + ".merge_window_minutes", "must be between 0 and 60 minutes");
    }
    if (store.return_window_days < 1 || store.return_window_days > 365) {
      throw ConfigError(key + ".return_window_days", "must be between 1 and 365 days");
    }
    if (store.id.empty()) {
      throw ConfigError(key + ".id", "must not be empty");
    }
    if (s.FindStore(store.id) != nullptr) {
      throw ConfigError(key + ".id", "duplicates store '" + store.id + "'");
    }
    s.stores.push_back(std::move(store));
  }
  return s;
}

}  // namespace careloop::config
