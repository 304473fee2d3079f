// DMS import throughput: rows per second through the real customers import path (client-streaming
// gRPC ImportRows with IMPORT_KIND_SALES into the customers service running in this process,
// wired as careloop-customers wires it) against the same rows written as one HSET each,
// pipelined over one connection, into another database of the same redis-server. Also prints
// where the import's time goes: Redis commands and read events per row, the Redis-side time
// per row, one round trip's latency, and the same rows through CustomersApp without gRPC.
//
//   careloop-bench-import --redis-port P [--rows N] [--batch B]
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "common/grpc/server.h"
#include "services/customers/adapters/grpc_api.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/adapters/redis_customer_repository.h"
#include "tests/bench/synthetic_customers.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace pb = careloop::customer::v1;
using careloop::bench::SyntheticDelivery;

constexpr int kServiceDb = 13;
constexpr int kBaselineDb = 14;
constexpr int kDirectDb = 15;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

careloop::config::RedisSettings RedisAt(int port, int db) {
  careloop::config::RedisSettings redis;
  redis.port = port;
  redis.db = db;
  redis.pool_size = 8;
  return redis;
}

// Baseline: one HSET per row with the row's columns, `batch` commands per pipeline round trip.
double RawHset(const careloop::config::RedisSettings& redis, const std::vector<SyntheticDelivery>& rows, int batch) {
  careloop::redis::Connection connection(redis);
  connection.Run({"FLUSHDB"});
  const auto started = Clock::now();
  std::vector<careloop::redis::Command> commands;
  for (size_t i = 0; i < rows.size(); ++i) {
    const SyntheticDelivery& row = rows[i];
    commands.push_back({"HSET", "bench:import:" + row.vin, "name", row.name, "mobile", row.mobile, "vin", row.vin,
                        "plate", row.plate, "model", row.model, "series", row.series, "delivery_date",
                        row.delivery_date.ToString()});
    if (static_cast<int>(commands.size()) == batch || i + 1 == rows.size()) {
      for (const auto& reply : connection.Pipeline(commands)) {
        if (reply.IsError()) {
          throw std::runtime_error("HSET failed: " + std::string(reply.Str()));
        }
      }
      commands.clear();
    }
  }
  return static_cast<double>(rows.size()) / Seconds(started);
}

// A synthetic row as careloopctl's CSV reader would have parsed it.
careloop::customers::domain::DeliveryRow DeliveryOf(const SyntheticDelivery& row) {
  careloop::customers::domain::DeliveryRow delivery;
  delivery.customer.name = row.name;
  delivery.customer.mobile = row.mobile;
  delivery.vehicle.vin = row.vin;
  delivery.vehicle.plate = row.plate;
  delivery.vehicle.model = row.model;
  delivery.vehicle.series = row.series;
  delivery.vehicle.delivery_date = row.delivery_date;
  return delivery;
}

// The same row as careloopctl sends it (the customers service's own mapping).
pb::ImportRow ToRow(int64_t line, const SyntheticDelivery& row) {
  return careloop::customers::adapters::ToProto(line, DeliveryOf(row));
}

// The measured path: a real gRPC client streams the header, then every row; the clock runs from
// the first row sent to the response received.
double GrpcImport(pb::CustomersService::Stub& stub, const std::string& token,
                  const std::vector<SyntheticDelivery>& rows, pb::ImportRowsResponse& response) {
  grpc::ClientContext context;
  careloop::grpcx::AddBearer(context, token);
  auto writer = stub.ImportRows(&context, &response);
  pb::ImportRowsRequest request;
  request.mutable_header()->set_store_id("S001");
  request.mutable_header()->set_kind(pb::IMPORT_KIND_SALES);
  request.mutable_header()->set_file_name("bench.csv");
  bool open = writer->Write(request);
  const auto started = Clock::now();
  for (size_t i = 0; open && i < rows.size(); ++i) {
    *request.mutable_row() = ToRow(static_cast<int64_t>(i) + 2, rows[i]);
    open = writer->Write(request);
  }
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  const double seconds = Seconds(started);
  if (!status.ok()) {
    throw std::runtime_error("ImportRows failed: " + status.error_message());
  }
  return static_cast<double>(rows.size()) / seconds;
}

// INFO section as "field" → value (the text after the colon).
std::map<std::string, std::string> Info(careloop::redis::Connection& connection, const char* section) {
  const careloop::redis::Reply reply = connection.Run({"INFO", section});
  std::map<std::string, std::string> out;
  const std::string_view text = reply.Str();
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find("\r\n", begin);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = text.substr(begin, end - begin);
    if (const auto colon = line.find(':'); colon != std::string_view::npos && !line.starts_with('#')) {
      out.emplace(std::string(line.substr(0, colon)), std::string(line.substr(colon + 1)));
    }
    begin = end + 2;
  }
  return out;
}

