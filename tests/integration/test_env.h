#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "common/config/config.h"
#include "common/redis/client.h"

namespace careloop::testing {

/// Where the ctest fixture (tests/integration/fixture.sh) started redis-server and the dev
/// broker: read from the file named by $CARELOOP_TEST_ENV.
struct TestEnv final {
  int redis_port = 0;
  std::string kafka_brokers;

  static const TestEnv& Get() {
    static const TestEnv env = [] {
      TestEnv loaded;
      const char* path = std::getenv("CARELOOP_TEST_ENV");
      if (path == nullptr) {
        throw std::runtime_error("CARELOOP_TEST_ENV is not set: run integration tests through ctest");
      }
      std::ifstream in(path);
      std::string line;
      while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) {
          continue;
        }
        const std::string key = line.substr(0, eq);
        const std::string value = line.substr(eq + 1);
        if (key == "REDIS_PORT") {
          loaded.redis_port = std::stoi(value);
        } else if (key == "KAFKA_BROKERS") {
          loaded.kafka_brokers = value;
        }
      }
      if (loaded.redis_port == 0 || loaded.kafka_brokers.empty()) {
        throw std::runtime_error(std::string("incomplete test env file ") + path);
      }
      return loaded;
    }();
    return env;
  }

  /// Settings for Redis database `db` (each test binary uses its own database).
  [[nodiscard]] config::RedisSettings Redis(int db) const {
    config::RedisSettings settings;
    settings.port = redis_port;
    settings.db = db;
    settings.timeout_ms = 2000;
    settings.pool_size = 4;
    return settings;
  }

  [[nodiscard]] config::KafkaSettings Kafka() const {
    config::KafkaSettings settings;
    settings.brokers = kafka_brokers;
    settings.handler_max_attempts = 3;
    return settings;
  }
};

/// Empties database `db` and returns a pool on it.
inline std::unique_ptr<redis::Pool> FreshRedis(int db) {
  auto pool = std::make_unique<redis::Pool>(TestEnv::Get().Redis(db));
  pool->Acquire()->Run({"FLUSHDB"});
  return pool;
}

/// Waits for `condition` up to `timeout`, polling every 10 ms. For conditions that another
/// thread or process makes true; returns whether it became true in time.
template <class Condition>
bool Eventually(Condition condition, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) {
      return true;
    }
    std::this_thread::yield();
    std::this_thread::sleep_until(std::chrono::steady_clock::now() + std::chrono::milliseconds(10));
  }
  return condition();
}

}  // namespace careloop::testing
