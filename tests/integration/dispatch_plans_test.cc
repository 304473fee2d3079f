// Channel plans on a real redis-server (database 24) with the real WeChat and Aliyun adapters
// against the fake gateway served in-process: the plan store, follow state and fallback timers,
// and the WeChat-first plan falling back to SMS — for an openid that does not follow the account,
// and when no delivery receipt comes in time — once, replays included.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/wechat_template_sender.h"
#include "services/dispatch/adapters/redis_channel_plan_store.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/app/channel_plans_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/plan_executor.h"
#include "services/dispatch/app/wechat_follows.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/integration/test_env.h"
#include "tools/fake_gateway/gateway.h"
#include "tools/fake_gateway/gateway_server.h"

namespace careloop::dispatch {
namespace {

constexpr int kDb = 24;
namespace gw = tools::fake_gateway;
using nlohmann::json;

constexpr char kOpenid[] = "oPlanTest0000000000000001";

class DispatchPlansTest : public ::testing::Test {
 protected:
  DispatchPlansTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")),
        stores_({Store()}),
        ledger_(*pool_, clock_),
        store_(*pool_) {
    ledger_path_ = std::filesystem::path(::testing::TempDir()) / "dispatch_plans_gateway.jsonl";
    std::filesystem::remove(ledger_path_);
    gw::Credentials credentials;
    credentials.aliyun = {"LTAI-plan-test", "aliyun-secret"};
    credentials.wechat = {"wx-plan-test", "wechat-secret"};
    gateway_ = std::make_unique<gw::Gateway>(credentials, std::vector<gw::MessageTemplate>{}, ledger_path_.string());
    server_ = std::make_unique<gw::GatewayServer>(*gateway_);
    port_ = server_->Start("127.0.0.1", 0);
    const std::string endpoint = "http://127.0.0.1:" + std::to_string(port_);
    adapters::AliyunSmsSettings aliyun;
    aliyun.endpoint = endpoint;
    aliyun.access_key_id = "LTAI-plan-test";
    aliyun.access_key_secret = "aliyun-secret";
    sms_ = std::make_unique<adapters::AliyunSmsSender>(aliyun);
    adapters::WeChatSettings wechat;
    wechat.endpoint = endpoint;
    wechat.appid = "wx-plan-test";
    wechat.secret = "wechat-secret";
    wechat_ = std::make_unique<adapters::WeChatTemplateSender>(wechat);

    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "赵敏";
    contact.mobile = "13644400001";
    contact.gender = 2;
    contact.wechat_openid = kOpenid;
    contact.plates["veh-1"] = "京C12345";
    contact.models["veh-1"] = "星途瑶光";
    directory_.contacts["cus-1"] = contact;
    app_ = std::make_unique<app::DispatchApp>(ledger_, directory_, causes_, *sms_, clock_, stores_,
                                              domain::DefaultTemplates(), app::DispatchPolicy{});
    app_->UseWeChat(*wechat_, follows_, domain::DefaultWeChatTemplates());
    app_->UsePlans(executor_);
  }

  ~DispatchPlansTest() override {
    server_->Stop();
    std::filesystem::remove(ledger_path_);
  }

  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }

  static domain::SendRequest Due() {
    return {"rem-plan-1", 1, domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}};
  }

