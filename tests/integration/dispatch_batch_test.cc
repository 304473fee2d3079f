// Campaign batch sends below the API: DispatchApp and CampaignBatches over the Redis ledger, the
// Redis batch queue and batch records (real redis-server), the real Aliyun and Tencent adapters'
// batch APIs against the fake gateway served in-process, and the gateway's receipts pushed to the
// receipt endpoint over HTTP. 250 greetings → 3 Aliyun SendBatchSms calls (or 2 Tencent SendSms),
// one message and one MessageSent per customer; a replay sends nothing more; a throttled batch is
// deferred as a whole then sent once; a bad number fails alone; receipts of a batch land on each
// number's message; routine reminders still go singly. Redis database 28.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/adapters/receipt_http_server.h"
#include "services/dispatch/adapters/redis_batch_queue.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/adapters/redis_receipt_store.h"
#include "services/dispatch/app/campaign_batches.h"
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

constexpr int kDb = 28;
constexpr Millis kMinute{60'000};

std::string Mobile(int i) {
  return std::to_string(13900000000LL + i);
}

class DispatchBatchRedisTest : public ::testing::Test {
 protected:
  DispatchBatchRedisTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")), stores_({Store()}) {}

  void SetUp() override {
    pool_ = testing::FreshRedis(kDb);
    ledger_path_ =
        std::filesystem::path(::testing::TempDir()) /
        (std::string("dispatch_batch_") + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".jsonl");
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
    queue_ = std::make_unique<adapters::RedisBatchQueue>(*pool_);
    records_ = std::make_unique<adapters::RedisBatchRecords>(*pool_);
    for (int i = 0; i < 250; ++i) {
      domain::Contact contact;
      contact.customer_id = "cus-" + std::to_string(i);
      contact.store_id = "S001";
      contact.name = "王小明";
      contact.gender = 1;
      contact.mobile = Mobile(i);
      directory_.contacts[contact.customer_id] = contact;
    }
    app_ = std::make_unique<app::DispatchApp>(*ledger_, directory_, causes_, *failover_, clock_, stores_,
                                              domain::DefaultTemplates(), app::DispatchPolicy{});
    app_->UseBatches(*queue_);
    receipt_store_ = std::make_unique<adapters::RedisReceiptStore>(*pool_, clock_);
    receipts_ = std::make_unique<app::ReceiptsApp>(*receipt_store_, follows_, clock_);
    routes_ =
        std::make_unique<adapters::ReceiptRoutes>(*receipts_, adapters::ReceiptSecrets{"tok-ali", "tok-tc", "tok-wx"});
    receipt_server_ = std::make_unique<adapters::ReceiptHttpServer>(*routes_);
    receipt_port_ = receipt_server_->Start("127.0.0.1:0");
  }

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

  /// The batch worker over the vendors' batch APIs, primary first.
  app::CampaignBatches Batches(std::vector<app::SmsBatchSender*> vendors) {
    return app::CampaignBatches(*app_, *queue_, directory_, *records_, std::move(vendors), clock_,
                                app::BatchOptions{500, kMinute});
  }

  static domain::SendRequest Greeting(int i) {
    return {"rem-" + std::to_string(i),
            1,
            domain::CareKind::kHolidayGreeting,
            "cus-" + std::to_string(i),
            "S001",
            "",
            {2026, 11, 22}};
  }
  static std::string SmsId(int i) { return domain::MessageIdFor("rem-" + std::to_string(i), 1, "sms"); }

  void QueueGreetings(int count) {
    for (int i = 0; i < count; ++i) {
      ASSERT_EQ(app_->Process(Greeting(i)).value(), app::Outcome::kQueued) << i;
    }
  }

  void Control(const json& body) {
    httplib::Client client("127.0.0.1", port_);
    const auto result = client.Post("/_control", body.dump(), "application/json");
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
  }

  /// The numbers the gateway accepted (each number of a batch is its own send), by vendor.
  std::multiset<std::string> AcceptedNumbers(const std::string& vendor) const {
    std::multiset<std::string> numbers;
    for (const auto& line : gateway_->LedgerEntries()) {
      if (line["provider"] == vendor) {
        numbers.insert(line["phone"].get<std::string>());
      }
    }
    return numbers;
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

  domain::MessageStatus StatusOf(const std::string& id) { return ledger_->Find(id)->status; }

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
  std::unique_ptr<adapters::RedisBatchQueue> queue_;
  std::unique_ptr<adapters::RedisBatchRecords> records_;
  testing::FakeContactDirectory directory_;
  testing::FakeCauseCheck causes_;
  std::unique_ptr<app::DispatchApp> app_;
  app::UnhandledFollowEvents follows_;
  std::unique_ptr<adapters::RedisReceiptStore> receipt_store_;
  std::unique_ptr<app::ReceiptsApp> receipts_;
  std::unique_ptr<adapters::ReceiptRoutes> routes_;
  std::unique_ptr<adapters::ReceiptHttpServer> receipt_server_;
  int receipt_port_ = 0;
};

TEST_F(DispatchBatchRedisTest, TwoHundredFiftyGreetingsAreThreeAliyunBatchCallsOneMessageEach) {
  QueueGreetings(250);
  EXPECT_EQ(gateway_->Stats().send_requests, 0);
  app::CampaignBatches batches = Batches({aliyun_.get()});
  const app::BatchPass pass = batches.RunOnce();
  EXPECT_EQ(pass.requests, 250);
  EXPECT_EQ(pass.vendor_calls, 3);
  EXPECT_EQ(pass.sent, 250);
  EXPECT_EQ(gateway_->Stats().send_requests, 3);
  const auto numbers = AcceptedNumbers("aliyun");
  EXPECT_EQ(numbers.size(), 250U);
  EXPECT_EQ(std::set<std::string>(numbers.begin(), numbers.end()).size(), 250U);  // every customer once
  EXPECT_EQ(OutboxCount("MessageSent"), 250);
  for (int i = 0; i < 250; ++i) {
    EXPECT_EQ(StatusOf(SmsId(i)), domain::MessageStatus::kSent) << i;
  }

  // A replay of the reminders is queued again (nothing is read before the queue) and sends
  // nothing more, and neither does a request queued again by hand.
  for (int i = 0; i < 250; ++i) {
    EXPECT_EQ(app_->Process(Greeting(i)).value(), app::Outcome::kQueued) << i;
    queue_->Enqueue(SmsId(i), Greeting(i), clock_.Now());
  }
  const app::BatchPass replay = batches.RunOnce();
  EXPECT_EQ(replay.requests, 250);
  EXPECT_EQ(replay.sent, 0);
  EXPECT_EQ(gateway_->Stats().send_requests, 3);
  EXPECT_EQ(OutboxCount("MessageSent"), 250);
  EXPECT_TRUE(batches.RunOnce().requests == 0);
}

TEST_F(DispatchBatchRedisTest, InFourLanesEachGreetingIsSentOnceInThreeCalls) {
  QueueGreetings(250);
  app::CampaignBatches batches(*app_, *queue_, directory_, *records_, {aliyun_.get()}, clock_,
                               app::BatchOptions{500, kMinute, 4});
  batches.UseCauses(causes_);  // asked once, before the lanes
  const app::BatchPass pass = batches.RunOnce();
  EXPECT_EQ(pass.requests, 250);
  EXPECT_EQ(pass.retry_later, 0);
  EXPECT_EQ(pass.vendor_calls, 3);
  EXPECT_EQ(pass.sent, 250);
  const auto numbers = AcceptedNumbers("aliyun");
  ASSERT_EQ(numbers.size(), 250U);
  for (int i = 0; i < 250; ++i) {
    EXPECT_EQ(numbers.count(Mobile(i)), 1U) << i;
    EXPECT_EQ(StatusOf(SmsId(i)), domain::MessageStatus::kSent) << i;
  }
  EXPECT_EQ(OutboxCount("MessageSent"), 250);
  // Replayed: the lanes find every plan settled and send nothing more.
  QueueGreetings(250);
  EXPECT_EQ(batches.RunOnce().sent, 0);
  EXPECT_EQ(gateway_->Stats().send_requests, 3);
  EXPECT_EQ(OutboxCount("MessageSent"), 250);
}

TEST_F(DispatchBatchRedisTest, TencentTakesTheSameGreetingsInTwoCalls) {
  QueueGreetings(250);
  app::CampaignBatches batches = Batches({tencent_.get()});
  EXPECT_EQ(batches.RunOnce().sent, 250);
  EXPECT_EQ(gateway_->Stats().send_requests, 2);  // 200 + 50 numbers: the same text to each
  EXPECT_EQ(AcceptedNumbers("tencent").size(), 250U);
  EXPECT_EQ(OutboxCount("MessageSent"), 250);
  EXPECT_EQ(ledger_->Find(SmsId(3))->provider, "tencent");
  EXPECT_FALSE(ledger_->Find(SmsId(3))->provider_message_id.empty());  // its own SerialNo
}

TEST_F(DispatchBatchRedisTest, AThrottledBatchIsDeferredAsAWholeThenSentOnce) {
  Control({{"mode", "throttle"}, {"vendor", "aliyun"}, {"count", 1}});
  QueueGreetings(3);
  app::CampaignBatches batches = Batches({aliyun_.get()});
  EXPECT_EQ(batches.RunOnce().sent, 0);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(StatusOf(SmsId(i)), domain::MessageStatus::kDeferred) << i;
  }
  EXPECT_TRUE(AcceptedNumbers("aliyun").empty());
  clock_.Advance(kMinute);  // "触发分钟级流控"
  EXPECT_EQ(app_->DeliverDeferred(), 3);
  EXPECT_EQ(batches.RunOnce().sent, 3);
  EXPECT_EQ(gateway_->Stats().send_requests, 2);
  EXPECT_EQ(AcceptedNumbers("aliyun").size(), 3U);
  EXPECT_EQ(OutboxCount("MessageSent"), 3);
}

TEST_F(DispatchBatchRedisTest, ABadNumberFailsOnlyItsOwnMessageAtEitherVendor) {
  directory_.contacts["cus-1"].mobile = "12";  // not a number either vendor takes
  directory_.contacts["cus-5"].mobile = "13";
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(app_->Process(Greeting(i)).value(), app::Outcome::kQueued);
  }
  EXPECT_EQ(Batches({aliyun_.get()}).RunOnce().sent, 3);
  EXPECT_EQ(StatusOf(SmsId(1)), domain::MessageStatus::kFailed);
  EXPECT_EQ(ledger_->Find(SmsId(1))->attempt_log.back().code, "isv.MOBILE_NUMBER_ILLEGAL");
  for (int i : {4, 5, 6}) {
    ASSERT_EQ(app_->Process(Greeting(i)).value(), app::Outcome::kQueued);
  }
  EXPECT_EQ(Batches({tencent_.get()}).RunOnce().sent, 2);
  EXPECT_EQ(StatusOf(SmsId(5)), domain::MessageStatus::kFailed);
  EXPECT_EQ(AcceptedNumbers("aliyun").size() + AcceptedNumbers("tencent").size(), 5U);
  EXPECT_EQ(OutboxCount("MessageSent"), 5);
  for (int i : {0, 2, 3, 4, 6}) {
    EXPECT_EQ(StatusOf(SmsId(i)), domain::MessageStatus::kSent) << i;
  }
}

