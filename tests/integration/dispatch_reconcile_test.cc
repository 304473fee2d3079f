// Reconciliation end to end below the API: DispatchApp and the Reconciler over the Redis ledger
// (real redis-server) and the real Aliyun and Tencent adapters (senders and status queries)
// against the fake gateway served in-process over HTTP. The vendor accepts but the answer is
// lost → the send stays in flight → the reconciler finds it at the vendor → sent (and delivered)
// with exactly one vendor send; a send that died between claim and vendor call → not found →
// resent once under the same id; the in-flight record itself: written with the claim, removed by
// every settling write, leased to one reconciler at a time. Redis databases 26 and 27.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/aliyun_status_query.h"
#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/adapters/providers/tencent_status_query.h"
#include "services/dispatch/adapters/redis_in_flight.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/adapters/redis_receipt_store.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/receipts_app.h"
#include "services/dispatch/app/reconciler.h"
#include "services/dispatch/app/sms_failover.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/integration/test_env.h"
#include "tools/fake_gateway/gateway.h"
#include "tools/fake_gateway/gateway_server.h"

namespace careloop::dispatch {
namespace {

namespace gw = tools::fake_gateway;
using nlohmann::json;

constexpr Millis kMinute{60'000};
constexpr const char* kMobile = "13912345671";

class DispatchReconcileTest : public ::testing::Test {
 protected:
  DispatchReconcileTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")), stores_({Store()}) {}

  void SetUp() override {
    pool_ = testing::FreshRedis(26);
    ledger_path_ = std::filesystem::path(::testing::TempDir()) /
                   (std::string("dispatch_reconcile_") +
                    ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".jsonl");
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
    aliyun.read_timeout = std::chrono::milliseconds(300);  // the gateway holds a lost answer far longer
    adapters::TencentSmsSettings tencent;
    tencent.endpoint = endpoint;
    tencent.secret_id = "AKID-test";
    tencent.secret_key = "tencent-key";
    tencent.sdk_app_id = "1400000001";
    tencent.read_timeout = std::chrono::milliseconds(300);
    aliyun_ = std::make_unique<adapters::AliyunSmsSender>(aliyun);
    tencent_ = std::make_unique<adapters::TencentSmsSender>(tencent);
    aliyun_query_ = std::make_unique<adapters::AliyunStatusQuery>(aliyun);
    tencent_query_ = std::make_unique<adapters::TencentStatusQuery>(tencent);
    ledger_ = std::make_unique<adapters::RedisMessageLedger>(*pool_, clock_);
    in_flight_ = std::make_unique<adapters::RedisInFlightSends>(*pool_);
    receipt_store_ = std::make_unique<adapters::RedisReceiptStore>(*pool_, clock_);
    receipts_ = std::make_unique<app::ReceiptsApp>(*receipt_store_, follows_, clock_);
    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = kMobile;
    contact.plates["veh-1"] = "京A12345";
    contact.models["veh-1"] = "星途瑶光";
    directory_.contacts["cus-1"] = contact;
    policy_.retry_backoff = kMinute;
    options_.after = Millis{0};  // every send in flight is in doubt: the tests decide when a pass runs
  }

  void TearDown() override {
    server_->Stop();  // wakes the requests whose answer the gateway is holding
    std::filesystem::remove(ledger_path_);
  }

  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }

  /// DispatchApp sending through `primary` first (the other vendor second).
  app::DispatchApp App(const std::string& primary) {
    app::SmsSender& first = primary == "tencent" ? static_cast<app::SmsSender&>(*tencent_) : *aliyun_;
    app::SmsSender* second = primary == "tencent" ? static_cast<app::SmsSender*>(aliyun_.get()) : tencent_.get();
    failover_ = std::make_unique<app::SmsFailover>(first, second, clock_, domain::BreakerSettings{5, kMinute});
    return app::DispatchApp(*ledger_, directory_, causes_, *failover_, clock_, stores_, domain::DefaultTemplates(),
                            policy_);
  }

  app::Reconciler Reconciler() {
    app::Reconciler reconciler(*in_flight_, *ledger_, directory_, clock_, wall_clock_, policy_, options_);
    reconciler.AddStatusQuery(*aliyun_query_);
    reconciler.AddStatusQuery(*tencent_query_);
    reconciler.UseReceipts(*receipts_);
    return reconciler;
  }

  static domain::SendRequest Due(const std::string& reminder_id) {
    return {reminder_id, 1, domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}};
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

  long long InFlightCount() {
    auto connection = pool_->Acquire();
    return connection->Run({"ZCARD", adapters::keys::kInFlight}).Integer() +
           connection->Run({"ZCARD", adapters::keys::kInFlightLeases}).Integer();
  }

  clock::ManualClock clock_;
  const clock::SystemClock wall_clock_;
  config::StoreCatalog stores_;
  std::unique_ptr<redis::Pool> pool_;
  std::filesystem::path ledger_path_;
  std::unique_ptr<gw::Gateway> gateway_;
  std::unique_ptr<gw::GatewayServer> server_;
  int port_ = 0;
  std::unique_ptr<adapters::AliyunSmsSender> aliyun_;
  std::unique_ptr<adapters::TencentSmsSender> tencent_;
  std::unique_ptr<adapters::AliyunStatusQuery> aliyun_query_;
  std::unique_ptr<adapters::TencentStatusQuery> tencent_query_;
  std::unique_ptr<app::SmsFailover> failover_;
  std::unique_ptr<adapters::RedisMessageLedger> ledger_;
  std::unique_ptr<adapters::RedisInFlightSends> in_flight_;
  std::unique_ptr<adapters::RedisReceiptStore> receipt_store_;
  std::unique_ptr<app::ReceiptsApp> receipts_;
  app::UnhandledFollowEvents follows_;
  testing::FakeContactDirectory directory_;
  testing::FakeCauseCheck causes_;
  app::DispatchPolicy policy_;
  app::ReconcileOptions options_;
};

TEST_F(DispatchReconcileTest, AliyunAcceptedButTheAnswerWasLostIsFoundAndRecordedSentOnce) {
  Control({{"mode", "lose"}, {"vendor", "aliyun"}, {"phone", kMobile}, {"count", 1}, {"delay_ms", 20'000}});
  app::DispatchApp app = App("aliyun");
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kRetrying);
  const std::string id = domain::MessageIdFor("rem-1", 1, "sms");
  auto message = ledger_->Find(id);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->status, domain::MessageStatus::kQueued);
  ASSERT_EQ(message->attempt_log.size(), 1u);
  EXPECT_EQ(message->attempt_log[0].fault, domain::VendorFault::kUnknown);
  EXPECT_EQ(InFlightCount(), 1);
  // Nothing resends it meanwhile: not the deferred worker, not a replay of the reminder.
  clock_.Advance(10 * kMinute);
  EXPECT_EQ(app.DeliverDeferred(), 0);
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kDuplicate);

  app::Reconciler reconciler = Reconciler();
  EXPECT_EQ(reconciler.Reconcile(id), domain::ReconcileVerdict::kSent);
  message = ledger_->Find(id);
  EXPECT_EQ(message->status, domain::MessageStatus::kDelivered);  // the gateway reports it delivered
  EXPECT_EQ(message->provider, "aliyun");
  EXPECT_EQ(message->attempt_log[0].fault, domain::VendorFault::kNone);
  EXPECT_EQ(InFlightCount(), 0);
  EXPECT_EQ(OutboxCount("MessageSent"), 1);
  EXPECT_EQ(OutboxCount("MessageDelivered"), 1);
  EXPECT_GE(gateway_->Stats().status_queries, 1);
  EXPECT_EQ(reconciler.RunOnce(), 0);  // nothing left in flight
  EXPECT_EQ(Accepted(), (std::vector<std::pair<std::string, std::string>>{{"aliyun", id}}));
}

TEST_F(DispatchReconcileTest, TencentAcceptedButTheAnswerWasLostIsFoundByItsStatusPull) {
  Control({{"mode", "lose"}, {"vendor", "tencent"}, {"count", 1}, {"delay_ms", 20'000}});
  app::DispatchApp app = App("tencent");
  EXPECT_EQ(app.Process(Due("rem-2")).value(), app::Outcome::kRetrying);
  const std::string id = domain::MessageIdFor("rem-2", 1, "sms");
  EXPECT_EQ(InFlightCount(), 1);

  app::Reconciler reconciler = Reconciler();
  EXPECT_EQ(reconciler.RunOnce(), 1);
  const auto message = ledger_->Find(id);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->status, domain::MessageStatus::kDelivered);
  EXPECT_EQ(message->provider, "tencent");
  EXPECT_FALSE(message->provider_message_id.empty());  // Tencent's SerialNo, found by SessionContext
  EXPECT_EQ(InFlightCount(), 0);
  EXPECT_EQ(OutboxCount("MessageSent"), 1);
  EXPECT_EQ(Accepted(), (std::vector<std::pair<std::string, std::string>>{{"tencent", id}}));
}

TEST_F(DispatchReconcileTest, ASendKilledBetweenClaimAndVendorCallIsNotFoundAndResentOnce) {
  // What SendStep writes up to the vendor call; then the process died.
  const domain::SendRequest cause = Due("rem-3");
  domain::Message message;
  message.message_id = domain::MessageIdFor("rem-3", 1, "sms");
  message.customer_id = "cus-1";
  message.store_id = "S001";
  message.provider = "aliyun";
  message.cause_id = "rem-3";
  message.created_at = clock_.Now();
  ASSERT_TRUE(ledger_->Claim(message, cause));
  app::DispatchApp app = App("aliyun");
  EXPECT_EQ(app.Process(cause).value(), app::Outcome::kDuplicate);  // claimed: nobody else sends it

  app::Reconciler reconciler = Reconciler();
  EXPECT_EQ(reconciler.RunOnce(), 1);  // the next pass, instead of claimed forever
  auto stored = ledger_->Find(message.message_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, domain::MessageStatus::kQueued);
  EXPECT_EQ(stored->attempt_log.back().code, "not_at_vendor");
  EXPECT_EQ(InFlightCount(), 0);
  EXPECT_TRUE(Accepted().empty());

  clock_.Advance(kMinute);
  EXPECT_EQ(app.DeliverDeferred(), 1);
  stored = ledger_->Find(message.message_id);
  EXPECT_EQ(stored->status, domain::MessageStatus::kSent);
  EXPECT_EQ(OutboxCount("MessageSent"), 1);
  EXPECT_EQ(reconciler.RunOnce(), 0);
  // One vendor send under our id. The resend counts as a transient failure of the vendor the send
  // was meant for, so with failover_after 1 it goes to the other one.
  const auto accepted = Accepted();
  ASSERT_EQ(accepted.size(), 1u);
  EXPECT_EQ(accepted[0].second, message.message_id);
  EXPECT_EQ(accepted[0].first, stored->provider);
}

TEST_F(DispatchReconcileTest, TheGatewayLosesOnlyTheAnswerItWasToldTo) {
  // The second send to the number loses its answer; the first and a send to another number do not.
  Control({{"mode", "lose"}, {"phone", "+86" + std::string(kMobile)}, {"skip", 1}, {"count", 1}, {"delay_ms", 20'000}});
  domain::Contact other = directory_.contacts["cus-1"];
  other.customer_id = "cus-2";
  other.mobile = "13912345672";
  directory_.contacts["cus-2"] = other;
  app::DispatchApp app = App("aliyun");
  EXPECT_EQ(app.Process(Due("rem-4")).value(), app::Outcome::kSent);
  domain::SendRequest to_other = Due("rem-5");
  to_other.customer_id = "cus-2";
  EXPECT_EQ(app.Process(to_other).value(), app::Outcome::kSent);
  EXPECT_EQ(app.Process(Due("rem-6")).value(), app::Outcome::kRetrying);  // the lost one
  EXPECT_EQ(app.Process(Due("rem-7")).value(), app::Outcome::kSent);      // count 1: over
  EXPECT_EQ(InFlightCount(), 1);
  EXPECT_EQ(Accepted().size(), 4u);  // the lost one was accepted all the same
}

TEST_F(DispatchReconcileTest, ASendFiledUnderAnotherIdIsFoundByIt) {
  // A batch sender files many sends under one call id (OutId); it names that id in flight.
  const domain::SendRequest cause = Due("rem-8");
  domain::Message message;
  message.message_id = domain::MessageIdFor("rem-8", 1, "sms");
  message.customer_id = "cus-1";
  message.store_id = "S001";
  message.provider = "aliyun";
  message.cause_id = "rem-8";
  ASSERT_TRUE(ledger_->Claim(message, cause));
  in_flight_->NoteFiledAs(message.message_id, "smsb-test-1");
  app::OutboundSms sms;
  sms.message_id = "smsb-test-1";  // the vendor files it under the call's id
  sms.phone = kMobile;
  sms.sign_name = "星途汽车朝阳店";
  sms.template_code = "SMS_1001";
  ASSERT_TRUE(aliyun_->Send(sms).accepted);  // and then the process died

  app::Reconciler reconciler = Reconciler();
  EXPECT_EQ(reconciler.Reconcile(message.message_id), domain::ReconcileVerdict::kSent);
  EXPECT_EQ(InFlightCount(), 0);
  EXPECT_EQ(OutboxCount("MessageSent"), 1);
  EXPECT_EQ(Accepted(), (std::vector<std::pair<std::string, std::string>>{{"aliyun", "smsb-test-1"}}));
}

// --- the in-flight record ---------------------------------------------------------------------------

class InFlightRecordTest : public ::testing::Test {
 protected:
  InFlightRecordTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")) {}
  void SetUp() override {
    pool_ = testing::FreshRedis(27);
    ledger_ = std::make_unique<adapters::RedisMessageLedger>(*pool_, clock_);
    in_flight_ = std::make_unique<adapters::RedisInFlightSends>(*pool_);
  }

  domain::Message Message(const std::string& id) const {
    domain::Message message;
    message.message_id = id;
    message.customer_id = "cus-1";
    message.store_id = "S001";
    message.provider = "aliyun";
    message.created_at = clock_.Now();
    message.sent_at = clock_.Now();
    return message;
  }

  static domain::SendRequest Cause(const std::string& id) {
    return {id, 1, domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}};
  }

  clock::ManualClock clock_;
  std::unique_ptr<redis::Pool> pool_;
  std::unique_ptr<adapters::RedisMessageLedger> ledger_;
  std::unique_ptr<adapters::RedisInFlightSends> in_flight_;
};

TEST_F(InFlightRecordTest, TheClaimWritesItAndEverySettlingWriteRemovesIt) {
  for (const std::string id : {"m-sent", "m-failed", "m-retry", "m-kept"}) {
    ASSERT_TRUE(ledger_->Claim(Message(id), Cause("rem-" + id)));
  }
  EXPECT_FALSE(ledger_->Claim(Message("m-sent"), Cause("rem-m-sent")));  // one claim per id
  const auto found = in_flight_->Find("m-retry");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->message.customer_id, "cus-1");
  EXPECT_EQ(found->cause.cause_id, "rem-m-retry");
  EXPECT_GT(found->claimed_at, Instant{});
  ledger_->RecordSent(Message("m-sent"));
  ledger_->RecordFailed(Message("m-failed"));
  auto retry = Message("m-retry");
  retry.not_before = clock_.Now() + Millis{60'000};
  ledger_->Retry(retry, Cause("rem-m-retry"));
  auto kept = Message("m-kept");
  kept.attempt_log.push_back({"sms", "aliyun", clock_.Now(), domain::VendorFault::kUnknown, "transport", "Read", ""});
  ledger_->AwaitReconcile(kept);  // a lost answer stays in flight, with its attempt
  EXPECT_FALSE(in_flight_->Find("m-sent"));
  EXPECT_FALSE(in_flight_->Find("m-failed"));
  EXPECT_FALSE(in_flight_->Find("m-retry"));
  const auto still = in_flight_->Find("m-kept");
  ASSERT_TRUE(still);
  ASSERT_EQ(still->message.attempt_log.size(), 1u);
  EXPECT_EQ(still->message.attempt_log[0].fault, domain::VendorFault::kUnknown);
  EXPECT_EQ(in_flight_->ClaimStale(Millis{0}, Millis{60'000}, 10), std::vector<std::string>{"m-kept"});
}

TEST_F(InFlightRecordTest, OneReconcilerAtATimeAndASettledSendIsNotPutBack) {
  ASSERT_TRUE(ledger_->Claim(Message("m-1"), Cause("rem-1")));
  EXPECT_TRUE(in_flight_->ClaimStale(Millis{3'600'000}, Millis{60'000}, 10).empty());  // not an hour old
  EXPECT_EQ(in_flight_->ClaimStale(Millis{0}, Millis{60'000}, 10), std::vector<std::string>{"m-1"});
  EXPECT_TRUE(in_flight_->ClaimStale(Millis{0}, Millis{60'000}, 10).empty());  // leased to the first
  in_flight_->AskLater("m-1");
  EXPECT_EQ(in_flight_->ClaimStale(Millis{0}, Millis{60'000}, 10), std::vector<std::string>{"m-1"});
  ledger_->RecordSent(Message("m-1"));
  in_flight_->AskLater("m-1");  // a reconciler that lost the race: nothing comes back
  EXPECT_TRUE(in_flight_->ClaimStale(Millis{0}, Millis{60'000}, 10).empty());
  EXPECT_FALSE(in_flight_->Find("m-1"));
}

}  // namespace
}  // namespace careloop::dispatch
