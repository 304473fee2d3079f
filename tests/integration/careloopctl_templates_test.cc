// careloopctl's template and policy commands run in this process against the dispatch service's
// API served over gRPC on a real redis-server (database 21): template set/list/preview, policy
// get/set, and the bad input each refuses naming the field — an unknown placeholder, another
// store's template or policy, a cap of zero, a zero-length quiet window, an unknown kind or channel.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/adapters/redis_policy_store.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/integration/careloopctl_run.h"
#include "tests/integration/customers_fixture.h"

namespace careloop {
namespace {

constexpr int kDb = 21;

using testing::CtlRun;
namespace dv1 = careloop::dispatch::v1;

class CareloopctlTemplatesTest : public ::testing::Test {
 protected:
  CareloopctlTemplatesTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"},
                 {"S002", "星途汽车上海浦东店", "星途汽车浦东店", "Asia/Shanghai", "021-55556666"}}),
        authenticator_({testing::Token("admin", "admin", {"*"}), testing::Token("mgr1", "manager", {"S001"})}),
        ledger_(*pool_, clock_),
        template_store_(*pool_),
        policy_store_(*pool_),
        paused_(*pool_),
        app_(ledger_, directory_, causes_, sms_, clock_, stores_, dispatch::domain::DefaultTemplates(), {}),
        templates_(template_store_, directory_, clock_, stores_, dispatch::domain::DefaultTemplates()),
        policies_(policy_store_, paused_, clock_, stores_, dispatch::app::DispatchPolicy{}),
        api_(app_, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}) {
    api_.UsePolicies(templates_, policies_);
    dispatch::domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "韩梅梅";
    contact.gender = 2;
    contact.mobile = "13912345678";
    contact.plates["veh-1"] = "京A12345";
    contact.models["veh-1"] = "星途揽月";
    directory_.contacts["cus-1"] = contact;
  }
  ~CareloopctlTemplatesTest() override { server_.Shutdown(std::chrono::milliseconds(100)); }

  std::string Address() const { return "127.0.0.1:" + std::to_string(server_.port()); }

  CtlRun Ctl(std::vector<std::string> args, const std::string& token = "mgr1") {
    args.insert(args.begin(), {"--dispatch-addr", Address(), "--token", token});
    return testing::RunCtl([](CLI::App& app, ctl::Session& session) { ctl::AddTemplateCommands(app, session); }, args);
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  auth::TokenAuthenticator authenticator_;
  metrics::Registry metrics_;
  testing::FakeContactDirectory directory_;
  testing::FakeCauseCheck causes_;
  testing::FakeSmsSender sms_;
  dispatch::adapters::RedisMessageLedger ledger_;
  dispatch::adapters::RedisTemplateStore template_store_;
  dispatch::adapters::RedisContactPolicyStore policy_store_;
  dispatch::adapters::RedisPausedCustomers paused_;
  dispatch::app::DispatchApp app_;
  dispatch::app::TemplatesApp templates_;
  dispatch::app::ContactPolicyApp policies_;
  dispatch::adapters::DispatchApi api_;
  grpcx::Server server_;
};

