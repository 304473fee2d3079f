// Redis memory per customer: N customers, each with one car and five workshop visits, created
// through the real use cases (CustomersApp over RedisCustomerStore, the same atomic writes
// the gRPC API makes), then classified by the reclassification worker until its queue is
// drained, so every index the service keeps exists. The outbox stream is deleted before
// measuring (in production the relay empties it). Beside it in the same run and the same
// redis-server: the same facts as one raw HSET per customer. Both are measured as the growth of
// `used_memory` divided by N; a per-key-kind breakdown (MEMORY USAGE over a sample of each kind)
// shows where CareLoop's bytes go.
//
//   careloop-bench-memory --redis-port P [--customers N] [--threads T] [--sample S]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/customers/adapters/redis_customer_repository.h"
#include "services/customers/adapters/redis_keys.h"
#include "services/customers/app/customers_app.h"
#include "tests/bench/synthetic_customers.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace domain = careloop::customers::domain;
namespace keys = careloop::customers::adapters::keys;

constexpr int kServiceDb = 11;
constexpr int kBaselineDb = 12;
constexpr int kVisitsPerCustomer = 5;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

careloop::config::RedisSettings RedisAt(int port, int db, int pool_size) {
  careloop::config::RedisSettings redis;
  redis.port = port;
  redis.db = db;
  redis.pool_size = pool_size;
  return redis;
}

// The i-th customer's visits: first and second free maintenance, then regular service and a
// repair, all after the delivery and before today; the odometer only goes up.
std::vector<domain::NewVisit> VisitsOf(const careloop::bench::SyntheticDelivery& car, const std::string& vehicle_id,
                                       int i) {
  struct Plan {
    int days_after_delivery;
    int odometer_km;
    domain::VisitType type;
    int64_t amount_fen;
  };
  static constexpr Plan kPlan[kVisitsPerCustomer] = {
      {90, 3000, domain::VisitType::kFirstFreeMaintenance, 0},
      {180, 8000, domain::VisitType::kSecondFreeMaintenance, 0},
      {365, 15000, domain::VisitType::kRegularMaintenance, 48000},
      {545, 21000, domain::VisitType::kRepair, 126000},
      {730, 30000, domain::VisitType::kRegularMaintenance, 52000},
  };
  std::vector<domain::NewVisit> out;
  for (const Plan& plan : kPlan) {
    domain::NewVisit visit;
    visit.vehicle_id = vehicle_id;
    visit.visit_date = car.delivery_date.PlusDays(plan.days_after_delivery);
    visit.odometer_km = plan.odometer_km;
    visit.visit_type = plan.type;
    visit.advisor = "SA0" + std::to_string(i % 5);
    visit.amount_fen = plan.amount_fen;
    out.push_back(std::move(visit));
  }
  return out;
}

long long UsedMemory(careloop::redis::Connection& connection) {
  // Let an incremental rehash of the keyspace finish, so no half-moved table is counted.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const careloop::redis::Reply reply = connection.Run({"INFO", "memory"});
  const std::string_view text = reply.Str();
  constexpr std::string_view kField = "used_memory:";
  const auto at = text.find(kField);
  return std::stoll(std::string(text.substr(at + kField.size(), text.find("\r\n", at) - at - kField.size())));
}

// The kind of a key: its components, with every one that names a record or a value (it contains a
// digit, a '-' or a non-ASCII byte: ids, mobiles, VINs, plates, store ids, city names) replaced by
// "*". A per-store index (prefix:kind:<store>:<name>:<value>) is grouped by its name, whatever the
// value: every churn-stage set of every store is "cl:cust:<kind>:*:churn:*".
std::string KindOf(const std::string& key) {
  std::vector<std::string> parts;
  size_t begin = 0;
  while (true) {
    const size_t colon = key.find(':', begin);
    parts.push_back(key.substr(begin, colon == std::string::npos ? std::string::npos : colon - begin));
    if (colon == std::string::npos) {
      break;
    }
    begin = colon + 1;
  }
  auto names_one = [](const std::string& part) {
    return std::any_of(part.begin(), part.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == '-' || static_cast<unsigned char>(c) >= 0x80;
    });
  };
  for (size_t i = 3; i < parts.size(); ++i) {
    if (names_one(parts[i]) || (i >= 5 && parts[3] == "*")) {
      parts[i] = "*";
    }
  }
  std::string kind = parts[0];
  for (size_t i = 1; i < parts.size(); ++i) {
    kind += ":" + parts[i];
  }
  return kind;
}

struct KindUsage {
  long long keys = 0;
  long long sampled = 0;
  long long sampled_bytes = 0;
};

