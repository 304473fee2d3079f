// Vendor trouble end to end below the API: DispatchApp over the Redis ledger (real redis-server)
// and the real Aliyun and Tencent adapters behind SmsFailover, against the fake gateway served
// in-process. Throttle → deferred then sent once; outage → failover; bad number → failed at once;
// an open breaker sends straight to the other vendor; the gateway's receipts, pushed to the receipt
// endpoint over HTTP, make messages delivered (on time, late), and a forged one is refused.
// Redis database 22.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/adapters/receipt_http_server.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/adapters/redis_receipt_store.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/receipts_app.h"
#include "services/dispatch/app/sms_failover.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/integration/test_env.h"
#include "tools/fake_gateway/gateway.h"
#include "tools/fake_gateway/gateway_server.h"

namespace careloop::dispatch {
namespace {

namespace gw = tools::fake_gateway;
using nlohmann::json;

constexpr int kDb = 22;
constexpr Millis kMinute{60'000};

class DispatchVendorsRedisTest : public ::testing::Test {
 protected:
  DispatchVendorsRedisTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")), stores_({Store()}) {}

  void SetUp() override {
    pool_ = testing::FreshRedis(kDb);
    ledger_path_ =
        std::filesystem::path(::testing::TempDir()) /
        (std::string("dispatch_vendors_") + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".jsonl");
    std::filesystem::remove(ledger_path_);
    gw::Credentials credentials;
    credentials.aliyun = {"LTAI-test-key", "aliyun-secret"};
    credentials.tencent = {"AKID-test", "tencent-key", "1400000001"};
    gateway_ = std::make_unique<gw::Gateway>(credentials, std::vector<gw::MessageTemplate>{}, ledger_path_.string());
    server_ = std::make_unique<gw::GatewayServer>(*gateway_);
    port_ = server_->Start("127.0.0.1", 0);
    const std::string endpoint = "http://127.0.0.1:" + std::to_string(port_);
    adapters::AliyunSmsSettings aliyun;
    aliyun.endpoint = endpoint;
    aliyun.access_key_id = "LTAI-test-key";
    aliyun.access_key_secret = "aliyun-secret";
    adapters::TencentSmsSettings tencent;
    tencent.endpoint = endpoint;
    tencent.secret_id = "AKID-test";
    tencent.secret_key = "tencent-key";
    tencent.sdk_app_id = "1400000001";
    aliyun_ = std::make_unique<adapters::AliyunSmsSender>(aliyun);
    tencent_ = std::make_unique<adapters::TencentSmsSender>(tencent);
    failover_ =
        std::make_unique<app::SmsFailover>(*aliyun_, tencent_.get(), clock_, domain::BreakerSettings{2, kMinute});
    ledger_ = std::make_unique<adapters::RedisMessageLedger>(*pool_, clock_);
    for (const std::string id : {"cus-1", "cus-2", "cus-3"}) {
      domain::Contact contact;
      contact.customer_id = id;
      contact.store_id = "S001";
      contact.name = "王小明";
      contact.mobile = "1391234567" + id.substr(4);
      contact.plates["veh-1"] = "京A12345";
      contact.models["veh-1"] = "星途瑶光";
      directory_.contacts[id] = contact;
    }
    policy_.max_attempts = 3;
    policy_.retry_backoff = kMinute;
    receipt_store_ = std::make_unique<adapters::RedisReceiptStore>(*pool_, clock_);
    receipts_ = std::make_unique<app::ReceiptsApp>(*receipt_store_, follows_, clock_);
    routes_ =
        std::make_unique<adapters::ReceiptRoutes>(*receipts_, adapters::ReceiptSecrets{"tok-ali", "tok-tc", "tok-wx"});
    receipt_server_ = std::make_unique<adapters::ReceiptHttpServer>(*routes_);
    receipt_port_ = receipt_server_->Start("127.0.0.1:0");
  }

  /// Tells the gateway to push receipts to our endpoint, `mode` for every number.
  void Receipts(const std::string& mode, int delay_ms = 0) {
    const std::string base = "http://127.0.0.1:" + std::to_string(receipt_port_);
    Control({{"receipts",
              {{"mode", mode},
               {"delay_ms", delay_ms},
               {"aliyun_url", base + "/receipts/aliyun"},
               {"tencent_url", base + "/receipts/tencent"},
               {"aliyun_token", "tok-ali"},
               {"tencent_token", "tok-tc"}}}});
  }

  domain::MessageStatus StatusOf(const std::string& id) { return ledger_->Find(id)->status; }

  void TearDown() override {
    server_->Stop();
    receipt_server_->Stop();
    std::filesystem::remove(ledger_path_);
  }

  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }

  app::DispatchApp App() {
    return app::DispatchApp(*ledger_, directory_, causes_, *failover_, clock_, stores_, domain::DefaultTemplates(),
                            policy_);
  }

  static domain::SendRequest Due(const std::string& reminder_id, const std::string& customer = "cus-1") {
    return {reminder_id, 1, domain::CareKind::kFirstMaintenance, customer, "S001", "veh-1", {2026, 12, 3}};
  }

  void Control(const json& body) {
    httplib::Client client("127.0.0.1", port_);
    const auto result = client.Post("/_control", body.dump(), "application/json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
  }

  /// What the gateway accepted, by vendor and our correlation id.
  std::vector<std::pair<std::string, std::string>> Accepted() const {
    std::vector<std::pair<std::string, std::string>> accepted;
    for (const auto& line : gateway_->LedgerEntries()) {
      accepted.emplace_back(line["provider"].get<std::string>(), line["correlation_id"].get<std::string>());
    }
    return accepted;
  }

  /// How many outbox events have a type naming `type` ("MessageSent").
  int OutboxCount(const std::string& type) {
    auto connection = pool_->Acquire();
    const redis::Reply entries = connection->Run({"XRANGE", adapters::keys::kOutbox, "-", "+"});
    int count = 0;
    for (size_t i = 0; i < entries.Size(); ++i) {
      const redisReply* fields = entries.Element(i)->element[1];
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        if (redis::ElementStr(fields->element[f]) == "type" &&
            redis::ElementStr(fields->element[f + 1]).find(type) != std::string_view::npos) {
          ++count;
        }
      }
    }
    return count;
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  std::unique_ptr<redis::Pool> pool_;
  std::filesystem::path ledger_path_;
  std::unique_ptr<gw::Gateway> gateway_;
  std::unique_ptr<gw::GatewayServer> server_;
  int port_ = 0;
  std::unique_ptr<adapters::AliyunSmsSender> aliyun_;
  std::unique_ptr<adapters::TencentSmsSender> tencent_;
  std::unique_ptr<app::SmsFailover> failover_;
  std::unique_ptr<adapters::RedisMessageLedger> ledger_;
  testing::FakeContactDirectory directory_;
  testing::FakeCauseCheck causes_;
  app::DispatchPolicy policy_;
  app::UnhandledFollowEvents follows_;
  std::unique_ptr<adapters::RedisReceiptStore> receipt_store_;
  std::unique_ptr<app::ReceiptsApp> receipts_;
  std::unique_ptr<adapters::ReceiptRoutes> routes_;
  std::unique_ptr<adapters::ReceiptHttpServer> receipt_server_;
  int receipt_port_ = 0;
};

TEST_F(DispatchVendorsRedisTest, AThrottledSendIsDeferredForTheVendorsMinuteThenSentOnce) {
  Control({{"mode", "throttle"}, {"vendor", "aliyun"}, {"count", 1}});
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kDeferred);
  const std::string id = domain::MessageIdFor("rem-1", 1, "sms");
  auto message = ledger_->Find(id);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->status, domain::MessageStatus::kDeferred);
  EXPECT_EQ(message->not_before, clock_.Now() + kMinute);  // "触发分钟级流控"
  EXPECT_TRUE(Accepted().empty());

