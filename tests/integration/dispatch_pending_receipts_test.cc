// A delivery receipt that races the send's answer (Tencent and WeChat name only their own id,
// learnt from that answer), against a real redis-server: the receipt is kept (expiring) and
// applied when the send is recorded, once; an unknown one expires having changed nothing.
// Redis database 30.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/adapters/redis_pending_receipts.h"
#include "services/dispatch/adapters/redis_receipt_store.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/receipts_app.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/integration/test_env.h"

namespace careloop::dispatch {
namespace {

constexpr int kDb = 30;
constexpr Millis kKeepFor{600'000};

/// A Tencent SMS sender whose delivery report reaches our endpoint before its answer to the send
/// reaches us: the receipt is handed to the receipts use case first, then the send is answered.
class RacingTencent final : public app::SmsSender {
 public:
  explicit RacingTencent(app::ReceiptsApp& receipts) : receipts_(receipts) {}
  [[nodiscard]] std::string_view Provider() const override { return "tencent"; }
  [[nodiscard]] app::SendOutcome Send(const app::OutboundSms& sms) override {
    const std::string sid = "2640:" + sms.message_id;
    receipt_answer = receipts_.Receive(domain::DeliveryReceipt{"tencent", "", sid, true, "DELIVRD", "", Instant{}});
    app::SendOutcome outcome;
    outcome.accepted = true;
    outcome.provider_message_id = sid;
    return outcome;
  }
  Result<app::ReceiptsApp::Handled> receipt_answer = Error{ErrorCode::kInternal, "", "no receipt yet"};

 private:
  app::ReceiptsApp& receipts_;
};

class PendingReceiptsRedisTest : public ::testing::Test {
 protected:
  PendingReceiptsRedisTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")), stores_({Store()}) {}

  void SetUp() override {
    pool_ = testing::FreshRedis(kDb);
    ledger_ = std::make_unique<adapters::RedisMessageLedger>(*pool_, clock_);
    receipt_store_ = std::make_unique<adapters::RedisReceiptStore>(*pool_, clock_);
    pending_ = std::make_unique<adapters::RedisPendingReceipts>(*pool_, kKeepFor);
    receipts_ = std::make_unique<app::ReceiptsApp>(*receipt_store_, follows_, clock_);
    receipts_->UsePendingReceipts(*pending_);
    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = "13912345678";
    contact.plates["veh-1"] = "京A12345";
    contact.models["veh-1"] = "星途瑶光";
    directory_.contacts["cus-1"] = contact;
  }

  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }

  long long Exists(const std::string& key) { return pool_->Acquire()->Run({"EXISTS", key}).Integer(); }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  std::unique_ptr<redis::Pool> pool_;
  std::unique_ptr<adapters::RedisMessageLedger> ledger_;
  std::unique_ptr<adapters::RedisReceiptStore> receipt_store_;
  std::unique_ptr<adapters::RedisPendingReceipts> pending_;
  std::unique_ptr<app::ReceiptsApp> receipts_;
  app::UnhandledFollowEvents follows_;
  careloop::testing::FakeContactDirectory directory_;
  careloop::testing::FakeCauseCheck causes_;
};

TEST_F(PendingReceiptsRedisTest, AReceiptBeforeTheSendsAnswerMakesTheMessageDeliveredOnce) {
  RacingTencent tencent(*receipts_);
  app::DispatchApp app(*ledger_, directory_, causes_, tencent, clock_, stores_, domain::DefaultTemplates(),
                       app::DispatchPolicy{});
  app.UseSendRecorded(*receipts_);
  const domain::SendRequest due{"rem-1",      1, domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1",
                                {2026, 12, 3}};
  ASSERT_EQ(app.Process(due).value(), app::Outcome::kSent);

  ASSERT_TRUE(tencent.receipt_answer.ok());
  EXPECT_FALSE(tencent.receipt_answer->matched);  // answered as received, kept
  const std::string id = domain::MessageIdFor("rem-1", 1, "sms");
  const auto message = ledger_->Find(id);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->status, domain::MessageStatus::kDelivered);
  EXPECT_EQ(message->receipt_code, "DELIVRD");
  EXPECT_EQ(Exists(adapters::keys::Receipt(id)), 1);                              // recorded once
  EXPECT_EQ(Exists(adapters::keys::PendingReceipt("tencent", "2640:" + id)), 0);  // taken
  // Tencent pushes it again: already known, nothing written.
  const auto again =
      receipts_->Receive(domain::DeliveryReceipt{"tencent", "", "2640:" + id, true, "DELIVRD", "", Instant{}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->effect, domain::ReceiptEffect::kAlreadyKnown);
  EXPECT_EQ(Exists(adapters::keys::PendingReceipt("tencent", "2640:" + id)), 0);
}

TEST_F(PendingReceiptsRedisTest, AnUnknownReceiptIsKeptOnlyForAWhileAndChangesNothing) {
  const auto handled =
      receipts_->Receive(domain::DeliveryReceipt{"wechat", "", "200999", false, "failed:user block", "", Instant{}});
  ASSERT_TRUE(handled.ok());
  EXPECT_FALSE(handled->matched);
  const long long ttl = pool_->Acquire()->Run({"PTTL", adapters::keys::PendingReceipt("wechat", "200999")}).Integer();
  EXPECT_GT(ttl, 0);
  EXPECT_LE(ttl, kKeepFor.count());
  EXPECT_EQ(pool_->Acquire()->Run({"KEYS", "cl:disp:m:*"}).Size(), 0u);  // no message written
  // Taken once, as it was pushed.
  const auto taken = pending_->Take("wechat", "200999");
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status_code, "failed:user block");
  EXPECT_FALSE(taken->delivered);
  EXPECT_FALSE(pending_->Take("wechat", "200999"));
}

TEST(PendingReceiptEncoding, RoundTripsEveryFieldAndRefusesGarbage) {
  const domain::DeliveryReceipt receipt{
      "tencent", "", "2640:1", true, "DELIVRD", "用户短信送达成功", *ParseRfc3339("2026-11-22T10:00:07+08:00")};
  const auto back = adapters::DecodePendingReceipt(adapters::EncodePendingReceipt(receipt));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->vendor, "tencent");
  EXPECT_EQ(back->provider_message_id, "2640:1");
  EXPECT_TRUE(back->delivered);
  EXPECT_EQ(back->status_code, "DELIVRD");
  EXPECT_EQ(back->reason, "用户短信送达成功");
  EXPECT_EQ(back->at, receipt.at);
  EXPECT_FALSE(adapters::DecodePendingReceipt("not a receipt"));
}

}  // namespace
}  // namespace careloop::dispatch