// "calls=12,usec=34,..." → the number after `name=`.
double StatField(const std::string& stats, const std::string& name) {
  const auto at = stats.find(name + "=");
  return at == std::string::npos ? 0 : std::stod(stats.substr(at + name.size() + 1));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"DMS import via gRPC ImportRows vs pipelined raw HSET"};
  int redis_port = 0;
  int rows_count = 20000;
  int batch = 1000;
  app.add_option("--redis-port", redis_port)->required();
  app.add_option("--rows", rows_count, "delivery rows to import (default 20000)");
  app.add_option("--batch", batch, "HSETs per pipeline round trip in the baseline (default 1000)");
  CLI11_PARSE(app, argc, argv);

  using namespace careloop;
  std::vector<SyntheticDelivery> rows;
  rows.reserve(static_cast<size_t>(rows_count));
  for (int i = 0; i < rows_count; ++i) {
    rows.push_back(bench::MakeDelivery(i));
  }

  const double baseline = RawHset(RedisAt(redis_port, kBaselineDb), rows, batch);
  std::printf("  baseline raw HSET (%d per pipeline, one connection): %d rows in %.2fs, %.0f rows/s\n", batch,
              rows_count, rows_count / baseline, baseline);

  // The customers service as careloop-customers wires it, on its own database.
  redis::Pool pool(RedisAt(redis_port, kServiceDb));
  pool.Acquire()->Run({"FLUSHDB"});
  clock::SystemClock clock;
  config::StoreCatalog stores({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""}});
  const std::string token = "bench-clerk-token";
  auth::TokenAuthenticator authenticator({{"bench-clerk", Sha256Hex(token), "clerk", {"S001"}}});
  metrics::Registry metrics;
  customers::adapters::RedisCustomerStore repository(pool, clock);
  customers::app::CustomersApp customers_app(repository.ports(), clock, stores);
  customers::adapters::CustomersApi api(customers_app, grpcx::HandlerContext{authenticator, metrics});
  grpcx::Server server(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api});
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(server.port()), grpc::InsecureChannelCredentials());
  auto stub = pb::CustomersService::NewStub(channel);

  redis::Connection admin(RedisAt(redis_port, 0));
  admin.Run({"CONFIG", "RESETSTAT"});
  pb::ImportRowsResponse response;
  const double measured = GrpcImport(*stub, token, rows, response);
  const auto commandstats = Info(admin, "commandstats");
  const auto stats = Info(admin, "stats");
  std::printf(
      "  careloop ImportRows (gRPC stream, validation, merge lookups, atomic writes + outbox): %.0f rows/s "
      "(created %lld, merged %lld, unchanged %lld, rejected %lld)\n",
      measured, static_cast<long long>(response.rows_created()), static_cast<long long>(response.rows_merged()),
      static_cast<long long>(response.rows_unchanged()), static_cast<long long>(response.rows_rejected()));

  // Where the time goes: Redis work per row, and one round trip's latency.
  double calls = 0;
  double usec = 0;
  std::vector<std::pair<double, std::string>> by_command;
  for (const auto& [name, value] : commandstats) {
    if (!name.starts_with("cmdstat_") || name.starts_with("cmdstat_config") || name.starts_with("cmdstat_info")) {
      continue;
    }
    calls += StatField(value, "calls");
    // EXEC's time already contains the time of the commands it ran, which count on their own.
    usec += name == "cmdstat_exec" ? 0 : StatField(value, "usec");
    by_command.emplace_back(StatField(value, "calls") / rows_count, name.substr(8));
  }
  std::sort(by_command.rbegin(), by_command.rend());
  std::string per_command;
  for (const auto& [per_row, name] : by_command) {
    char part[64];
    std::snprintf(part, sizeof part, "%s%s %.2f", per_command.empty() ? "" : ", ", name.c_str(), per_row);
    per_command += part;
  }
  const double reads = std::stod(stats.at("total_reads_processed"));
  constexpr int kPings = 2000;
  const auto ping_started = Clock::now();
  for (int i = 0; i < kPings; ++i) {
    (void)admin.Run({"PING"});
  }
  const double rtt_us = Seconds(ping_started) * 1e6 / kPings;
  std::printf("  per row: %.1f Redis commands (%s)\n", calls / rows_count, per_command.c_str());
  std::printf(
      "  per row: %.1f read events at the server (≈ round trips), %.1f us of Redis command time; "
      "one PING round trip %.1f us; %.1f us per row in total\n",
      reads / rows_count, usec / rows_count, rtt_us, 1e6 / measured);

  // The same rows through the app directly (no gRPC), on a fresh database.
  {
    redis::Pool direct_pool(RedisAt(redis_port, kDirectDb));
    direct_pool.Acquire()->Run({"FLUSHDB"});
    customers::adapters::RedisCustomerStore direct_repository(direct_pool, clock);
    customers::app::CustomersApp direct_app(direct_repository.ports(), clock, stores);
    const auth::Principal clerk = authenticator.Authenticate("Bearer " + token).value();
    int64_t created = 0;
    const auto started = Clock::now();
    for (const auto& row : rows) {
      const auto outcome = direct_app.ImportDelivery(clerk, "S001", DeliveryOf(row));
      created += outcome.kind == customers::app::ImportOutcome::Kind::kCreated ? 1 : 0;
    }
    const double direct = static_cast<double>(rows.size()) / Seconds(started);
    std::printf("  same rows through CustomersApp::ImportDelivery without gRPC: %.0f rows/s (created %lld)\n", direct,
                static_cast<long long>(created));
  }

  std::printf("RESULT rows=%d baseline=%.0f careloop=%.0f ratio=%.3f\n", rows_count, baseline, measured,
              measured / baseline);
  server.Shutdown(std::chrono::milliseconds(500));
  return response.rows_created() == rows_count ? 0 : 1;
}
