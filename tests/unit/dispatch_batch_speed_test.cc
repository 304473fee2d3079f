// Campaign traffic through the batch worker without per-message look-ups (docs/dispatch.md
// "Batch sends"): a campaign message is queued whole before any look-up; the pass runs its plan
// with the contacts of one GetContacts (a WeChat follower gets WeChat, singly; a non-follower an
// SMS in the vendor batch), the causes of one StillWantedMany (a cancelled reminder is
// suppressed) and each campaign's facts read once per pass (a cancelled campaign sends nothing).
#include <gtest/gtest.h>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/campaign_batches.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/plan_executor.h"
#include "services/dispatch/app/wechat_follows.h"
#include "tests/fakes/dispatch_batch_fakes.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/fakes/dispatch_plan_fakes.h"
#include "tests/fakes/dispatch_speed_fakes.h"

namespace careloop::dispatch::app {
namespace {

using careloop::testing::CountingCampaignTexts;
using careloop::testing::CountingCauseCheck;
using careloop::testing::CountingContactDirectory;
using careloop::testing::FakeBatchQueue;
using careloop::testing::FakeBatchRecords;
using careloop::testing::FakeContactDirectory;
using careloop::testing::FakeMessageLedger;
using careloop::testing::FakeSmsBatchSender;
using careloop::testing::FakeSmsSender;

std::string CustomerId(int i) {
  return "cus-" + std::to_string(i);
}

std::string WeChatId(int i) {
  return domain::MessageIdFor("rem-" + std::to_string(i), 1, "wechat");
}

std::string SmsId(int i) {
  return domain::MessageIdFor("rem-" + std::to_string(i), 1, "sms");
}

class CampaignBatchSpeedTest : public ::testing::Test {
 protected:
  CampaignBatchSpeedTest() : clock_(*ParseRfc3339("2027-09-15T09:00:00+08:00")), stores_({Store()}) {
    for (int i = 0; i < 20; ++i) {
      domain::Contact contact;
      contact.customer_id = CustomerId(i);
      contact.store_id = "S001";
      contact.name = "王小明";
      contact.gender = 1;
      contact.mobile = std::to_string(13900000000LL + i);
      if (i % 2 == 0) {  // even customers follow the official account
        contact.wechat_openid = "oFollower" + std::to_string(100000 + i);
      }
      directory_.contacts[contact.customer_id] = contact;
    }
    texts_.campaigns["cmp-1"] = CampaignFacts{"中秋到店礼遇：凭短信领取月饼一盒", false};
    texts_.campaigns["cmp-2"] = CampaignFacts{"", false};
    app_.UseWeChat(wechat_, follows_, domain::DefaultWeChatTemplates());
    app_.UsePlans(executor_);
    app_.UseBatches(queue_);
    app_.UseCampaignTexts(texts_);
    app_.UseContactPolicies(policies_);
    batches_.UseCauses(causes_);
  }
  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }
  static domain::SendRequest Greeting(int i, const std::string& campaign = "cmp-2") {
    domain::SendRequest request{
        "rem-" + std::to_string(i), 1, domain::CareKind::kHolidayGreeting, CustomerId(i), "S001", "", {2027, 9, 15}};
    request.holiday = "mid_autumn";
    request.campaign_id = campaign;
    return request;
  }
  void Queue(int count, const std::string& campaign = "cmp-2") {
    for (int i = 0; i < count; ++i) {
      ASSERT_EQ(app_.Process(Greeting(i, campaign)).value(), Outcome::kQueued) << i;
    }
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeMessageLedger ledger_;
  FakeContactDirectory directory_;
  CountingContactDirectory contacts_{directory_};
  CountingCauseCheck causes_;
  CountingCampaignTexts texts_;
  FakeSmsSender sms_;
  careloop::testing::FakeWeChatSender wechat_;
  careloop::testing::FakeFollowBook follow_book_;
  careloop::testing::FakeChannelPlanBook stored_plans_;
  careloop::testing::CountingPlanBook book_{stored_plans_};
  careloop::testing::CountingContactPolicies policies_;
  careloop::testing::FakeFallbackTimers timers_;
  FakeBatchQueue queue_;
  FakeBatchRecords records_;
  FakeSmsBatchSender aliyun_{"aliyun", 100};
  DispatchApp app_{ledger_, contacts_, causes_, sms_, clock_, stores_, domain::DefaultTemplates(), DispatchPolicy{}};
  WeChatFollows follows_{follow_book_, clock_};
  ChannelPlansApp plans_{book_, clock_, stores_};
  PlanExecutor executor_{plans_, ledger_, timers_, clock_};
  CampaignBatches batches_{app_, queue_, contacts_, records_, {&aliyun_}, clock_, BatchOptions{}};
};

TEST_F(CampaignBatchSpeedTest, ACampaignMessageIsQueuedWholeWithoutAnyLookUp) {
  Queue(4);
  EXPECT_EQ(queue_.order.size(), 4U);
  EXPECT_EQ(contacts_.single_lookups + contacts_.batched_lookups, 0);
  EXPECT_EQ(causes_.single_checks + causes_.batched_checks, 0);
  EXPECT_TRUE(texts_.reads.empty());
  EXPECT_TRUE(wechat_.sent.empty());
  EXPECT_TRUE(ledger_.claims.empty());
}

TEST_F(CampaignBatchSpeedTest, FollowersGetWeChatOthersAnSmsInTheBatchWithOneGetContactsAndNoGetContact) {
  Queue(10);
  const BatchPass pass = batches_.RunOnce();
  EXPECT_EQ(pass.requests, 10);
  EXPECT_EQ(pass.sent, 5);  // the odd customers' SMS, in one vendor call
  EXPECT_EQ(contacts_.batched_lookups, 1);
  EXPECT_EQ(contacts_.single_lookups, 0);
  EXPECT_EQ(causes_.batched_checks, 1);
  EXPECT_EQ(causes_.single_checks, 0);
  ASSERT_EQ(wechat_.sent.size(), 5U);  // WeChat has no batch API: one call each, no look-up
  ASSERT_EQ(aliyun_.calls.size(), 1U);
  EXPECT_EQ(aliyun_.calls[0].messages.size(), 5U);
  EXPECT_TRUE(sms_.sent.empty());
  for (int i = 0; i < 10; ++i) {
    const bool follower = i % 2 == 0;
    const auto sent = ledger_.Find(follower ? WeChatId(i) : SmsId(i));
    ASSERT_TRUE(sent) << i;
    EXPECT_EQ(sent->status, domain::MessageStatus::kSent) << i;
    EXPECT_EQ(sent->provider, follower ? "wechat" : "aliyun") << i;
    EXPECT_FALSE(ledger_.Find(follower ? SmsId(i) : WeChatId(i))) << i;  // one channel each
  }
  EXPECT_TRUE(queue_.order.empty());

  // A replayed ReminderDue queues the request again; the pass sends nothing twice.
  Queue(10);
  EXPECT_EQ(batches_.RunOnce().sent, 0);
  EXPECT_EQ(wechat_.sent.size(), 5U);
  EXPECT_EQ(aliyun_.calls.size(), 1U);
}

TEST_F(CampaignBatchSpeedTest, AnUnfollowedOpenidGetsTheSmsInTheBatch) {
  ASSERT_TRUE(follows_.Followed(directory_.contacts["cus-0"].wechat_openid, false, clock_.Now()));
  Queue(1);
  EXPECT_EQ(batches_.RunOnce().sent, 1);
  EXPECT_TRUE(wechat_.sent.empty());
  EXPECT_EQ(ledger_.Find(WeChatId(0))->suppression, domain::Suppression::kNoContact);
  EXPECT_EQ(ledger_.Find(SmsId(0))->status, domain::MessageStatus::kSent);
  EXPECT_EQ(contacts_.single_lookups, 0);
}

TEST_F(CampaignBatchSpeedTest, ACancelledReminderInABatchIsSuppressedTheOthersGo) {
  Queue(6);
  causes_.unwanted = {"rem-1", "rem-2"};  // answered or cancelled after it fired
  const BatchPass pass = batches_.RunOnce();
  EXPECT_EQ(causes_.batched_checks, 1);
  EXPECT_EQ(causes_.single_checks, 0);
  EXPECT_EQ(pass.sent, 2);             // SMS of cus-3 and cus-5
  EXPECT_EQ(wechat_.sent.size(), 2U);  // WeChat of cus-0 and cus-4
  EXPECT_EQ(ledger_.Find(SmsId(1))->suppression, domain::Suppression::kNoLongerWanted);
  EXPECT_EQ(ledger_.Find(WeChatId(2))->suppression, domain::Suppression::kNoLongerWanted);
  for (const auto& sms : aliyun_.calls.at(0).messages) {
    EXPECT_NE(sms.message_id, SmsId(1));
  }
}

TEST_F(CampaignBatchSpeedTest, WhenTheBatchedCauseCheckFailsEachCauseIsAskedSingly) {
  Queue(3);
  causes_.many_unavailable = true;
  causes_.unwanted = {"rem-1"};
  const BatchPass pass = batches_.RunOnce();
  EXPECT_EQ(causes_.batched_checks, 1);
  EXPECT_EQ(causes_.single_checks, 3);
  EXPECT_EQ(pass.retry_later, 0);
  EXPECT_EQ(ledger_.Find(SmsId(1))->suppression, domain::Suppression::kNoLongerWanted);
}

TEST_F(CampaignBatchSpeedTest, WithTheRemindersServiceDownNothingIsClaimedAndThePassComesBack) {
  Queue(3);
  causes_.unavailable = true;
  EXPECT_EQ(batches_.RunOnce().retry_later, 3);
  EXPECT_TRUE(ledger_.claims.empty());
  EXPECT_TRUE(wechat_.sent.empty());
  causes_.unavailable = false;
  queue_.ExpireLeases();
  EXPECT_EQ(batches_.RunOnce().requests, 3);
  EXPECT_EQ(wechat_.sent.size(), 2U);
}

TEST_F(CampaignBatchSpeedTest, TheCampaignIsReadOncePerPassAndItsTextGoesToEveryMessage) {
  Queue(10, "cmp-1");
  EXPECT_EQ(batches_.RunOnce().sent, 5);
  EXPECT_EQ(texts_.reads["cmp-1"], 1);
  for (const auto& sms : aliyun_.calls.at(0).messages) {
    EXPECT_EQ(sms.params.at("message"), "中秋到店礼遇：凭短信领取月饼一盒");
  }
  // The next pass reads it again: a cancel in between is seen.
  texts_.campaigns["cmp-1"].cancelled = true;
  for (int i = 10; i < 14; ++i) {
    ASSERT_EQ(app_.Process(Greeting(i, "cmp-1")).value(), Outcome::kQueued);
  }
  EXPECT_EQ(batches_.RunOnce().sent, 0);
  EXPECT_EQ(texts_.reads["cmp-1"], 2);
  EXPECT_EQ(wechat_.sent.size(), 5U);
  EXPECT_EQ(ledger_.Find(SmsId(11))->suppression, domain::Suppression::kNoLongerWanted);
  EXPECT_EQ(ledger_.Find(WeChatId(10))->suppression, domain::Suppression::kNoLongerWanted);
}

TEST_F(CampaignBatchSpeedTest, AnUnreachableCampaignIsNotKeptTheNextMessageAsksAgain) {
  Queue(2, "cmp-1");
  texts_.unavailable = true;
  EXPECT_EQ(batches_.RunOnce().retry_later, 2);
  EXPECT_EQ(texts_.reads["cmp-1"], 2);
  EXPECT_TRUE(aliyun_.calls.empty());
}

TEST_F(CampaignBatchSpeedTest, AStoresPlanAndPolicyAreReadOncePerPass) {
  Queue(10);
  EXPECT_EQ(batches_.RunOnce().requests, 10);
  EXPECT_EQ(book_.lists["S001"], 1);
  EXPECT_EQ(book_.lists[""], 1);
  EXPECT_EQ(policies_.reads["S001"], 1);
  for (int i = 10; i < 12; ++i) {
    ASSERT_EQ(app_.Process(Greeting(i)).value(), Outcome::kQueued);
  }
  EXPECT_EQ(batches_.RunOnce().requests, 2);  // the next pass reads them again: an edit is seen
  EXPECT_EQ(book_.lists["S001"], 2);
  EXPECT_EQ(policies_.reads["S001"], 2);
}

TEST_F(CampaignBatchSpeedTest, RoutineRemindersKeepTheirSingleSends) {
  domain::SendRequest birthday{"rem-b", 1, domain::CareKind::kBirthday, CustomerId(1), "S001", "", {2027, 9, 15}};
  EXPECT_EQ(app_.Process(birthday).value(), Outcome::kSent);
  EXPECT_EQ(sms_.sent.size(), 1U);
  EXPECT_TRUE(queue_.order.empty());
  EXPECT_EQ(causes_.single_checks, 1);
}

}  // namespace
}  // namespace careloop::dispatch::app