  clock_.Advance(Millis{59'000});
  EXPECT_EQ(app.DeliverDeferred(), 0);
  clock_.Advance(Millis{1'000});
  EXPECT_EQ(app.DeliverDeferred(), 1);
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kDuplicate);  // a replay
  EXPECT_EQ(Accepted(), (std::vector<std::pair<std::string, std::string>>{{"aliyun", id}}));
  message = ledger_->Find(id);
  EXPECT_EQ(message->status, domain::MessageStatus::kSent);
  ASSERT_EQ(message->attempt_log.size(), 2u);
  EXPECT_EQ(message->attempt_log[0].fault, domain::VendorFault::kThrottled);
  EXPECT_EQ(message->attempt_log[0].code, "isv.BUSINESS_LIMIT_CONTROL");
  EXPECT_EQ(message->attempt_log[1].fault, domain::VendorFault::kNone);
  EXPECT_EQ(OutboxCount("MessageSent"), 1);
}

TEST_F(DispatchVendorsRedisTest, AnOutageOfThePrimaryFailsOverToTheSecondaryWithTheSameMessageId) {
  Control({{"mode", "error"}, {"vendor", "aliyun"}});
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kRetrying);
  clock_.Advance(kMinute);
  EXPECT_EQ(app.DeliverDeferred(), 1);
  const std::string id = domain::MessageIdFor("rem-1", 1, "sms");
  EXPECT_EQ(Accepted(), (std::vector<std::pair<std::string, std::string>>{{"tencent", id}}));
  const auto message = ledger_->Find(id);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->status, domain::MessageStatus::kSent);
  EXPECT_EQ(message->provider, "tencent");
  ASSERT_EQ(message->attempt_log.size(), 2u);
  EXPECT_EQ(message->attempt_log[0].vendor, "aliyun");
  EXPECT_EQ(message->attempt_log[0].code, "http_503");
  EXPECT_EQ(message->attempt_log[1].vendor, "tencent");
  EXPECT_EQ(message->attempt_log[1].provider_message_id, message->provider_message_id);
  EXPECT_EQ(OutboxCount("MessageSent"), 1);
}

TEST_F(DispatchVendorsRedisTest, AnOpenBreakerSendsNewMessagesStraightToTheOtherVendor) {
  Control({{"mode", "error"}, {"vendor", "aliyun"}});
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1", "cus-1")).value(), app::Outcome::kRetrying);
  EXPECT_EQ(app.Process(Due("rem-2", "cus-2")).value(), app::Outcome::kRetrying);
  EXPECT_EQ(failover_->StateOf("aliyun"), domain::BreakerState::kOpen);
  EXPECT_EQ(app.Process(Due("rem-3", "cus-3")).value(), app::Outcome::kSent);
  const auto third = ledger_->Find(domain::MessageIdFor("rem-3", 1, "sms"));
  ASSERT_EQ(third->attempt_log.size(), 1u);
  EXPECT_EQ(third->attempt_log[0].vendor, "tencent");
  EXPECT_EQ(gateway_->Stats().send_requests, 3);  // aliyun was not asked a third time
}

TEST_F(DispatchVendorsRedisTest, ABadNumberFailsAtOnceWithTheVendorsReasonAndIsNotRetried) {
  directory_.contacts["cus-1"].mobile = "1234";
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kFailed);
  const auto message = ledger_->Find(domain::MessageIdFor("rem-1", 1, "sms"));
  ASSERT_TRUE(message);
  EXPECT_EQ(message->status, domain::MessageStatus::kFailed);
  EXPECT_EQ(message->failure_reason.rfind("isv.MOBILE_NUMBER_ILLEGAL: ", 0), 0u) << message->failure_reason;
  clock_.Advance(std::chrono::hours{1});
  EXPECT_EQ(app.DeliverDeferred(), 0);
  EXPECT_EQ(gateway_->Stats().send_requests, 0);  // refused before it counted as a send
  EXPECT_TRUE(Accepted().empty());
  EXPECT_EQ(OutboxCount("MessageFailed"), 1);
}

TEST_F(DispatchVendorsRedisTest, AnOnTimeReceiptMakesTheMessageDeliveredWithOneEvent) {
  Receipts("on_time");
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kSent);
  const std::string id = domain::MessageIdFor("rem-1", 1, "sms");
  ASSERT_TRUE(testing::Eventually([&] { return StatusOf(id) == domain::MessageStatus::kDelivered; }));
  const auto message = ledger_->Find(id);
  EXPECT_EQ(message->receipt_code, "DELIVERED");
  EXPECT_NE(message->delivered_at, Instant{});
  EXPECT_EQ(OutboxCount("MessageDelivered"), 1);
}