  void Control(const json& body) {
    httplib::Client client("127.0.0.1", port_);
    const auto result = client.Post("/_control", body.dump(), "application/json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
  }

  std::vector<json> Accepted() const {
    std::vector<json> lines;
    std::ifstream in(ledger_path_);
    std::string line;
    while (std::getline(in, line)) {
      lines.push_back(json::parse(line));
    }
    return lines;
  }

  domain::MessageStatus StatusOf(const char* channel) {
    const auto message = ledger_.Find(domain::MessageIdFor("rem-plan-1", 1, channel));
    EXPECT_TRUE(message.has_value()) << channel;
    return message ? message->status : domain::MessageStatus::kQueued;
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  adapters::RedisMessageLedger ledger_;
  adapters::RedisChannelPlanStore store_;
  std::filesystem::path ledger_path_;
  std::unique_ptr<gw::Gateway> gateway_;
  std::unique_ptr<gw::GatewayServer> server_;
  int port_ = 0;
  std::unique_ptr<adapters::AliyunSmsSender> sms_;
  std::unique_ptr<adapters::WeChatTemplateSender> wechat_;
  careloop::testing::FakeContactDirectory directory_;
  careloop::testing::FakeCauseCheck causes_;
  app::ChannelPlansApp plans_{store_, clock_, stores_};
  app::WeChatFollows follows_{store_, clock_};
  app::PlanExecutor executor_{plans_, ledger_, store_, clock_};
  std::unique_ptr<app::DispatchApp> app_;
  auth::Principal admin_{"admin", auth::Role::kAdmin, {}, true};
};

TEST_F(DispatchPlansTest, AnOpenidThatDoesNotFollowGetsTheSmsOnceThroughTheGateway) {
  Control({{"wechat_unfollow", {kOpenid}}});
  auto outcome = app_->Process(Due());
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.value(), app::Outcome::kSent);
  EXPECT_EQ(StatusOf("wechat"), domain::MessageStatus::kFailed);
  EXPECT_EQ(StatusOf("sms"), domain::MessageStatus::kSent);
  EXPECT_NE(ledger_.Find(domain::MessageIdFor("rem-plan-1", 1, "wechat"))->failure_reason.find("wechat_43004"),
            std::string::npos);
  // A replay of the reminder, and the fallback checks, send nothing more.
  EXPECT_EQ(app_->Process(Due()).value(), app::Outcome::kDuplicate);
  clock_.Advance(Days{3});
  (void)executor_.CheckFallbacks(*app_);
  const auto accepted = Accepted();
  ASSERT_EQ(accepted.size(), 1u);
  EXPECT_EQ(accepted[0]["provider"], "aliyun");
  EXPECT_EQ(accepted[0]["correlation_id"], domain::MessageIdFor("rem-plan-1", 1, "sms"));
}

TEST_F(DispatchPlansTest, NoReceiptInTimeFallsBackToSmsAfterTheStoresWait) {
  ASSERT_TRUE(plans_
                  .Upsert(admin_, {"s001-fast",
                                   "S001",
                                   "微信优先（30分钟）",
                                   {{domain::StepChannel::kWeChat, 30}, {domain::StepChannel::kSms, 0}},
                                   {"first_maintenance"}})
                  .ok());
  ASSERT_EQ(app_->Process(Due()).value(), app::Outcome::kSent);
  EXPECT_EQ(StatusOf("wechat"), domain::MessageStatus::kSent);
  ASSERT_EQ(Accepted().size(), 1u);
  EXPECT_EQ(Accepted()[0]["provider"], "wechat");
  EXPECT_EQ(Accepted()[0]["params"]["car_number2"], "京C12345");
  clock_.Advance(Millis{29 * 60'000});
  EXPECT_EQ(executor_.CheckFallbacks(*app_), 0);
  clock_.Advance(Millis{60'000});
  EXPECT_EQ(executor_.CheckFallbacks(*app_), 1);
  EXPECT_EQ(StatusOf("sms"), domain::MessageStatus::kSent);
  EXPECT_EQ(ledger_.Find(domain::MessageIdFor("rem-plan-1", 1, "sms"))->channel_plan_id, "s001-fast");
  EXPECT_EQ(executor_.CheckFallbacks(*app_), 0);
  EXPECT_EQ(Accepted().size(), 2u);
}

TEST_F(DispatchPlansTest, TheStoreKeepsPlansFollowsAndRearmedChecks) {
  domain::ChannelPlan plan{"p1", "S001", "短信", {{domain::StepChannel::kSms, 0}}, {"birthday"}};
  plan.updated_at = clock_.Now();
  store_.Save({plan});
  const auto listed = store_.List("S001");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].kinds, std::vector<std::string>{"birthday"});
  EXPECT_EQ(listed[0].updated_at, clock_.Now());
  EXPECT_TRUE(store_.List("").empty());

  const Instant at = clock_.Now();
  EXPECT_FALSE(store_.Follows(kOpenid).has_value());
  EXPECT_TRUE(store_.Record(kOpenid, false, at, "evt-1"));
  EXPECT_FALSE(store_.Record(kOpenid, true, at + Millis{1}, "evt-1"));  // the same push again
  EXPECT_FALSE(store_.Record(kOpenid, true, at - Millis{1}, "evt-0"));  // older than what is known
  EXPECT_EQ(store_.Follows(kOpenid), std::optional(false));
  EXPECT_TRUE(store_.Record(kOpenid, true, at + Millis{1}, "evt-2"));
  EXPECT_EQ(store_.Follows(kOpenid), std::optional(true));

  store_.Schedule("msg-x", Due(), at);
  ASSERT_EQ(store_.ClaimDue(at, Millis{60'000}, 10), std::vector<std::string>{"msg-x"});
  store_.Schedule("msg-x", Due(), at + Millis{1000});  // armed again while claimed
  store_.Done("msg-x");
  ASSERT_TRUE(store_.Cause("msg-x").has_value());
  EXPECT_EQ(store_.Cause("msg-x")->cause_id, "rem-plan-1");
  EXPECT_TRUE(store_.ClaimDue(at, Millis{60'000}, 10).empty());
  ASSERT_EQ(store_.ClaimDue(at + Millis{1000}, Millis{60'000}, 10), std::vector<std::string>{"msg-x"});
  store_.Done("msg-x");
  EXPECT_FALSE(store_.Cause("msg-x").has_value());
}

}  // namespace
}  // namespace careloop::dispatch
