#pragma once

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "common/base/ids.h"
#include "common/base/time.h"
#include "common/clock/clock.h"
#include "common/grpc/server.h"
#include "services/customers/adapters/grpc_api.h"
#include "services/customers/adapters/national_id_cipher.h"
#include "services/customers/adapters/redis_customer_repository.h"
#include "tests/integration/test_env.h"

namespace careloop::testing {

/// The stores' time zone.
inline const TimeZone& Shanghai() {
  static const TimeZone zone("Asia/Shanghai");
  return zone;
}

/// A bearer token as the service configures it: stored as its SHA-256 digest.
inline config::TokenSettings Token(const std::string& token, const std::string& role, std::vector<std::string> stores) {
  return {role + "-" + token, Sha256Hex(token), role, std::move(stores)};
}

/// The customers service served inside the test process: a real gRPC server on a free loopback
/// port over the real Redis repository (database `redis_db`, emptied first), and a stub on an
/// in-process channel to it. The clock is manual, at 10:00 Shanghai time on 2026-11-22. Stores
/// S001 (朝阳店) and S002 (浦东店). Bearer tokens: "admin" (every store), "adv1", "mgr1",
/// "clerk1" (S001), "adv2", "mgr2" (S002), "svc" (a service identity, every store) and "svc1" (a
/// service identity of S001 only).
class CustomersServerFixture : public ::testing::Test {
 protected:
  /// With `national_id_key` (64 hex characters) national IDs are encrypted at rest with it;
  /// without one the repository refuses records that carry a national ID.
  explicit CustomersServerFixture(int redis_db, std::string_view national_id_key = {})
      : pool_(FreshRedis(redis_db)),
        clock_(Shanghai().At(Date{2026, 11, 22}, TimeOfDay{10 * 60})),
        stores_({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""},
                 {"S002", "浦东店", "星途汽车浦东店", "Asia/Shanghai", ""}}),
        authenticator_({Token("admin", "admin", {"*"}), Token("adv1", "advisor", {"S001"}),
                        Token("adv2", "advisor", {"S002"}), Token("mgr1", "manager", {"S001"}),
                        Token("mgr2", "manager", {"S002"}), Token("clerk1", "clerk", {"S001"}),
                        Token("svc", "service", {"*"}), Token("svc1", "service", {"S001"})}),
        cipher_(national_id_key.empty() ? nullptr
                                        : std::make_unique<customers::adapters::NationalIdCipher>(national_id_key)),
        redis_store_(*pool_, clock_, cipher_.get()),
        app_(redis_store_.ports(), clock_, stores_),
        api_(app_, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}),
        stub_(customer::v1::CustomersService::NewStub(
            grpc::CreateChannel("127.0.0.1:" + std::to_string(server_.port()), grpc::InsecureChannelCredentials()))) {}

  ~CustomersServerFixture() override { server_.Shutdown(std::chrono::milliseconds(100)); }

  /// Calls `method` of the stub (e.g. `&pb::CustomersService::Stub::GetCustomer`) as `token`.
  template <typename Request, typename Response, typename Method>
  grpc::Status Call(const std::string& token, Method method, const Request& request, Response* response) {
    grpc::ClientContext context;
    grpcx::AddBearer(context, token);
    return ((*stub_).*method)(&context, request, response);
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  auth::TokenAuthenticator authenticator_;
  metrics::Registry metrics_;
  std::unique_ptr<customers::adapters::NationalIdCipher> cipher_;
  customers::adapters::RedisCustomerStore redis_store_;  ///< the four Redis adapters behind the app
  customers::app::CustomersApp app_;
  customers::adapters::CustomersApi api_;
  grpcx::Server server_;
  std::unique_ptr<customer::v1::CustomersService::Stub> stub_;
};

}  // namespace careloop::testing
