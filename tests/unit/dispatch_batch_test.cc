// Campaign batch sends (app/campaign_batches.h) over the shared dispatch fakes: a campaign SMS is
// queued instead of sent, a pass looks its customers up together, groups the ready SMS per
// vendor call and settles each message once; a throttled batch is deferred as a whole, a number
// the vendor refuses fails alone, and routine reminders keep their single sends.
#include <gtest/gtest.h>

#include <set>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/campaign_batches.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/plan_executor.h"
#include "services/dispatch/app/wechat_follows.h"
#include "tests/fakes/dispatch_batch_fakes.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/fakes/dispatch_plan_fakes.h"
#include "tests/fakes/dispatch_reconcile_fakes.h"

namespace careloop::dispatch::app {
namespace {

using careloop::testing::CountingContactDirectory;
using careloop::testing::FakeBatchQueue;
using careloop::testing::FakeBatchRecords;
using careloop::testing::FakeCauseCheck;
using careloop::testing::FakeContactDirectory;
using careloop::testing::FakeMessageLedger;
using careloop::testing::FakeSmsBatchSender;
using careloop::testing::FakeSmsSender;

std::string CustomerId(int i) {
  return "cus-" + std::to_string(i);
}

std::string Mobile(int i) {
  return std::to_string(13900000000LL + i);
}

domain::SendRequest Greeting(int i, const std::string& holiday = "mid_autumn") {
  domain::SendRequest request{
      "rem-" + std::to_string(i), 1, domain::CareKind::kHolidayGreeting, CustomerId(i), "S001", "", {2027, 9, 15}};
  request.holiday = holiday;
  return request;
}

std::string SmsId(int i) {
  return domain::MessageIdFor("rem-" + std::to_string(i), 1, "sms");
}

SendOutcome Fault(domain::VendorFault fault, std::string code) {
  SendOutcome outcome;
  outcome.retryable = fault != domain::VendorFault::kPermanent;
  outcome.fault = fault;
  outcome.error_code = std::move(code);
  return outcome;
}

class CampaignBatchesTest : public ::testing::Test {
 protected:
  CampaignBatchesTest()
      : clock_(*ParseRfc3339("2027-09-15T09:00:00+08:00")),
        stores_({Store()}),
        counting_(directory_),
        app_(ledger_, counting_, causes_, sms_, clock_, stores_, domain::DefaultTemplates(), DispatchPolicy{}) {
    for (int i = 0; i < 300; ++i) {
      domain::Contact contact;
      contact.customer_id = CustomerId(i);
      contact.store_id = "S001";
      contact.name = "王小明";
      contact.mobile = Mobile(i);
      contact.gender = 1;
      directory_.contacts[contact.customer_id] = contact;
    }
    app_.UseBatches(queue_);
  }
  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }
  CampaignBatches Batches(std::vector<SmsBatchSender*> vendors, int size = 500) {
    return CampaignBatches(app_, queue_, counting_, records_, std::move(vendors), clock_,
                           BatchOptions{size, Millis{60'000}});
  }
  void Queue(int count) {
    for (int i = 0; i < count; ++i) {
      ASSERT_EQ(app_.Process(Greeting(i)).value(), Outcome::kQueued);
    }
  }
  int Published(const std::string& type, const std::string& message_id) const {
    int n = 0;
    for (const auto& event : ledger_.published) {
      n += event.type == type && event.id == message_id ? 1 : 0;
    }
    return n;
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeMessageLedger ledger_;
  FakeContactDirectory directory_;
  CountingContactDirectory counting_;
  FakeCauseCheck causes_;
  FakeSmsSender sms_;
  FakeBatchQueue queue_;
  FakeBatchRecords records_;
  DispatchApp app_;
};

TEST_F(CampaignBatchesTest, ACampaignSmsIsQueuedOnceAndNotSentSingly) {
  EXPECT_EQ(app_.Process(Greeting(1)).value(), Outcome::kQueued);
  EXPECT_EQ(app_.Process(Greeting(1)).value(), Outcome::kQueued);  // a replay: the same entry
  EXPECT_EQ(queue_.order, std::vector<std::string>{SmsId(1)});
  EXPECT_TRUE(sms_.sent.empty());
  EXPECT_EQ(counting_.single_lookups, 0);
  EXPECT_FALSE(ledger_.Find(SmsId(1)).has_value());
}

TEST_F(CampaignBatchesTest, RoutineRemindersKeepTheirSingleSends) {
  domain::SendRequest birthday{"rem-b", 1, domain::CareKind::kBirthday, CustomerId(1), "S001", "", {2027, 9, 15}};
  EXPECT_EQ(app_.Process(birthday).value(), Outcome::kSent);
  EXPECT_EQ(sms_.sent.size(), 1U);
  EXPECT_TRUE(queue_.order.empty());
}

TEST_F(CampaignBatchesTest, TwoHundredFiftyGreetingsGoInThreeAliyunCallsEachMessageSentOnce) {
  Queue(250);
  FakeSmsBatchSender aliyun("aliyun", 100);
  CampaignBatches batches = Batches({&aliyun});
  const BatchPass pass = batches.RunOnce();
  EXPECT_EQ(pass.requests, 250);
  EXPECT_EQ(pass.sent, 250);
  ASSERT_EQ(aliyun.calls.size(), 3U);
  EXPECT_EQ(aliyun.calls[0].messages.size(), 100U);
  EXPECT_EQ(aliyun.calls[2].messages.size(), 50U);
  EXPECT_EQ(counting_.batched_lookups, 1);
  EXPECT_EQ(counting_.single_lookups, 0);
  EXPECT_TRUE(sms_.sent.empty());
  const auto numbers = aliyun.Numbers();
  EXPECT_EQ(std::set<std::string>(numbers.begin(), numbers.end()).size(), 250U);
  for (int i = 0; i < 250; ++i) {
    EXPECT_EQ(Published("MessageSent", SmsId(i)), 1) << i;
    const auto stored = ledger_.Find(SmsId(i));
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->status, domain::MessageStatus::kSent);
    EXPECT_EQ(stored->provider, "aliyun");
    EXPECT_EQ(stored->attempt_log.size(), 1U);
  }
  // Each batch's numbers are on record under its id (receipts name the batch and the number).
  EXPECT_EQ(records_.numbers.size(), 250U);
  EXPECT_EQ(records_.numbers.at({"aliyun", aliyun.calls[0].batch_id, Mobile(0)}), SmsId(0));
  EXPECT_TRUE(aliyun.calls[0].batch_id.starts_with(kBatchIdPrefix));
  EXPECT_TRUE(queue_.order.empty());

  // A replay of a sent greeting is queued again (no look-up before the queue), as is a request a
  // worker that died after sending did not forget: the pass checks them and sends nothing more.
  EXPECT_EQ(app_.Process(Greeting(7)).value(), Outcome::kQueued);
  EXPECT_EQ(queue_.order, std::vector<std::string>{SmsId(7)});
  for (int i = 0; i < 250; ++i) {
    queue_.Enqueue(SmsId(i), Greeting(i), clock_.Now());
  }
  const BatchPass replay = batches.RunOnce();
  EXPECT_EQ(replay.requests, 250);
  EXPECT_EQ(replay.sent, 0);
  EXPECT_EQ(aliyun.calls.size(), 3U);
  EXPECT_EQ(Published("MessageSent", SmsId(7)), 1);
}

TEST_F(CampaignBatchesTest, ALostBatchAnswerStaysInFlightFiledUnderTheBatchIdAndIsNotResent) {
  Queue(3);
  FakeSmsBatchSender aliyun("aliyun", 100);
  aliyun.whole_calls.push_back(testing::AnswerLost());  // the vendor may have taken the call: nobody knows
  testing::FakeInFlightSends in_flight(ledger_);
  CampaignBatches batches = Batches({&aliyun});
  batches.UseInFlight(in_flight);
  EXPECT_EQ(batches.RunOnce().sent, 0);
  ASSERT_EQ(aliyun.calls.size(), 1U);
  for (int i = 0; i < 3; ++i) {
    // The vendor files these under the batch's OutId: the reconciler asks for that id too.
    ASSERT_TRUE(ledger_.in_flight.contains(SmsId(i))) << i;
    EXPECT_EQ(ledger_.in_flight.at(SmsId(i)).also_filed_as, aliyun.calls[0].batch_id);
    EXPECT_EQ(Published("MessageSent", SmsId(i)), 0);
  }
  // A replay queues the request again, but neither the next pass nor the deferred worker calls
  // the vendor again (the claim holds): only reconciliation settles them.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(app_.Process(Greeting(i)).value(), Outcome::kQueued);
  }
  clock_.Advance(Millis{10 * 60'000});
  EXPECT_EQ(app_.DeliverDeferred(), 0);
  EXPECT_EQ(batches.RunOnce().sent, 0);
  EXPECT_EQ(aliyun.calls.size(), 1U);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(ledger_.in_flight.contains(SmsId(i))) << i;
  }
}

TEST_F(CampaignBatchesTest, MessagesOfDifferentTemplatesGoInDifferentCalls) {
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(app_.Process(Greeting(i, i % 2 == 0 ? "mid_autumn" : "national_day")).value(), Outcome::kQueued);
  }
  FakeSmsBatchSender tencent("tencent", 200);
  CampaignBatches batches = Batches({&tencent});
  const BatchPass pass = batches.RunOnce();
  EXPECT_EQ(pass.requests, 10);
  EXPECT_EQ(pass.sent, 10);
  std::set<std::string> codes;
  for (const auto& call : tencent.calls) {
    for (const auto& sms : call.messages) {
      EXPECT_EQ(sms.template_code, call.messages.front().template_code);
    }
    codes.insert(call.messages.front().template_code);
  }
  EXPECT_EQ(tencent.calls.size(), codes.size());
  EXPECT_EQ(codes.size(), 2U);
}

TEST_F(CampaignBatchesTest, ANumberTheVendorRefusesFailsAloneTheOthersAreSent) {
  Queue(5);
  FakeSmsBatchSender tencent("tencent", 200);
  tencent.per_phone[Mobile(2)] = Fault(domain::VendorFault::kPermanent, "InvalidParameterValue.IncorrectPhoneNumber");
  CampaignBatches batches = Batches({&tencent});
  const BatchPass pass = batches.RunOnce();
  EXPECT_EQ(pass.sent, 4);
  EXPECT_EQ(ledger_.Find(SmsId(2))->status, domain::MessageStatus::kFailed);
  EXPECT_EQ(Published("MessageFailed", SmsId(2)), 1);
  for (int i : {0, 1, 3, 4}) {
    EXPECT_EQ(ledger_.Find(SmsId(i))->status, domain::MessageStatus::kSent) << i;
  }
}

TEST_F(CampaignBatchesTest, AThrottledBatchIsDeferredAsAWholeThenSentOnce) {
  Queue(3);
  FakeSmsBatchSender aliyun("aliyun", 100);
  SendOutcome throttled = Fault(domain::VendorFault::kThrottled, "isv.BUSINESS_LIMIT_CONTROL");
  throttled.retry_after = Millis{60'000};
  aliyun.whole_calls.push_back(throttled);
  CampaignBatches batches = Batches({&aliyun});
  EXPECT_EQ(batches.RunOnce().sent, 0);
  for (int i = 0; i < 3; ++i) {
    const auto stored = ledger_.Find(SmsId(i));
    EXPECT_EQ(stored->status, domain::MessageStatus::kDeferred) << i;
    EXPECT_EQ(stored->not_before, clock_.Now() + Millis{60'000});
    EXPECT_EQ(Published("MessageSent", SmsId(i)), 0);
  }
  // Before the vendor's window nothing is due; after it the deferred messages queue again.
  EXPECT_EQ(app_.DeliverDeferred(), 0);
  clock_.Advance(Millis{60'000});
  EXPECT_EQ(app_.DeliverDeferred(), 3);
  EXPECT_EQ(queue_.order.size(), 3U);
  EXPECT_EQ(batches.RunOnce().sent, 3);
  ASSERT_EQ(aliyun.calls.size(), 2U);
  EXPECT_EQ(aliyun.calls[1].messages.size(), 3U);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Published("MessageSent", SmsId(i)), 1) << i;
  }
  EXPECT_TRUE(sms_.sent.empty());
}

TEST_F(CampaignBatchesTest, AnOutageAtOneVendorSendsTheRetryInTheOtherVendorsBatch) {
  Queue(2);
  FakeSmsBatchSender aliyun("aliyun", 100);
  FakeSmsBatchSender tencent("tencent", 200);
  aliyun.whole_calls.push_back(Fault(domain::VendorFault::kTransient, "ServiceUnavailable"));
  CampaignBatches batches = Batches({&aliyun, &tencent});
  EXPECT_EQ(batches.RunOnce().sent, 0);
  EXPECT_EQ(ledger_.Find(SmsId(0))->status, domain::MessageStatus::kQueued);
  clock_.Advance(DispatchPolicy{}.retry_backoff);
  EXPECT_EQ(app_.DeliverDeferred(), 2);
  EXPECT_EQ(batches.RunOnce().sent, 2);
  EXPECT_EQ(aliyun.calls.size(), 1U);
  ASSERT_EQ(tencent.calls.size(), 1U);
  EXPECT_EQ(ledger_.Find(SmsId(1))->provider, "tencent");
  EXPECT_EQ(ledger_.Find(SmsId(1))->attempt_log.size(), 2U);
}

TEST_F(CampaignBatchesTest, WithoutContactsNothingIsClaimedAndTheRequestsComeBack) {
  Queue(4);
  FakeSmsBatchSender aliyun("aliyun", 100);
  CampaignBatches batches = Batches({&aliyun});
  counting_.many_unavailable = true;
  const BatchPass pass = batches.RunOnce();
  EXPECT_EQ(pass.retry_later, 4);
  EXPECT_TRUE(aliyun.calls.empty());
  EXPECT_TRUE(ledger_.claims.empty());
  counting_.many_unavailable = false;
  queue_.ExpireLeases();
  EXPECT_EQ(batches.RunOnce().sent, 4);
}

TEST_F(CampaignBatchesTest, AnUnknownCustomerIsSuppressedWithoutAVendorCall) {
  domain::SendRequest stranger = Greeting(1);
  stranger.customer_id = "cus-nobody";
  ASSERT_EQ(app_.Process(stranger).value(), Outcome::kQueued);
  FakeSmsBatchSender aliyun("aliyun", 100);
  CampaignBatches batches = Batches({&aliyun});
  EXPECT_EQ(batches.RunOnce().requests, 1);
  EXPECT_TRUE(aliyun.calls.empty());
  EXPECT_EQ(ledger_.Find(SmsId(1))->suppression, domain::Suppression::kCustomerUnknown);
  EXPECT_EQ(counting_.single_lookups, 0);
}

TEST_F(CampaignBatchesTest, APassTakesAtMostItsSize) {
  Queue(7);
  FakeSmsBatchSender aliyun("aliyun", 100);
  CampaignBatches batches = Batches({&aliyun}, 5);
  EXPECT_EQ(batches.RunOnce().sent, 5);
  EXPECT_EQ(batches.RunOnce().sent, 2);
  EXPECT_EQ(aliyun.calls.size(), 2U);
}

// The channel plan still decides the channel: a greeting is queued whole, and the batch pass runs
// its plan; its WeChat step goes singly from the pass, its SMS step (no openid, unfollowed, or the
// fallback after no receipt) in a batch.
class CampaignBatchPlansTest : public ::testing::Test {
 protected:
  CampaignBatchPlansTest() : clock_(*ParseRfc3339("2027-09-15T09:00:00+08:00")), stores_({Store()}) {
    for (const char* id : {"cus-1", "cus-2"}) {
      domain::Contact contact;
      contact.customer_id = id;
      contact.store_id = "S001";
      contact.name = "王小明";
      contact.gender = 1;
      contact.mobile = std::string("1391234567") + id[4];
      directory_.contacts[id] = contact;
    }
    directory_.contacts["cus-1"].wechat_openid = "oAbcdefghijklmnopqrstuvwxyz";
    app_.UseWeChat(wechat_, follows_, domain::DefaultWeChatTemplates());
    app_.UsePlans(executor_);
    app_.UseBatches(queue_);
  }
  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }
  static domain::SendRequest GreetingOf(const std::string& customer) {
    domain::SendRequest request{"rem-" + customer, 1, domain::CareKind::kHolidayGreeting, customer, "S001", "",
                                {2027, 9, 15}};
    request.holiday = "mid_autumn";
    return request;
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeMessageLedger ledger_;
  FakeContactDirectory directory_;
  FakeCauseCheck causes_;
  FakeSmsSender sms_;
  careloop::testing::FakeWeChatSender wechat_;
  careloop::testing::FakeFollowBook follow_book_;
  careloop::testing::FakeChannelPlanBook book_;
  careloop::testing::FakeFallbackTimers timers_;
  FakeBatchQueue queue_;
  FakeBatchRecords records_;
  FakeSmsBatchSender aliyun_{"aliyun", 100};
  DispatchApp app_{ledger_, directory_, causes_, sms_, clock_, stores_, domain::DefaultTemplates(), DispatchPolicy{}};
  WeChatFollows follows_{follow_book_, clock_};
  ChannelPlansApp plans_{book_, clock_, stores_};
  PlanExecutor executor_{plans_, ledger_, timers_, clock_};
  CampaignBatches batches_{app_, queue_, directory_, records_, {&aliyun_}, clock_, BatchOptions{}};
};

TEST_F(CampaignBatchPlansTest, TheWeChatStepGoesSinglyFromThePassTheSmsStepInABatch) {
  EXPECT_EQ(app_.Process(GreetingOf("cus-1")).value(), Outcome::kQueued);  // a follower
  EXPECT_EQ(app_.Process(GreetingOf("cus-2")).value(), Outcome::kQueued);  // no openid
  EXPECT_TRUE(wechat_.sent.empty());
  EXPECT_EQ(queue_.order, (std::vector<std::string>{domain::MessageIdFor("rem-cus-1", 1, "sms"),
                                                    domain::MessageIdFor("rem-cus-2", 1, "sms")}));
  EXPECT_EQ(batches_.RunOnce().sent, 1);  // the batch's SMS; the WeChat message went singly
  ASSERT_EQ(wechat_.sent.size(), 1U);
  ASSERT_EQ(aliyun_.calls.size(), 1U);
  EXPECT_EQ(aliyun_.calls[0].messages[0].phone, "13912345672");
  EXPECT_EQ(ledger_.Find(domain::MessageIdFor("rem-cus-2", 1, "sms"))->channel_plan_id, "default_holiday_greeting");
  EXPECT_EQ(ledger_.Find(domain::MessageIdFor("rem-cus-1", 1, "wechat"))->status, domain::MessageStatus::kSent);

  // No receipt for the WeChat message within the plan's wait: its SMS fallback goes in a batch.
  clock_.Advance(Millis{61 * 60'000});
  EXPECT_EQ(executor_.CheckFallbacks(app_), 2);  // both customers' checks; cus-2's SMS went already
  EXPECT_TRUE(sms_.sent.empty());
  EXPECT_EQ(batches_.RunOnce().sent, 1);
  ASSERT_EQ(aliyun_.calls.size(), 2U);
  EXPECT_EQ(aliyun_.calls[1].messages[0].message_id, domain::MessageIdFor("rem-cus-1", 1, "sms"));
  EXPECT_EQ(wechat_.sent.size(), 1U);
}

}  // namespace
}  // namespace careloop::dispatch::app
