#include "common/runtime/runtime.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "common/base/ids.h"
#include "common/base/signals.h"
#include "common/clock/clock_service.h"
#include "common/log/log.h"

namespace careloop::runtime {

Runtime::Runtime(config::ServiceSettings settings) : settings_(std::move(settings)) {
  stores_ = std::make_unique<config::StoreCatalog>(settings_.stores);
  authenticator_ = std::make_unique<auth::TokenAuthenticator>(settings_.tokens);
  redis_ = std::make_unique<redis::Pool>(settings_.redis);
  if (settings_.clock == config::ClockMode::kSimulated) {
    clock_ = std::make_unique<clock::SharedSimulatedClock>(settings_.redis);
  } else {
    clock_ = std::make_unique<clock::SystemClock>();
  }
  producer_ = std::make_unique<kafka::Producer>(settings_.kafka, "careloop-" + settings_.service);
}

Runtime::~Runtime() = default;

void Runtime::AddOutbox(const std::string& stream_key) {
  const std::string instance = settings_.service + "-" + std::to_string(::getpid()) + "-" + NewRandomId("");
  relays_.push_back(std::make_unique<outbox::Relay>(settings_.redis, *producer_, stream_key, instance));
}

void Runtime::AddConsumer(const std::string& group, const std::vector<std::string>& topics, kafka::Handler handler) {
  auto& handled =
      metrics_.GetCounter("careloop_events_handled_total", "events handled by consumer group", {{"group", group}});
  consumers_.push_back(std::make_unique<kafka::Consumer>(
      settings_.kafka, "careloop-" + group, topics,
      [handler = std::move(handler), &handled](const kafka::CloudEvent& event) {
        auto result = handler(event);
        handled.Increment();
        return result;
      },
      *producer_));
}

void Runtime::AddWorker(const std::string& name, std::function<Millis()> tick) {
  auto worker = std::make_unique<Worker>();
  worker->name = name;
  worker->tick = std::move(tick);
  workers_.push_back(std::move(worker));
}

int Runtime::Serve(const std::vector<grpc::Service*>& services) {
  // Every service answers for the deployment's clock (read by anyone, set by admins).
  clock::ClockApi clock_api(*clock_, handler_context());
  std::vector<grpc::Service*> all_services = services;
  all_services.push_back(&clock_api);
  grpcx::Server server(settings_.grpc, all_services);
  std::unique_ptr<metrics::HttpEndpoint> metrics_endpoint;
  if (settings_.metrics.listen != "off") {
    metrics_endpoint = std::make_unique<metrics::HttpEndpoint>(metrics_, settings_.metrics.listen);
  }
  running_.store(true);
  for (auto& relay : relays_) {
    relay->Start();
  }
  for (auto& consumer : consumers_) {
    consumer->Start();
  }
  for (auto& worker : workers_) {
    worker->thread = std::thread([this, w = worker.get()] {
      while (running_.load()) {
        Millis wait{1000};
        try {
          wait = w->tick();
        } catch (const std::exception& e) {
          log::Warn("worker failed, will retry", {{"worker", w->name}, {"reason", e.what()}});
        }
        std::unique_lock lock(wake_mutex_);
        wake_.wait_for(lock, wait, [this] { return !running_.load(); });
      }
    });
  }
  log::Info("ready", {{"grpc_port", server.port()},
                      {"metrics_port", metrics_endpoint ? metrics_endpoint->port() : 0},
                      {"clock", settings_.clock == config::ClockMode::kSimulated ? "simulated" : "system"}});

  const int signal = WaitForTerminationSignal();
  log::Info("shutting down", {{"signal", signal}});
  server.SetServing(false);
  {
    std::lock_guard lock(wake_mutex_);
    running_.store(false);
  }
  wake_.notify_all();
  for (auto& worker : workers_) {
    worker->thread.join();
  }
  for (auto& consumer : consumers_) {
    consumer->Stop();
  }
  server.Shutdown(std::chrono::seconds(5));
  for (auto& relay : relays_) {
    relay->Stop();
  }
  producer_->Flush(Millis{5000});
  log::Info("stopped");
  return 0;
}

int RunService(const std::string& service, int argc, char** argv, const std::function<int(Runtime&)>& wire) {
  BlockTerminationSignals();
  CLI::App app{"careloop-" + service};
  std::string config_path;
  if (const char* env = std::getenv("CARELOOP_CONFIG")) {
    config_path = env;
  }
  app.add_option("--config", config_path, "deployment YAML file (default $CARELOOP_CONFIG)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    config::ServiceSettings settings = config::Load(config_path, service, config::ProcessEnvironment());
    log::Init(service, settings.log_level);
    Runtime runtime(std::move(settings));
    return wire(runtime);
  } catch (const std::exception& e) {
    log::Init(service, "info");
    log::Error("startup failed", {{"reason", e.what()}});
    std::cerr << "careloop-" << service << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace careloop::runtime
