// Timers fired per second: the reminders service's own firing path (RemindersApp::FireDue —
// batch claims by Lua, then each reminder read, checked and fired with its ReminderDue in one
// atomic write — over RedisReminderRepository, wired as careloop-reminders wires it) against
// `redis-benchmark ZPOPMIN` on the same redis-server in the same run: the cheapest way to take
// one due item off a sorted set. Then lateness: timers coming due at 80 % of the measured rate,
// fired by the service's worker loop (timer_batch, timer_poll of reminders::Settings), and the
// p50/p99/max of fired_at − due_at. Prints Redis commands per fired timer (INFO commandstats).
//
//   careloop-bench-timers --redis-port P [--timers N] [--workers W] [--batch B] [--lateness-seconds S]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/adapters/redis_rule_store.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/app/rules_app.h"
#include "services/reminders/settings.h"

namespace {

using Steady = std::chrono::steady_clock;
using careloop::Instant;
using careloop::Millis;
namespace rd = careloop::reminders::domain;

constexpr int kDb = 12;

careloop::config::RedisSettings RedisAt(int port) {
  careloop::config::RedisSettings redis;
  redis.port = port;
  redis.db = kDb;
  redis.pool_size = 16;
  return redis;
}

rd::Reminder Timer(int i, Instant due_at) {
  rd::Reminder reminder;
  reminder.reminder_id = "bench-" + std::to_string(i);
  reminder.customer_id = "cus-" + std::to_string(i % 1000);
  reminder.vehicle_id = "veh-" + std::to_string(i);
  reminder.store_id = "S001";
  reminder.kind = rd::ReminderKind::kRegularMaintenance;
  reminder.due_at = due_at;
  reminder.service_due_date = careloop::Date{2099, 1, 1};  // never missed
  return reminder;
}

// Command name → calls, from INFO commandstats.
std::map<std::string, long long> CommandStats(careloop::redis::Connection& connection) {
  std::map<std::string, long long> calls;
  const std::string info(connection.Run({"INFO", "commandstats"}).Str());
  size_t at = 0;
  while ((at = info.find("cmdstat_", at)) != std::string::npos) {
    const size_t colon = info.find(':', at);
    const size_t value = info.find("calls=", colon);
    calls[info.substr(at + 8, colon - at - 8)] = std::stoll(info.substr(value + 6));
    at = colon;
  }
  return calls;
}

// Runs `workers` threads of FireDue until `total` timers fired; returns the seconds it took.
double FireAll(careloop::reminders::app::RemindersApp& app, int workers, int batch, int total) {
  std::atomic<int> fired{0};
  const auto started = Steady::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      while (fired.load() < total) {
        if (const int n = app.FireDue(batch); n > 0) {
          fired += n;
        } else {
          std::this_thread::yield();
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  return std::chrono::duration<double>(Steady::now() - started).count();
}

// The repository as it fired before batching: every call forwarded, but FindMany and FireMany
// left to the port's one-by-one defaults (Find, then Fire's WATCH/GET/MULTI per timer).
class OneByOne final : public careloop::reminders::app::ReminderRepository {
 public:
  explicit OneByOne(careloop::reminders::app::ReminderRepository& inner) : inner_(inner) {}
  bool Schedule(const rd::Reminder& reminder) override { return inner_.Schedule(reminder); }
  bool ApplyVisit(const std::string& visit_id, const std::string& vehicle_id, bool complete_open,
                  const std::vector<rd::Reminder>& plan, const std::string& reason) override {
    return inner_.ApplyVisit(visit_id, vehicle_id, complete_open, plan, reason);
  }
  int CancelOpen(const std::string& vehicle_id, const std::string& reason, const std::string& policy_id) override {
    return inner_.CancelOpen(vehicle_id, reason, policy_id);
  }
  void RecordPolicy(const rd::PolicyFacts& policy) override { inner_.RecordPolicy(policy); }
  std::vector<rd::PolicyFacts> Policies(const rd::VehicleFacts& vehicle) override { return inner_.Policies(vehicle); }
  bool Miss(const rd::Reminder& missed) override { return inner_.Miss(missed); }
  std::string ChurnStageOf(const std::string& customer_id) override { return inner_.ChurnStageOf(customer_id); }
  void RecordChurnStage(const std::string& customer_id, std::string_view stage) override {
    inner_.RecordChurnStage(customer_id, stage);
  }
  void RecordOdometer(const std::string& vehicle_id, const rd::OdometerReading& reading) override {
    inner_.RecordOdometer(vehicle_id, reading);
  }
  std::vector<rd::OdometerReading> Odometer(const std::string& vehicle_id) override {
    return inner_.Odometer(vehicle_id);
  }
  std::vector<std::string> ClaimDue(Instant now, Millis lease, int limit) override {
    return inner_.ClaimDue(now, lease, limit);
  }
  bool Fire(const std::string& reminder_id, Instant fired_at) override { return inner_.Fire(reminder_id, fired_at); }
  std::optional<rd::Reminder> Find(const std::string& reminder_id) override { return inner_.Find(reminder_id); }
  std::vector<rd::Reminder> ListByCustomer(const std::string& customer_id) override {
    return inner_.ListByCustomer(customer_id);
  }
  std::vector<rd::Reminder> ListByStore(const std::string& store_id, size_t limit) override {
    return inner_.ListByStore(store_id, limit);
  }

 private:
  careloop::reminders::app::ReminderRepository& inner_;
};

// requests per second of `redis-benchmark … ZPOPMIN` over a set of `count` members.
double ZpopminRate(int port, int count, int clients) {
  careloop::redis::Connection connection(RedisAt(port));
  connection.Run({"DEL", "bench:zpop"});
  for (int i = 0; i < count; i += 1000) {
    std::vector<std::string> command{"ZADD", "bench:zpop"};
    for (int j = i; j < std::min(count, i + 1000); ++j) {
      command.push_back(std::to_string(j));
      command.push_back("t" + std::to_string(j));
    }
    connection.Run(command);
  }
  const std::string command = "redis-benchmark -p " + std::to_string(port) + " --dbnum " + std::to_string(kDb) +
                              " -c " + std::to_string(clients) + " -n " + std::to_string(count) +
                              " --csv ZPOPMIN bench:zpop 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return 0;
  }
  char line[512];
  double rate = 0;
  while (fgets(line, sizeof line, pipe) != nullptr) {
    // "ZPOPMIN bench:zpop","86206.90",…
    const std::string text(line);
    const size_t comma = text.find("\",\"");
    if (text.rfind("\"ZPOPMIN", 0) == 0 && comma != std::string::npos) {
      rate = std::stod(text.substr(comma + 3));
    }
  }
  pclose(pipe);
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"timers fired per second vs redis-benchmark ZPOPMIN, and lateness at 80 % of the rate"};
  int port = 0;
  int timers = 20000;
  int workers = 1;
  int lateness_seconds = 10;
  cli.add_option("--redis-port", port)->required();
  cli.add_option("--timers", timers);
  cli.add_option("--workers", workers, "firing instances (threads with their own pool connections)");
  cli.add_option("--lateness-seconds", lateness_seconds);
  int batch = careloop::reminders::Settings{}.timer_batch;
  cli.add_option("--batch", batch, "timers claimed per pass (default: reminders.timer_batch)");
  CLI11_PARSE(cli, argc, argv);

  careloop::redis::Pool pool(RedisAt(port));
  pool.Acquire()->Run({"FLUSHDB"});
  const careloop::reminders::Settings settings;  // timer_batch, timer_poll as deployed
  careloop::config::StoreCatalog stores({{"S001", "店", "店", "Asia/Shanghai", "010"}});

  // 1. Throughput: `timers` reminders all due, fired as fast as the firing path goes — first one
  // by one (the path before batching), then batched (FindMany/FireMany, as deployed).
  careloop::clock::ManualClock business(*careloop::ParseRfc3339("2027-01-05T01:00:00Z"));
  careloop::reminders::adapters::RedisReminderRepository repository(pool, business);
  OneByOne one_by_one(repository);
  careloop::reminders::adapters::RedisRuleStore rule_store(pool);
  careloop::reminders::app::StoredRuleBook book(rule_store);
  careloop::reminders::app::Replanner replanner(repository, repository, book, business, stores);
  auto stats_connection = std::make_unique<careloop::redis::Connection>(RedisAt(port));
  double schedule_seconds_each = 0;
  double fired_rate = 0;
  for (const bool batched : {false, true}) {
    pool.Acquire()->Run({"FLUSHDB"});
    careloop::reminders::app::ReminderRepository& path =
        batched ? static_cast<careloop::reminders::app::ReminderRepository&>(repository) : one_by_one;
    careloop::reminders::app::RemindersApp app(path, repository, book, replanner, business, stores);
    const auto scheduling = Steady::now();
    for (int i = 0; i < timers; ++i) {
      repository.Schedule(Timer(i, business.Now() - Millis{60'000}));
    }
    schedule_seconds_each = std::chrono::duration<double>(Steady::now() - scheduling).count() / timers;
    const auto before = CommandStats(*stats_connection);
    const double seconds = FireAll(app, workers, batch, timers);
    const auto after = CommandStats(*stats_connection);
    fired_rate = timers / seconds;
    std::string per_timer;
    long long commands = 0;
    for (const auto& [name, calls] : after) {
      const long long delta = calls - (before.contains(name) ? before.at(name) : 0);
      if (delta > 0 && name != "info") {
        commands += delta;
        char part[64];
        std::snprintf(part, sizeof part, "%s%s %.2f", per_timer.empty() ? "" : ", ", name.c_str(),
                      static_cast<double>(delta) / timers);
        per_timer += part;
      }
    }
    const double zpop_50 = ZpopminRate(port, std::max(timers, 100000), 50);
    const double zpop_1 = ZpopminRate(port, std::max(timers, 100000), 1);
    std::printf("%s: %d timers fired in %.2f s = %.0f/s (%d worker%s, batch %d)\n",
                batched ? "batched (FindMany/FireMany)" : "one by one (Find, Fire)", timers, seconds, fired_rate,
                workers, workers == 1 ? "" : "s", batch);
    std::printf("  redis-benchmark ZPOPMIN right after: %.0f/s (50 clients), %.0f/s (1 client)\n", zpop_50, zpop_1);
    std::printf("  ratio: %.3fx vs 50 clients, %.3fx vs 1 client (aim >= 1.0x)\n", fired_rate / zpop_50,
                fired_rate / zpop_1);
    std::printf("  redis commands per fired timer: %.2f (%s)\n", static_cast<double>(commands) / timers,
                per_timer.c_str());
  }

  // 2. Lateness: timers due at 80 % of the measured rate on the real clock, fired by the
  // service's worker loop (a full batch comes straight back, else it waits timer_poll).
  pool.Acquire()->Run({"FLUSHDB"});
  careloop::clock::SystemClock wall;
  careloop::reminders::adapters::RedisReminderRepository live_repository(pool, wall);
  careloop::reminders::app::Replanner live_replanner(live_repository, live_repository, book, wall, stores);
  careloop::reminders::app::RemindersApp live(live_repository, live_repository, book, live_replanner, wall, stores);
  const double rate = 0.8 * fired_rate;
  const int count = static_cast<int>(rate * lateness_seconds);
  // Every timer is scheduled before the first comes due (scheduling is timed in part 1).
  const auto lead = Millis{1000 + static_cast<int64_t>(1500.0 * count * schedule_seconds_each)};
  const Instant start = wall.Now() + lead;
  std::vector<rd::Reminder> planned;
  for (int i = 0; i < count; ++i) {
    planned.push_back(Timer(i, start + Millis{static_cast<int64_t>(1000.0 * i / rate)}));
    live_repository.Schedule(planned.back());
  }
  if (wall.Now() >= start) {
    std::printf("lateness: scheduling %d timers took longer than the lead; rerun\n", count);
    return 1;
  }
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      while (!stop.load()) {
        if (live.FireDue(batch) < batch) {
          std::this_thread::sleep_for(settings.timer_poll);
        }
      }
    });
  }
  const Instant last_due = planned.back().due_at;
  while (wall.Now() < last_due + Millis{5000}) {
    std::this_thread::sleep_for(Millis{100});
  }
  stop = true;
  for (auto& thread : threads) {
    thread.join();
  }
  std::vector<double> late_ms;
  int unfired = 0;
  for (const auto& timer : planned) {
    const auto stored = live_repository.Find(timer.reminder_id);
    if (!stored || stored->status != rd::ReminderStatus::kDue) {
      ++unfired;
      continue;
    }
    late_ms.push_back(static_cast<double>((stored->fired_at - timer.due_at).count()));
  }
  std::sort(late_ms.begin(), late_ms.end());
  const auto at = [&](double q) {
    return late_ms.empty() ? 0.0 : late_ms[std::min(late_ms.size() - 1, static_cast<size_t>(q * late_ms.size()))];
  };
  std::printf(
      "lateness at %.0f timers/s (80%%) for %d s: p50 %.0f ms, p99 %.0f ms, max %.0f ms; %d of %d unfired "
      "(aim p99 <= 1000 ms)\n",
      rate, lateness_seconds, at(0.5), at(0.99), late_ms.empty() ? 0.0 : late_ms.back(), unfired, count);
  return 0;
}
