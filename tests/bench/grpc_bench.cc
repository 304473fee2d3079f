// GetCustomer against a gRPC echo server, measured in the same run with the same client load:
// queries per second and latency percentiles, reported as ratios. The customers service runs in
// this process over a real redis-server, exactly as careloop-customers wires it (auth, metrics,
// Redis pool); the echo server does no work at all, so the ratio is CareLoop's own cost.
//
//   careloop-bench-grpc --redis-port P [--seconds S] [--clients C] [--customers N]
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/grpc/server.h"
#include "echo.grpc.pb.h"
#include "services/customers/adapters/grpc_api.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/adapters/redis_customer_repository.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace pb = careloop::customer::v1;
namespace echo = careloop::bench::v1;

class EchoServer final : public echo::EchoService::CallbackService {
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context, const echo::EchoRequest* request,
                                 echo::EchoResponse* response) override {
    response->set_payload(request->payload());
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

struct Measurement {
  double qps = 0;
  double p50_us = 0;
  double p99_us = 0;
  int64_t errors = 0;
};

// `clients` threads call `call()` back to back for `seconds`; each records its latencies.
template <class Call>
Measurement Load(int clients, double seconds, Call call) {
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<int64_t> errors{0};
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  const auto started = Clock::now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      uint64_t i = static_cast<uint64_t>(c);
      while (Clock::now() < deadline) {
        const auto t0 = Clock::now();
        if (!call(i)) {
          errors.fetch_add(1);
        }
        latencies[c].push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        i += static_cast<uint64_t>(clients);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  std::vector<double> all;
  for (auto& l : latencies) {
    all.insert(all.end(), l.begin(), l.end());
  }
  std::sort(all.begin(), all.end());
  Measurement m;
  m.qps = static_cast<double>(all.size()) / elapsed;
  m.p50_us = all.empty() ? 0 : all[all.size() / 2];
  m.p99_us = all.empty() ? 0 : all[std::min(all.size() - 1, all.size() * 99 / 100)];
  m.errors = errors.load();
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"GetCustomer vs a gRPC echo server"};
  int redis_port = 0;
  double seconds = 5;
  int clients = 4;
  int customers = 1000;
  app.add_option("--redis-port", redis_port)->required();
  app.add_option("--seconds", seconds);
  app.add_option("--clients", clients);
  app.add_option("--customers", customers);
  CLI11_PARSE(app, argc, argv);

  using namespace careloop;
  config::RedisSettings redis;
  redis.port = redis_port;
  redis.db = 10;
  redis.pool_size = 8;
  redis::Pool pool(redis);
  pool.Acquire()->Run({"FLUSHDB"});
  clock::SystemClock clock;
  config::StoreCatalog stores({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""}});
  const std::string token = "bench-token";
  auth::TokenAuthenticator authenticator({{"bench", Sha256Hex(token), "advisor", {"S001"}}});
  metrics::Registry metrics;
  customers::adapters::RedisCustomerStore repository(pool, clock);
  customers::app::CustomersApp customers_app(repository.ports(), clock, stores);
  customers::adapters::CustomersApi api(customers_app, grpcx::HandlerContext{authenticator, metrics});
  EchoServer echo_service;
  grpcx::Server server(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api, &echo_service});

  auto principal = authenticator.Authenticate("Bearer " + token).value();
  std::vector<std::string> ids;
  for (int i = 0; i < customers; ++i) {
    char mobile[16];
    std::snprintf(mobile, sizeof mobile, "139%08d", i);
    auto created =
        customers_app.CreateCustomer(principal, {"S001", "王小明", mobile, customers::domain::Gender::kMale, {}}, "");
    ids.push_back(created.value().customer_id);
  }
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(server.port()), grpc::InsecureChannelCredentials());
  auto customers_stub = pb::CustomersService::NewStub(channel);
  auto echo_stub = echo::EchoService::NewStub(channel);
  // The echo carries as many bytes as a GetCustomer answer, so the wire cost is the same.
  std::string payload;
  {
    pb::GetCustomerResponse sample;
    *sample.mutable_customer() = customers::adapters::ToProto(repository.records.Find(ids[0]).value());
    payload.assign(sample.ByteSizeLong(), 'x');
  }

  auto echo_call = [&](uint64_t) {
    grpc::ClientContext context;
    grpcx::AddBearer(context, token);
    echo::EchoRequest request;
    request.set_payload(payload);
    echo::EchoResponse response;
    return echo_stub->Echo(&context, request, &response).ok();
  };
  auto get_call = [&](uint64_t i) {
    grpc::ClientContext context;
    grpcx::AddBearer(context, token);
    pb::GetCustomerRequest request;
    request.set_customer_id(ids[i % ids.size()]);
    pb::GetCustomerResponse response;
    return customers_stub->GetCustomer(&context, request, &response).ok();
  };
  Load(clients, 1.0, echo_call);  // warm up connections and caches
  Load(clients, 1.0, get_call);
  const Measurement baseline = Load(clients, seconds, echo_call);
  const Measurement measured = Load(clients, seconds, get_call);
  std::printf("  baseline gRPC echo (%zu-byte payload): %.0f qps, p50 %.0f us, p99 %.0f us\n", payload.size(),
              baseline.qps, baseline.p50_us, baseline.p99_us);
  std::printf("  GetCustomer (auth + Redis GET + decode): %.0f qps, p50 %.0f us, p99 %.0f us, errors %lld\n",
              measured.qps, measured.p50_us, measured.p99_us, static_cast<long long>(measured.errors));
  std::printf("RESULT clients=%d qps_ratio=%.2f p99_ratio=%.2f\n", clients, measured.qps / baseline.qps,
              measured.p99_us / baseline.p99_us);
  server.Shutdown(std::chrono::milliseconds(500));
  return measured.errors == 0 ? 0 : 1;
}
