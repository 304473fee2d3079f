// careloop.admin.v1.ClockService over gRPC: setting the deployment's simulated clock is an
// authenticated admin call that every service sees, and is refused on the system clock.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "careloop/admin/v1/clock_service.grpc.pb.h"
#include "common/auth/auth.h"
#include "common/base/ids.h"
#include "common/clock/clock_service.h"
#include "common/events/proto_event.h"
#include "common/grpc/server.h"
#include "common/metrics/metrics.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

namespace av1 = careloop::admin::v1;

constexpr int kDb = 7;
constexpr const char* kAdminToken = "admin-token";
constexpr const char* kAdvisorToken = "advisor-token";

config::TokenSettings Token(const std::string& name, const std::string& token, const std::string& role) {
  return config::TokenSettings{name, Sha256Hex(token), role, {"*"}};
}

// A gRPC server with the ClockService over `clock`, and a client stub.
class ClockServer final {
 public:
  explicit ClockServer(clock::Clock& clock)
      : authenticator_({Token("admin", kAdminToken, "admin"), Token("advisor", kAdvisorToken, "advisor")}),
        api_(clock, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}),
        stub_(av1::ClockService::NewStub(
            grpc::CreateChannel("127.0.0.1:" + std::to_string(server_.port()), grpc::InsecureChannelCredentials()))) {}
  ~ClockServer() { server_.Shutdown(std::chrono::milliseconds(100)); }

  static std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
    auto context = std::make_unique<grpc::ClientContext>();
    grpcx::AddBearer(*context, token);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    return context;
  }
  av1::ClockService::Stub& stub() { return *stub_; }

 private:
  metrics::Registry metrics_;
  auth::TokenAuthenticator authenticator_;
  clock::ClockApi api_;
  grpcx::Server server_;
  std::unique_ptr<av1::ClockService::Stub> stub_;
};

av1::SetTimeRequest SetTo(Instant instant) {
  av1::SetTimeRequest request;
  *request.mutable_time() = events::ToTimestamp(instant);
  return request;
}

av1::AdvanceTimeRequest AdvanceBy(int64_t seconds) {
  av1::AdvanceTimeRequest request;
  request.mutable_by()->set_seconds(seconds);
  return request;
}

TEST(ClockService, AnAdminSetsAndAdvancesTheSimulatedTimeEveryServiceSees) {
  auto pool = testing::FreshRedis(kDb);
  const auto redis = testing::TestEnv::Get().Redis(kDb);
  clock::SharedSimulatedClock customers(redis, Millis{20});
  clock::SharedSimulatedClock reminders(redis, Millis{20});  // another service of the deployment
  ClockServer server(customers);
  const Instant target = *ParseRfc3339("2026-11-01T02:00:00Z");

  av1::SetTimeResponse set;
  ASSERT_TRUE(server.stub().SetTime(ClockServer::As(kAdminToken).get(), SetTo(target), &set).ok());
  EXPECT_EQ(set.mode(), av1::CLOCK_MODE_SIMULATED);
  EXPECT_GE(events::FromTimestamp(set.now()), target);
  EXPECT_LT(events::FromTimestamp(set.now()), target + Millis{5'000});
  EXPECT_TRUE(testing::Eventually([&] { return reminders.Now() >= target; }));

  av1::AdvanceTimeResponse advanced;
  ASSERT_TRUE(server.stub().AdvanceTime(ClockServer::As(kAdminToken).get(), AdvanceBy(30 * 24 * 3600), &advanced).ok());
  EXPECT_GE(events::FromTimestamp(advanced.now()), target + Days{30});
  EXPECT_TRUE(testing::Eventually([&] { return reminders.Now() >= target + Days{30}; }));

  av1::GetTimeResponse now;
  ASSERT_TRUE(server.stub().GetTime(ClockServer::As(kAdvisorToken).get(), av1::GetTimeRequest(), &now).ok());
  EXPECT_EQ(now.mode(), av1::CLOCK_MODE_SIMULATED);
  EXPECT_GE(events::FromTimestamp(now.now()), target + Days{30});
}

TEST(ClockService, OnlyAnAuthenticatedAdminMayChangeTheTime) {
  auto pool = testing::FreshRedis(kDb);
  clock::SharedSimulatedClock simulated(testing::TestEnv::Get().Redis(kDb), Millis{20});
  ClockServer server(simulated);
  const Instant before = simulated.Now();
  av1::AdvanceTimeResponse response;
  auto status = server.stub().AdvanceTime(ClockServer::As("bad").get(), AdvanceBy(3600), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  status = server.stub().AdvanceTime(ClockServer::As(kAdvisorToken).get(), AdvanceBy(3600), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
  av1::SetTimeResponse set;
  status = server.stub().SetTime(ClockServer::As("").get(), SetTo(before + Days{365}), &set);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
  EXPECT_LT(simulated.Now(), before + Millis{60'000}) << "a refused call moved the clock";
  EXPECT_EQ(pool->Acquire()->Run({"GET", clock::kSimulatedOffsetKey}).IsNil(), true);
}

TEST(ClockService, BadInputNamesTheField) {
  auto pool = testing::FreshRedis(kDb);
  clock::SharedSimulatedClock simulated(testing::TestEnv::Get().Redis(kDb), Millis{20});
  ClockServer server(simulated);
  av1::SetTimeResponse set;
  auto status = server.stub().SetTime(ClockServer::As(kAdminToken).get(), av1::SetTimeRequest(), &set);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("time:", 0), 0u) << status.error_message();
  av1::AdvanceTimeResponse advanced;
  status = server.stub().AdvanceTime(ClockServer::As(kAdminToken).get(), AdvanceBy(0), &advanced);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("by:", 0), 0u) << status.error_message();
  status =
      server.stub().AdvanceTime(ClockServer::As(kAdminToken).get(), AdvanceBy(int64_t{200} * 366 * 86400), &advanced);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST(ClockService, TheSystemClockCannotBeSet) {
  clock::SystemClock system;
  ClockServer server(system);
  av1::SetTimeResponse set;
  auto status =
      server.stub().SetTime(ClockServer::As(kAdminToken).get(), SetTo(*ParseRfc3339("2030-01-01T00:00:00Z")), &set);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "this deployment runs on the system clock");
  av1::AdvanceTimeResponse advanced;
  status = server.stub().AdvanceTime(ClockServer::As(kAdminToken).get(), AdvanceBy(3600), &advanced);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  av1::GetTimeResponse now;
  ASSERT_TRUE(server.stub().GetTime(ClockServer::As(kAdvisorToken).get(), av1::GetTimeRequest(), &now).ok());
  EXPECT_EQ(now.mode(), av1::CLOCK_MODE_SYSTEM);
  EXPECT_LT(std::abs((events::FromTimestamp(now.now()) - system.Now()).count()), 60'000);
}

}  // namespace
}  // namespace careloop