TEST_F(DispatchBatchRedisTest, ReceiptsOfABatchLandOnEachNumbersMessage) {
  const std::string base = "http://127.0.0.1:" + std::to_string(receipt_port_);
  Control(
      {{"receipts", {{"mode", "on_time"}, {"aliyun_url", base + "/receipts/aliyun"}, {"aliyun_token", "tok-ali"}}}});
  QueueGreetings(3);
  app::CampaignBatches batches = Batches({aliyun_.get()});
  EXPECT_EQ(batches.RunOnce().sent, 3);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(testing::Eventually([&] { return StatusOf(SmsId(i)) == domain::MessageStatus::kDelivered; })) << i;
  }
  EXPECT_EQ(OutboxCount("MessageDelivered"), 3);
}

TEST_F(DispatchBatchRedisTest, AQueuedRequestSurvivesARestart) {
  QueueGreetings(5);
  // A new process: new queue and worker objects over the same Redis.
  adapters::RedisBatchQueue queue(*pool_);
  app::CampaignBatches batches(*app_, queue, directory_, *records_, {aliyun_.get()}, clock_, {});
  EXPECT_EQ(batches.RunOnce().sent, 5);
  EXPECT_EQ(AcceptedNumbers("aliyun").size(), 5U);
}

TEST_F(DispatchBatchRedisTest, RoutineRemindersStillGoSingly) {
  const domain::SendRequest birthday{"rem-b", 1, domain::CareKind::kBirthday, "cus-1", "S001", "", {2026, 11, 22}};
  EXPECT_EQ(app_->Process(birthday).value(), app::Outcome::kSent);
  EXPECT_EQ(gateway_->Stats().send_requests, 1);
  const auto lines = gateway_->LedgerEntries();
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0]["correlation_id"], domain::MessageIdFor("rem-b", 1, "sms"));  // SendSms, OutId our id
  app::CampaignBatches batches = Batches({aliyun_.get()});
  EXPECT_EQ(batches.RunOnce().requests, 0);
}

}  // namespace
}  // namespace careloop::dispatch