// Counts every key matching `pattern` by kind and sums MEMORY USAGE (every element, SAMPLES 0)
// of the first `sample` keys of each kind.
std::map<std::string, KindUsage> UsageByKind(careloop::redis::Connection& connection, const std::string& pattern,
                                             long long sample) {
  std::map<std::string, KindUsage> out;
  std::string cursor = "0";
  do {
    const careloop::redis::Reply page = connection.Run({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
    cursor = std::string(careloop::redis::ElementStr(page.Element(0)));
    const redisReply* found = page.Element(1);
    std::vector<careloop::redis::Command> usage;
    std::vector<std::string> kinds;
    for (size_t i = 0; i < found->elements; ++i) {
      const std::string key(careloop::redis::ElementStr(found->element[i]));
      const std::string kind = KindOf(key);
      KindUsage& k = out[kind];
      ++k.keys;
      if (k.sampled < sample) {
        ++k.sampled;
        usage.push_back({"MEMORY", "USAGE", key, "SAMPLES", "0"});
        kinds.push_back(kind);
      }
    }
    if (!usage.empty()) {
      auto replies = connection.Pipeline(usage);
      for (size_t i = 0; i < replies.size(); ++i) {
        out[kinds[i]].sampled_bytes += replies[i].Integer();
      }
    }
  } while (cursor != "0");
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Redis bytes per customer (one car, five visits, every index) vs a raw HSET per customer"};
  int redis_port = 0;
  int customers = 100000;
  int threads = 4;
  long long sample = 20000;
  app.add_option("--redis-port", redis_port)->required();
  app.add_option("--customers", customers, "customers to create (default 100000)");
  app.add_option("--threads", threads, "threads creating customers through the app (default 4)");
  app.add_option("--sample", sample, "keys per kind measured with MEMORY USAGE (default 20000)");
  CLI11_PARSE(app, argc, argv);

  using namespace careloop;
  redis::Connection admin(RedisAt(redis_port, kServiceDb, 1));
  admin.Run({"FLUSHDB"});
  redis::Connection raw(RedisAt(redis_port, kBaselineDb, 1));
  raw.Run({"FLUSHDB"});

  redis::Pool pool(RedisAt(redis_port, kServiceDb, threads + 1));
  // A fixed "today", so every run classifies the same customers the same way.
  clock::ManualClock clock(*ParseRfc3339("2026-11-22T02:00:00Z"));
  config::StoreCatalog stores({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""}});
  const std::string token = "bench-admin-token";
  auth::TokenAuthenticator authenticator({{"bench-admin", Sha256Hex(token), "admin", {"*"}}});
  const auth::Principal admin_caller = authenticator.Authenticate("Bearer " + token).value();
  customers::adapters::RedisCustomerStore repository(pool, clock);
  customers::app::CustomersApp customers_app(repository.ports(), clock, stores);

  const long long before = UsedMemory(admin);
  std::atomic<long long> failures{0};
  std::atomic<int> done{0};
  std::mutex first_error_mutex;
  std::string first_error;
  auto fail = [&](const Error& error) {
    failures.fetch_add(1);
    std::lock_guard lock(first_error_mutex);
    if (first_error.empty()) {
      first_error = error.ToString();
    }
  };
  const auto started = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = t; i < customers; i += threads) {
        const bench::SyntheticDelivery car = bench::MakeDelivery(i);
        domain::NewCustomer person;
        person.store_id = "S001";
        person.name = car.name;
        person.mobile = car.mobile;
        person.gender = i % 2 == 0 ? domain::Gender::kMale : domain::Gender::kFemale;
        auto customer = customers_app.CreateCustomer(admin_caller, person, "");
        if (!customer.ok()) {
          fail(customer.error());
          continue;
        }
        const std::string& id = customer->customer_id;
        domain::NewVehicle delivered;
        delivered.vin = car.vin;
        delivered.plate = car.plate;
        delivered.model = car.model;
        delivered.series = car.series;
        delivered.delivery_date = car.delivery_date;
        delivered.sales_consultant = "SC01";
        delivered.assigned_advisor = "SA01";
        auto vehicle = customers_app.AddVehicle(admin_caller, id, delivered);
        if (!vehicle.ok()) {
          fail(vehicle.error());
          continue;
        }
        for (const auto& visit : VisitsOf(car, vehicle->vehicle_id, i)) {
          if (auto recorded = customers_app.RecordVisit(admin_caller, id, visit, ""); !recorded.ok()) {
            fail(recorded.error());
          }
        }
        if (const int n = done.fetch_add(1) + 1; n % 10000 == 0) {
          std::fprintf(stderr, "  ... %d customers in %.0fs\n", n, Seconds(started));
        }
      }
    });
  }
  for (auto& worker : workers) {
    worker.join();
  }
  const double create_seconds = Seconds(started);

  // The reclassification worker, as careloop-customers runs it, until nothing is due.
  const auto reclassify_started = Clock::now();
  std::atomic<long long> reclassified{0};
  workers.clear();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      while (const int n = customers_app.ReclassifyDue(100)) {
        reclassified.fetch_add(n);
      }
    });
  }
  for (auto& worker : workers) {
    worker.join();
  }
  const double reclassify_seconds = Seconds(reclassify_started);

  const long long outbox_entries = admin.Run({"XLEN", keys::kOutbox}).Integer();
  const long long outbox_bytes = admin.Run({"MEMORY", "USAGE", keys::kOutbox, "SAMPLES", "0"}).Integer();
  admin.Run({"DEL", keys::kOutbox});  // the relay empties it in production
  const long long after = UsedMemory(admin);
  const long long key_count = admin.Run({"DBSIZE"}).Integer();
  const double careloop_per_customer = static_cast<double>(after - before) / customers;

  std::printf(
      "  careloop: %d customers (1 car, %d visits each) created by %d threads in %.0fs (%.0f customers/s), "
      "%lld reclassified in %.1fs, %lld failures%s%s\n",
      customers, kVisitsPerCustomer, threads, create_seconds, customers / create_seconds, reclassified.load(),
      reclassify_seconds, failures.load(), first_error.empty() ? "" : ", first: ", first_error.c_str());
  std::printf("  careloop: outbox held %lld entries, %.0f bytes per customer, before it was deleted (not counted)\n",
              outbox_entries, static_cast<double>(outbox_bytes) / customers);
  std::printf("  careloop: used_memory %lld → %lld, %lld keys (%.1f per customer): %.0f bytes per customer\n", before,
              after, key_count, static_cast<double>(key_count) / customers, careloop_per_customer);

  const auto kinds = UsageByKind(admin, "cl:cust:*", sample);
  std::printf("  %-28s %9s %9s %12s %14s\n", "key kind", "keys", "sampled", "bytes/key", "bytes/customer");
  double estimated_total = 0;
  for (const auto& [kind, usage] : kinds) {
    const double per_key = usage.sampled == 0 ? 0 : static_cast<double>(usage.sampled_bytes) / usage.sampled;
    const double per_customer = per_key * static_cast<double>(usage.keys) / customers;
    estimated_total += per_customer;
    std::printf("  %-28s %9lld %9lld %12.0f %14.1f\n", kind.c_str(), usage.keys, usage.sampled, per_key, per_customer);
  }
  std::printf("  %-28s %9s %9s %12s %14.1f (MEMORY USAGE; used_memory also counts the keyspace tables)\n", "sum", "",
              "", "", estimated_total);

  // Baseline: the same facts as one HSET per customer, written directly.
  const long long raw_before = UsedMemory(admin);
  std::vector<redis::Command> batch;
  for (int i = 0; i < customers; ++i) {
    const bench::SyntheticDelivery car = bench::MakeDelivery(i);
    redis::Command hset{"HSET",          "bench:cust:" + NewRandomId("cus-"),
                        "name",          car.name,
                        "mobile",        car.mobile,
                        "vin",           car.vin,
                        "plate",         car.plate,
                        "model",         car.model,
                        "delivery_date", car.delivery_date.ToString()};
    int n = 0;
    for (const auto& visit : VisitsOf(car, "", i)) {
      hset.push_back("visit_" + std::to_string(++n));
      hset.push_back(visit.visit_date.ToString() + "," + std::to_string(static_cast<int>(visit.visit_type)) + "," +
                     std::to_string(visit.odometer_km) + "," + visit.advisor + "," + std::to_string(visit.amount_fen));
    }
    batch.push_back(std::move(hset));
    if (batch.size() == 1000 || i + 1 == customers) {
      (void)raw.Pipeline(batch);
      batch.clear();
    }
  }
  const long long raw_after = UsedMemory(admin);
  const double raw_per_customer = static_cast<double>(raw_after - raw_before) / customers;
  const auto raw_kinds = UsageByKind(raw, "bench:cust:*", sample);
  const KindUsage& raw_usage = raw_kinds.begin()->second;
  std::printf(
      "  baseline raw HSET (11 fields): used_memory %lld → %lld: %.0f bytes per customer "
      "(MEMORY USAGE %.0f bytes per key)\n",
      raw_before, raw_after, raw_per_customer,
      static_cast<double>(raw_usage.sampled_bytes) / static_cast<double>(raw_usage.sampled));
  std::printf("RESULT customers=%d careloop_bytes=%.0f baseline_bytes=%.0f ratio=%.2f\n", customers,
              careloop_per_customer, raw_per_customer, careloop_per_customer / raw_per_customer);
  return failures.load() == 0 ? 0 : 1;
}
