// The shared simulated clock, the metrics endpoint and the gRPC bootstrap (health, graceful
// shutdown) against real servers.
#include <gtest/gtest.h>
#include <httplib.h>

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "common/clock/clock.h"
#include "common/grpc/server.h"
#include "common/metrics/metrics.h"
#include "tests/integration/test_env.h"
#include "tools/careloopctl/health.h"

namespace careloop {
namespace {

constexpr int kDb = 5;

TEST(SharedSimulatedClock, EveryInstanceSeesSetAndAdvance) {
  auto pool = testing::FreshRedis(kDb);
  const auto settings = testing::TestEnv::Get().Redis(kDb);
  const Instant target = *ParseRfc3339("2026-11-01T02:00:00Z");
  clock::SetSimulatedTime(settings, target);
  clock::SharedSimulatedClock first(settings, Millis{20});
  clock::SharedSimulatedClock second(settings, Millis{20});
  // Time flows from the set point: within a few seconds of it, never before it.
  EXPECT_GE(first.Now(), target);
  EXPECT_LT(first.Now(), target + Millis{5'000});
  clock::AdvanceSimulatedTime(settings, Days{30});
  EXPECT_TRUE(testing::Eventually([&] { return first.Now() >= target + Days{30}; }));
  EXPECT_TRUE(testing::Eventually([&] { return second.Now() >= target + Days{30}; }));
  EXPECT_LT(second.Now(), target + Days{30} + Millis{5'000});
}

TEST(MetricsEndpoint, ServesPrometheusTextOverHttp) {
  metrics::Registry registry;
  registry.GetCounter("careloop_test_total", "a test counter").Increment(7);
  metrics::HttpEndpoint endpoint(registry, "127.0.0.1:0");
  httplib::Client client("127.0.0.1", endpoint.port());
  auto response = client.Get("/metrics");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_NE(response->body.find("careloop_test_total 7"), std::string::npos) << response->body;
}

TEST(MetricsEndpoint, CanBeDestroyedRightAfterItStarts) {
  metrics::Registry registry;
  for (int i = 0; i < 20; ++i) {
    metrics::HttpEndpoint endpoint(registry, "127.0.0.1:0");  // must not hang in its destructor
    EXPECT_GT(endpoint.port(), 0);
  }
}

// A service with no methods overridden: everything answers UNIMPLEMENTED.
class EmptyReminders final : public careloop::reminder::v1::RemindersService::CallbackService {};

TEST(GrpcServer, ServesStandardHealthAndStopsServingOnShutdown) {
  EmptyReminders service;
  grpcx::Server server(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&service});
  ctl::HealthChecker checker({{"reminders", "127.0.0.1:" + std::to_string(server.port())}}, "");
  auto results = checker.CheckAll(std::chrono::milliseconds(3000));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_TRUE(results[0].serving) << results[0].status;
  server.SetServing(false);
  results = checker.CheckAll(std::chrono::milliseconds(3000));
  EXPECT_FALSE(results[0].serving);
  EXPECT_EQ(results[0].status, "NOT_SERVING");
  server.Shutdown(std::chrono::milliseconds(100));
}

}  // namespace
}  // namespace careloop
