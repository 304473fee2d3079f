// careloopctl's plan commands run in this process against the dispatch service served over gRPC
// on a real redis-server (database 25): plan set (a bad plan refused naming the field, another
// store's plan refused), plan list as a table and --json, and a WeChat unfollow pushed through
// ReceiveInbound (SUBSCRIPTION) recorded once.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/redis_channel_plan_store.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/integration/careloopctl_staff_fixture.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/session.h"

namespace careloop {
namespace {

constexpr int kDb = 25;

using testing::CtlRun;

class CareloopctlPlansTest : public ::testing::Test {
 protected:
  CareloopctlPlansTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(testing::NovemberFirstMorning()),
        stores_(testing::TwoStores()),
        authenticator_(testing::StaffOfS001()),
        ledger_(*pool_, clock_),
        store_(*pool_),
        app_(ledger_, directory_, causes_, sms_, clock_, stores_, dispatch::domain::DefaultTemplates(), {}),
        plans_(store_, clock_, stores_),
        follows_(store_, clock_),
        api_(app_, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}) {
    api_.UsePlans(plans_, follows_);
  }
  ~CareloopctlPlansTest() override { server_.Shutdown(std::chrono::milliseconds(100)); }

  CtlRun Ctl(std::vector<std::string> args, const std::string& token = "mgr1") {
    return testing::CtlAgainst("--dispatch-addr", server_.port(), token, std::move(args),
                               [](CLI::App& app, ctl::Session& session) { ctl::AddPlanCommands(app, session); });
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  auth::TokenAuthenticator authenticator_;
  metrics::Registry metrics_;
  dispatch::adapters::RedisMessageLedger ledger_;
  dispatch::adapters::RedisChannelPlanStore store_;
  careloop::testing::FakeContactDirectory directory_;
  careloop::testing::FakeCauseCheck causes_;
  careloop::testing::FakeSmsSender sms_;
  dispatch::app::DispatchApp app_;
  dispatch::app::ChannelPlansApp plans_;
  dispatch::app::WeChatFollows follows_;
  dispatch::adapters::DispatchApi api_;
  grpcx::Server server_;
};

TEST_F(CareloopctlPlansTest, PlanSetStoresTheStoresPlanAndPlanListShowsIt) {
  const CtlRun set = Ctl({"plan", "set", "--store", "S001", "--id", "s001-wx", "--name", "微信优先", "--steps",
                          "wechat:30,sms:600,call@advisor", "--kinds", "first_maintenance,birthday", "--json"});
  ASSERT_EQ(set.code, 0) << set.err;
  const auto plan = set.Json()[0];
  EXPECT_EQ(plan["channel_plan_id"], "s001-wx");
  EXPECT_EQ(plan["steps"][0]["channel"], "CHANNEL_WECHAT");
  EXPECT_EQ(plan["steps"][0]["fallback_after_minutes"], 30);
  EXPECT_EQ(plan["steps"][2]["assignee"], "TASK_ASSIGNEE_ASSIGNED_ADVISOR");
  EXPECT_EQ(plan["default_for_kinds"].size(), 2u);

  const CtlRun listed = Ctl({"plan", "list", "--store", "S001"}, "adv1");
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_NE(listed.out.find("s001-wx"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("wechat:30,sms:600,call@advisor"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("call_task"), std::string::npos) << listed.out;
  const CtlRun json = Ctl({"plan", "list", "--store", "S001", "--json"});
  ASSERT_EQ(json.code, 0) << json.err;
  EXPECT_EQ(json.Json().size(), dispatch::domain::DefaultPlans().size() + 1);
  EXPECT_EQ(store_.List("S001").size(), 1u);
}

TEST_F(CareloopctlPlansTest, BadPlansAreRefusedNamingTheFieldAndNothingIsStored) {
  const CtlRun loop = Ctl({"plan", "set", "--store", "S001", "--name", "循环", "--steps", "wechat:30,sms:30,wechat"});
  EXPECT_EQ(loop.code, 1);
  EXPECT_NE(loop.err.find("channel_plan.steps[2].channel"), std::string::npos) << loop.err;
  const CtlRun after_call = Ctl({"plan", "set", "--store", "S001", "--name", "电话后", "--steps", "call,sms"});
  EXPECT_EQ(after_call.code, 1);
  EXPECT_NE(after_call.err.find("channel_plan.steps[1].channel"), std::string::npos) << after_call.err;
  const CtlRun unknown = Ctl({"plan", "set", "--store", "S001", "--name", "邮件", "--steps", "email"});
  EXPECT_EQ(unknown.code, 2);  // a usage error: careloopctl knows the channels
  const CtlRun other_store = Ctl({"plan", "set", "--store", "S002", "--name", "短信", "--steps", "sms"});
  EXPECT_EQ(other_store.code, 1);
  EXPECT_NE(other_store.err.find("PERMISSION_DENIED"), std::string::npos) << other_store.err;
  const CtlRun advisor = Ctl({"plan", "set", "--store", "S001", "--name", "短信", "--steps", "sms"}, "adv1");
  EXPECT_EQ(advisor.code, 1);
  EXPECT_TRUE(store_.List("S001").empty());
  EXPECT_TRUE(store_.List("S002").empty());
}

TEST_F(CareloopctlPlansTest, AnUnfollowPushIsRecordedOnce) {
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(server_.port()), grpc::InsecureChannelCredentials());
  auto stub = dispatch::v1::DispatchService::NewStub(channel);
  dispatch::v1::ReceiveInboundRequest request;
  request.set_provider("wechat");
  request.set_kind(dispatch::v1::INBOUND_KIND_SUBSCRIPTION);
  request.set_channel(common::v1::CHANNEL_WECHAT);
  request.set_provider_event_id("wx-evt-1");
  request.set_sender("oUnfollow000001");
  request.set_subscribed(false);
  for (bool duplicate : {false, true}) {
    grpc::ClientContext context;
    grpcx::AddBearer(context, "svc");
    dispatch::v1::ReceiveInboundResponse response;
    const grpc::Status status = stub->ReceiveInbound(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.duplicate(), duplicate);
  }
  EXPECT_EQ(store_.Follows("oUnfollow000001"), std::optional(false));
  request.set_provider("aliyun");
  grpc::ClientContext context;
  grpcx::AddBearer(context, "svc");
  dispatch::v1::ReceiveInboundResponse response;
  const grpc::Status refused = stub->ReceiveInbound(&context, request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace careloop