TEST_F(CareloopctlTemplatesTest, TemplateSetListAndPreviewForARealCustomer) {
  const CtlRun set = Ctl({"template", "set", "--store", "S001", "--kind", "birthday", "--body",
                          "${name}您好，祝您生日快乐！", "--code", "SMS_S001_BDAY", "--json"});
  ASSERT_EQ(set.code, 0) << set.err;
  EXPECT_EQ(set.Json()["body"], "${name}您好，祝您生日快乐！回T退订");  // marketing: the opt-out line added
  EXPECT_EQ(set.Json()["template_id"], "tpl-S001-sms-birthday");

  const CtlRun listed = Ctl({"template", "list", "--store", "S001", "--kind", "birthday"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_NE(listed.out.find("SMS_S001_BDAY"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("SMS_CL_BIRTHDAY_LUNAR"), std::string::npos) << listed.out;  // group default
  EXPECT_EQ(listed.out.find("SMS_CL_BIRTHDAY "), std::string::npos) << listed.out;       // overridden

  const CtlRun preview = Ctl({"template", "preview", "--store", "S001", "--kind", "birthday", "--customer", "cus-1"});
  ASSERT_EQ(preview.code, 0) << preview.err;
  EXPECT_NE(preview.out.find("【星途汽车朝阳店】韩女士您好，祝您生日快乐！回T退订"), std::string::npos) << preview.out;
  EXPECT_TRUE(sms_.sent.empty());
  EXPECT_TRUE(ledger_.ListByCustomer("cus-1", 10).empty());  // nothing written
}

TEST_F(CareloopctlTemplatesTest, BadTemplatesAreRefusedNamingTheField) {
  const CtlRun unknown = Ctl({"template", "set", "--store", "S001", "--kind", "birthday", "--body",
                              "${name}您好，送您${coupon}", "--code", "SMS_X"});
  EXPECT_NE(unknown.code, 0);
  EXPECT_NE(unknown.err.find("message_template.body"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("${coupon}"), std::string::npos) << unknown.err;

  const CtlRun other =
      Ctl({"template", "set", "--store", "S002", "--kind", "birthday", "--body", "${name}您好", "--code", "SMS_X"});
  EXPECT_NE(other.code, 0);
  EXPECT_NE(other.err.find("PERMISSION_DENIED"), std::string::npos) << other.err;
  EXPECT_TRUE(template_store_.ListByStore("S002").empty());

  // An unknown kind or a channel without templates, straight through the API.
  auto stub = dv1::DispatchService::NewStub(grpc::CreateChannel(Address(), grpc::InsecureChannelCredentials()));
  const auto upsert = [&](int kind, careloop::common::v1::Channel channel) {
    grpc::ClientContext context;
    grpcx::AddBearer(context, "admin");
    dv1::UpsertTemplateRequest request;
    request.mutable_message_template()->set_store_id("S001");
    request.mutable_message_template()->set_kind(static_cast<careloop::reminder::v1::ReminderKind>(kind));
    request.mutable_message_template()->set_channel(channel);
    request.mutable_message_template()->set_body("${name}");
    request.mutable_message_template()->set_provider_template_code("SMS_X");
    dv1::UpsertTemplateResponse response;
    return stub->UpsertTemplate(&context, request, &response);
  };
  const grpc::Status bad_kind = upsert(999, careloop::common::v1::CHANNEL_SMS);
  EXPECT_EQ(bad_kind.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad_kind.error_message().find("message_template.kind"), std::string::npos) << bad_kind.error_message();
  const grpc::Status bad_channel =
      upsert(careloop::reminder::v1::REMINDER_KIND_BIRTHDAY, careloop::common::v1::CHANNEL_PHONE_CALL);
  EXPECT_EQ(bad_channel.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad_channel.error_message().find("message_template.channel"), std::string::npos)
      << bad_channel.error_message();
}

TEST_F(CareloopctlTemplatesTest, PolicySetChangesOnlyTheGivenOptions) {
  const CtlRun before = Ctl({"contact-policy", "get", "--store", "S001"});
  ASSERT_EQ(before.code, 0) << before.err;
  EXPECT_NE(before.out.find("21:00-08:00"), std::string::npos) << before.out;

  const CtlRun set = Ctl({"contact-policy", "set", "--store", "S001", "--max-marketing-per-day", "1", "--same-day",
                          "defer", "--critical-quiet", "23:00-07:00", "--json"});
  ASSERT_EQ(set.code, 0) << set.err;
  EXPECT_EQ(set.Json()["max_marketing_per_day"], 1);
  EXPECT_EQ(set.Json()["max_marketing_per_week"], 3);  // kept
  EXPECT_EQ(set.Json()["same_day_rule"], "SAME_DAY_RULE_DEFER");

  const CtlRun got = Ctl({"contact-policy", "get", "--store", "S001"});
  ASSERT_EQ(got.code, 0) << got.err;
  EXPECT_NE(got.out.find("1/day, 3/week"), std::string::npos) << got.out;
  EXPECT_NE(got.out.find("23:00-07:00"), std::string::npos) << got.out;
  EXPECT_EQ(policies_.PolicyOf("S002").max_marketing_per_day, 3);  // another store is untouched
}

TEST_F(CareloopctlTemplatesTest, BadPolicyChangesAreRefusedNamingTheField) {
  const CtlRun zero = Ctl({"contact-policy", "set", "--store", "S001", "--max-marketing-per-week", "0"});
  EXPECT_NE(zero.code, 0);
  EXPECT_NE(zero.err.find("policy.max_marketing_per_week"), std::string::npos) << zero.err;

  const CtlRun empty = Ctl({"contact-policy", "set", "--store", "S001", "--marketing-quiet", "21:00-21:00"});
  EXPECT_NE(empty.code, 0);
  EXPECT_NE(empty.err.find("policy.marketing_quiet_hours"), std::string::npos) << empty.err;

  const CtlRun other = Ctl({"contact-policy", "set", "--store", "S002", "--max-care-per-day", "1"});
  EXPECT_NE(other.code, 0);
  EXPECT_NE(other.err.find("PERMISSION_DENIED"), std::string::npos) << other.err;
  const CtlRun read_other = Ctl({"contact-policy", "get", "--store", "S002"});
  EXPECT_NE(read_other.err.find("PERMISSION_DENIED"), std::string::npos) << read_other.err;
  EXPECT_FALSE(policy_store_.Find("S001").has_value());  // nothing saved
  EXPECT_FALSE(policy_store_.Find("S002").has_value());
}

}  // namespace
}  // namespace careloop