TEST_F(DispatchVendorsRedisTest, ATencentReceiptFindsTheMessageByItsSerialNoAfterFailover) {
  Receipts("on_time");
  Control({{"mode", "error"}, {"vendor", "aliyun"}});
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kRetrying);
  clock_.Advance(kMinute);
  EXPECT_EQ(app.DeliverDeferred(), 1);
  const std::string id = domain::MessageIdFor("rem-1", 1, "sms");
  ASSERT_TRUE(testing::Eventually([&] { return StatusOf(id) == domain::MessageStatus::kDelivered; }));
  EXPECT_EQ(ledger_->Find(id)->receipt_code, "DELIVRD");
}

TEST_F(DispatchVendorsRedisTest, ALateReceiptArrivesLaterAndAForgedOneIsRefused) {
  directory_.contacts["cus-2"].mobile = "13900000002";
  Receipts("late", 300);
  Control({{"receipts", {{"mode", "forged"}, {"phone", "13900000002"}}}});
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1", "cus-1")).value(), app::Outcome::kSent);
  EXPECT_EQ(app.Process(Due("rem-2", "cus-2")).value(), app::Outcome::kSent);
  const std::string late = domain::MessageIdFor("rem-1", 1, "sms");
  const std::string forged = domain::MessageIdFor("rem-2", 1, "sms");
  // The forged receipt was pushed (and refused) long before the late one arrives.
  ASSERT_TRUE(testing::Eventually([&] { return gateway_->Stats().receipts_pushed >= 1; }));
  EXPECT_EQ(StatusOf(forged), domain::MessageStatus::kSent);
  ASSERT_TRUE(testing::Eventually([&] { return StatusOf(late) == domain::MessageStatus::kDelivered; }));
  EXPECT_EQ(gateway_->Stats().receipts_pushed, 2);
  EXPECT_EQ(StatusOf(forged), domain::MessageStatus::kSent);  // nothing written for the forgery
  EXPECT_EQ(OutboxCount("MessageDelivered"), 1);
}

TEST_F(DispatchVendorsRedisTest, NoReceiptLeavesTheMessageSentAndAFailedOneFailsIt) {
  Receipts("never");
  Control({{"receipts", {{"mode", "failed"}, {"phone", "13912345672"}}}});
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1", "cus-1")).value(), app::Outcome::kSent);
  EXPECT_EQ(app.Process(Due("rem-2", "cus-2")).value(), app::Outcome::kSent);
  const std::string undelivered = domain::MessageIdFor("rem-2", 1, "sms");
  ASSERT_TRUE(testing::Eventually([&] { return StatusOf(undelivered) == domain::MessageStatus::kFailed; }));
  EXPECT_EQ(ledger_->Find(undelivered)->failure_reason, "MK:0001: 空号");
  EXPECT_EQ(gateway_->Stats().receipts_pushed, 1);  // none for the other message
  EXPECT_EQ(StatusOf(domain::MessageIdFor("rem-1", 1, "sms")), domain::MessageStatus::kSent);
}

}  // namespace
}  // namespace careloop::dispatch
