// health [--wait SECONDS]: grpc.health.v1 checks of the four services.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/health.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

constexpr std::chrono::milliseconds kPollInterval{200};

int RunHealth(Session& session, double wait_seconds) {
  const auto& endpoints = session.endpoints();
  HealthChecker checker(
      {
          {"customers", endpoints.Require(kCustomersAddr)},
          {"reminders", endpoints.Require(kRemindersAddr)},
          {"dispatch", endpoints.Require(kDispatchAddr)},
          {"surveys", endpoints.Require(kSurveysAddr)},
      },
      endpoints.Get(kToken));
  using Clock = std::chrono::steady_clock;
  const auto give_up = Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(wait_seconds * 1000.0));
  std::vector<HealthResult> results;
  bool all_serving = false;
  while (true) {
    const auto round_start = Clock::now();
    // While waiting, one round never outlives the wait (but gets at least the poll interval).
    auto timeout = session.timeout();
    if (wait_seconds > 0) {
      timeout = std::min(
          timeout,
          std::max(kPollInterval, std::chrono::duration_cast<std::chrono::milliseconds>(give_up - round_start)));
    }
    results = checker.CheckAll(timeout);
    all_serving = std::all_of(results.begin(), results.end(), [](const HealthResult& r) { return r.serving; });
    if (all_serving || Clock::now() + kPollInterval >= give_up) {
      break;
    }
    std::this_thread::sleep_until(round_start + kPollInterval);
  }
  if (session.json) {
    Json array = Json::array();
    for (const auto& r : results) {
      array.push_back({{"service", r.service}, {"address", r.address}, {"serving", r.serving}, {"status", r.status}});
    }
    std::cout << array.dump(2) << '\n';
  } else {
    Table table({"SERVICE", "ADDRESS", "STATUS"});
    for (const auto& r : results) {
      table.AddRow({r.service, r.address, r.status});
    }
    std::cout << table.Render();
  }
  return all_serving ? 0 : 1;
}

}  // namespace

void AddHealthCommand(CLI::App& app, Session& session) {
  auto wait_seconds = std::make_shared<double>(0.0);
  auto* health = app.add_subcommand("health", "check that all four services are SERVING (exit 0 only then)");
  health->add_option("--wait", *wait_seconds, "retry every 200 ms for up to SECONDS until all serve")
      ->check(CLI::NonNegativeNumber);
  health->callback([&session, wait_seconds] {
    session.action = [&session, wait_seconds] { return RunHealth(session, *wait_seconds); };
  });
}

}  // namespace careloop::ctl
