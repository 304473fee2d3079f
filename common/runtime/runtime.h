#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/config.h"
#include "common/config/stores.h"
#include "common/grpc/server.h"
#include "common/kafka/consumer.h"
#include "common/kafka/producer.h"
#include "common/metrics/metrics.h"
#include "common/outbox/outbox.h"
#include "common/redis/client.h"

namespace careloop::runtime {

/// The parts every service is built from, made from its settings in a fixed order. A
/// service's main.cc asks the Runtime for ready-made dependencies, builds its app and adapters,
/// registers them, and calls Serve(). Startup errors throw (and main exits non-zero).
///
/// Lifetime: everything handed out lives as long as the Runtime; Serve() stops consumers and
/// workers before the gRPC server and the outbox relay, so no handler outlives its dependencies.
class Runtime final {
 public:
  explicit Runtime(config::ServiceSettings settings);
  ~Runtime();

  [[nodiscard]] const config::ServiceSettings& settings() const { return settings_; }
  [[nodiscard]] redis::Pool& redis() { return *redis_; }
  [[nodiscard]] const clock::Clock& clock() const { return *clock_; }
  [[nodiscard]] kafka::Producer& producer() { return *producer_; }
  [[nodiscard]] metrics::Registry& metrics() { return metrics_; }
  [[nodiscard]] const auth::TokenAuthenticator& authenticator() const { return *authenticator_; }
  [[nodiscard]] const config::StoreCatalog& stores() const { return *stores_; }
  [[nodiscard]] grpcx::HandlerContext handler_context() { return {*authenticator_, metrics_}; }

  /// Publishes the service's outbox stream (one relay per stream).
  void AddOutbox(const std::string& stream_key);
  /// A consumer-group member for `topics`; `group` is prefixed "careloop-".
  void AddConsumer(const std::string& group, const std::vector<std::string>& topics, kafka::Handler handler);
  /// A background loop, called until shutdown; `tick` returns how long to wait before the next call.
  void AddWorker(const std::string& name, std::function<Millis()> tick);

  /// Starts gRPC (with `services` and careloop.admin.v1.ClockService), metrics, relays,
  /// consumers and workers; logs "ready" with the bound ports; blocks until SIGTERM/SIGINT;
  /// then shuts down gracefully. Returns the exit code.
  int Serve(const std::vector<grpc::Service*>& services);

 private:
  struct Worker {
    std::string name;
    std::function<Millis()> tick;
    std::thread thread;
  };

  config::ServiceSettings settings_;
  metrics::Registry metrics_;
  std::unique_ptr<redis::Pool> redis_;
  std::unique_ptr<clock::Clock> clock_;
  std::unique_ptr<kafka::Producer> producer_;
  std::unique_ptr<auth::TokenAuthenticator> authenticator_;
  std::unique_ptr<config::StoreCatalog> stores_;
  std::vector<std::unique_ptr<outbox::Relay>> relays_;
  std::vector<std::unique_ptr<kafka::Consumer>> consumers_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<bool> running_{false};
  std::mutex wake_mutex_;
  std::condition_variable wake_;
};

/// Parses `--config PATH` (default: $CARELOOP_CONFIG, else none), loads the settings for
/// `service`, initialises logging, runs `wire(runtime)` which must end in runtime.Serve(...).
/// Prints startup errors to stderr and returns 1; otherwise returns Serve's code.
int RunService(const std::string& service, int argc, char** argv, const std::function<int(Runtime&)>& wire);

}  // namespace careloop::runtime
