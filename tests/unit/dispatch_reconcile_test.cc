// Reconciliation of sends whose vendor answer was lost or never recorded: the domain's rules
// (a lost answer is not resent, what the vendors' findings mean, the days to ask about) and the
// Reconciler over the shared fakes, with DispatchApp making the sends.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/receipts_app.h"
#include "services/dispatch/app/reconciler.h"
#include "services/dispatch/domain/reconcile.h"
#include "services/dispatch/domain/vendor_faults.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/fakes/dispatch_receipt_fakes.h"
#include "tests/fakes/dispatch_reconcile_fakes.h"
#include "tests/fakes/dispatch_vendor_fakes.h"

namespace careloop::dispatch {
namespace {

using domain::ReconcileVerdict;
using domain::VendorFault;
using domain::VendorSendState;

constexpr Millis kMinute{60'000};

domain::VendorFinding Found(std::string vendor, VendorSendState state) {
  domain::VendorFinding finding;
  finding.vendor = std::move(vendor);
  finding.state = state;
  finding.provider_message_id = "pm-1";
  finding.code = state == VendorSendState::kFailed ? "MK:0001" : "DELIVERED";
  finding.reason = state == VendorSendState::kFailed ? "空号" : "";
  return finding;
}

domain::MessageAttempt Attempt(std::string channel, VendorFault fault) {
  domain::MessageAttempt attempt;
  attempt.channel = std::move(channel);
  attempt.vendor = attempt.channel == "wechat" ? "wechat" : "aliyun";
  attempt.fault = fault;
  return attempt;
}

// --- domain ---------------------------------------------------------------------------------------

TEST(ReconcileDomain, ALostSmsAnswerIsReconciledNotRetriedButWeChatRetries) {
  const domain::RetryRules rules;
  EXPECT_EQ(domain::DecideAfter({Attempt("sms", VendorFault::kUnknown)}, {}, Instant{}, rules).step,
            domain::NextStep::kReconcile);
  const auto wechat = domain::DecideAfter({Attempt("wechat", VendorFault::kUnknown)}, {}, Instant{}, rules);
  EXPECT_EQ(wechat.step, domain::NextStep::kRetryLater);  // WeChat drops a repeated client_msg_id
  EXPECT_EQ(wechat.not_before, Instant{} + rules.backoff);
  EXPECT_EQ(domain::ParseVendorFault("unknown"), VendorFault::kUnknown);
}

TEST(ReconcileDomain, AVendorHoldingTheSendSettlesIt) {
  const Instant now{};
  auto decision = domain::DecideReconcile({Found("aliyun", VendorSendState::kAccepted)}, now, now, {});
  EXPECT_EQ(decision.verdict, ReconcileVerdict::kSent);
  // Found at one vendor while the other cannot be asked: found is found.
  decision = domain::DecideReconcile({std::nullopt, Found("tencent", VendorSendState::kDelivered)}, now, now, {});
  EXPECT_EQ(decision.verdict, ReconcileVerdict::kSent);
  EXPECT_EQ(decision.finding->vendor, "tencent");
  decision = domain::DecideReconcile({Found("aliyun", VendorSendState::kFailed)}, now, now, {});
  EXPECT_EQ(decision.verdict, ReconcileVerdict::kFailed);
  // Delivered beats failed should two vendors answer.
  decision = domain::DecideReconcile(
      {Found("aliyun", VendorSendState::kFailed), Found("tencent", VendorSendState::kDelivered)}, now, now, {});
  EXPECT_EQ(decision.verdict, ReconcileVerdict::kSent);
}

TEST(ReconcileDomain, NotFoundIsANeverSentOnlyWhenEveryVendorAnswered) {
  const Instant claimed{};
  const domain::VendorFinding none = Found("aliyun", VendorSendState::kNotFound);
  EXPECT_EQ(domain::DecideReconcile({none, none}, claimed, claimed, kMinute).verdict, ReconcileVerdict::kResend);
  EXPECT_EQ(domain::DecideReconcile({none, std::nullopt}, claimed, claimed, kMinute).verdict,
            ReconcileVerdict::kAskLater);
  EXPECT_EQ(domain::DecideReconcile({}, claimed, claimed, kMinute).verdict, ReconcileVerdict::kAskLater);
  EXPECT_EQ(domain::DecideReconcile({std::nullopt}, claimed, claimed + kMinute, kMinute).verdict,
            ReconcileVerdict::kGiveUp);
  EXPECT_EQ(domain::DecideReconcile({std::nullopt}, claimed, claimed + 100 * kMinute, Millis{0}).verdict,
            ReconcileVerdict::kAskLater);  // zero: never give up
}

TEST(ReconcileDomain, TheLostAttemptReadsWhatTheVendorSaidAndADeadProcessGetsOne) {
  domain::Message lost;
  lost.channel = "sms";
  lost.provider = "aliyun";
  lost.attempts = 1;
  lost.attempt_log = {Attempt("sms", VendorFault::kUnknown)};
  lost.attempt_log[0].at = Instant{} + kMinute;
  domain::ApplyReconcile(lost, {ReconcileVerdict::kSent, Found("aliyun", VendorSendState::kDelivered)},
                         Instant{} + 5 * kMinute);
  ASSERT_EQ(lost.attempt_log.size(), 1u);
  EXPECT_EQ(lost.attempts, 1);
  EXPECT_EQ(lost.attempt_log[0].fault, VendorFault::kNone);
  EXPECT_EQ(lost.status, domain::MessageStatus::kSent);
  EXPECT_EQ(lost.sent_at, Instant{} + kMinute);  // when it went to the vendor
  EXPECT_EQ(lost.provider_message_id, "pm-1");

  domain::Message died;  // claimed, then the process died: no attempt on record
  died.channel = "sms";
  died.provider = "aliyun";
  domain::ApplyReconcile(died, {ReconcileVerdict::kResend, std::nullopt}, Instant{} + kMinute);
  ASSERT_EQ(died.attempt_log.size(), 1u);
  EXPECT_EQ(died.attempts, 1);
  EXPECT_EQ(died.attempt_log[0].fault, VendorFault::kTransient);
  EXPECT_EQ(died.attempt_log[0].code, "not_at_vendor");
  EXPECT_EQ(died.status, domain::MessageStatus::kQueued);

  domain::Message failed = died;
  domain::ApplyReconcile(failed, {ReconcileVerdict::kFailed, Found("tencent", VendorSendState::kFailed)}, Instant{});
  EXPECT_EQ(failed.status, domain::MessageStatus::kFailed);
  EXPECT_EQ(failed.failure_reason, "MK:0001: 空号");
  EXPECT_EQ(failed.provider, "tencent");
}

TEST(ReconcileDomain, TheDaysToAskAboutAreChinaDaysAcrossMidnight) {
  const Instant before = *ParseRfc3339("2026-12-01T23:58:00+08:00");
  EXPECT_EQ(domain::VendorSendDays(before, before + kMinute), std::vector<std::string>{"20261201"});
  EXPECT_EQ(domain::VendorSendDays(before, before + 5 * kMinute), (std::vector<std::string>{"20261201", "20261202"}));
  EXPECT_EQ(domain::VendorSendDays(before, before + Millis{10LL * 86'400'000}, 3).size(), 3u);
}

// --- the reconciler over DispatchApp's sends -------------------------------------------------------

class ReconcilerTest : public ::testing::Test {
 protected:
  ReconcilerTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")), stores_({Store()}) {
    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = "13912345678";
    contact.plates["veh-1"] = "京A12345";
    contact.models["veh-1"] = "星途瑶光";
    directory_.contacts["cus-1"] = contact;
    policy_.retry_backoff = kMinute;
    options_.after = 2 * kMinute;
    options_.give_up_after = 60 * kMinute;
    ledger_.real_time.Set(*ParseRfc3339("2026-11-22T10:00:00+08:00"));
  }

  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }

  app::DispatchApp App() {
    return app::DispatchApp(ledger_, directory_, causes_, aliyun_, clock_, stores_, domain::DefaultTemplates(),
                            policy_);
  }

  app::Reconciler Reconciler() {
    app::Reconciler reconciler(in_flight_, ledger_, directory_, clock_, ledger_.real_time, policy_, options_);
    reconciler.AddStatusQuery(aliyun_query_);
    reconciler.AddStatusQuery(tencent_query_);
    reconciler.UseObserver(observer_);
    return reconciler;
  }

  static domain::SendRequest Due(const std::string& reminder_id) {
    return {reminder_id, 1, domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}};
  }

  void Pass(Millis time) {
    clock_.Advance(time);
    ledger_.real_time.Advance(time);
  }

  int Published(const std::string& type) const {
    return static_cast<int>(std::count_if(ledger_.published.begin(), ledger_.published.end(),
                                          [&](const auto& event) { return event.type == type; }));
  }

  const domain::Message& Only() { return ledger_.messages.begin()->second; }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeMessageLedger ledger_;
  testing::FakeInFlightSends in_flight_{ledger_};
  testing::FakeContactDirectory directory_;
  testing::FakeCauseCheck causes_;
  testing::FakeSmsSender aliyun_;
  testing::FakeStatusQuery aliyun_query_{"aliyun"};
  testing::FakeStatusQuery tencent_query_{"tencent"};
  testing::CountingReconcileObserver observer_;
  app::DispatchPolicy policy_;
  app::ReconcileOptions options_;
};

TEST_F(ReconcilerTest, ALostAnswerKeepsTheSendInFlightAndNothingResendsIt) {
  aliyun_.scripted = {testing::AnswerLost()};
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kRetrying);
  const std::string id = Only().message_id;
  ASSERT_TRUE(ledger_.in_flight.contains(id));
  EXPECT_EQ(ledger_.in_flight[id].message.attempt_log.back().fault, VendorFault::kUnknown);
  EXPECT_EQ(Only().status, domain::MessageStatus::kQueued);
  EXPECT_TRUE(ledger_.claims.contains(id));  // the claim stays: a replay sends nothing
  Pass(10 * kMinute);
  EXPECT_EQ(app.DeliverDeferred(), 0);  // not queued for a retry either
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kDuplicate);
  EXPECT_EQ(aliyun_.sent.size(), 1u);
  EXPECT_EQ(Published("MessageSent") + Published("MessageFailed"), 0);
}

TEST_F(ReconcilerTest, FoundAtTheVendorIsRecordedSentOnce) {
  aliyun_.scripted = {testing::AnswerLost()};
  app::DispatchApp app = App();
  ASSERT_TRUE(app.Process(Due("rem-1")).ok());
  const std::string id = Only().message_id;
  aliyun_query_.Holds(id, VendorSendState::kAccepted);
  app::Reconciler reconciler = Reconciler();
  Pass(kMinute);
  EXPECT_EQ(reconciler.RunOnce(), 0);  // not in doubt yet: its answer may still come
  EXPECT_TRUE(aliyun_query_.asked.empty());
  Pass(kMinute);
  EXPECT_EQ(reconciler.RunOnce(), 1);
  EXPECT_EQ(Only().status, domain::MessageStatus::kSent);
  EXPECT_EQ(Only().provider_message_id, "aliyun-" + id);
  ASSERT_EQ(Only().attempt_log.size(), 1u);
  EXPECT_EQ(Only().attempt_log[0].fault, VendorFault::kNone);
  EXPECT_FALSE(ledger_.in_flight.contains(id));
  ASSERT_EQ(aliyun_query_.asked.size(), 1u);
  EXPECT_EQ(aliyun_query_.asked[0].message_id, id);
  EXPECT_EQ(aliyun_query_.asked[0].phone, "13912345678");
  Pass(10 * kMinute);
  EXPECT_EQ(reconciler.RunOnce(), 0);  // settled: nothing left to reconcile
  EXPECT_EQ(app.DeliverDeferred(), 0);
  EXPECT_EQ(Published("MessageSent"), 1);
  EXPECT_EQ(aliyun_.sent.size(), 1u);
  EXPECT_EQ(observer_.counts["sent"], 1);
}

TEST_F(ReconcilerTest, NotAtAnyVendorIsResentOnceUnderTheSameMessageId) {
  aliyun_.scripted = {testing::AnswerLost()};
  app::DispatchApp app = App();
  ASSERT_TRUE(app.Process(Due("rem-1")).ok());
  const std::string id = Only().message_id;
  app::Reconciler reconciler = Reconciler();
  Pass(2 * kMinute);
  EXPECT_EQ(reconciler.RunOnce(), 1);
  EXPECT_EQ(Only().status, domain::MessageStatus::kQueued);
  EXPECT_FALSE(ledger_.claims.contains(id));  // released for the retry
  EXPECT_EQ(observer_.counts["resent"], 1);
  Pass(kMinute);  // the backoff
  EXPECT_EQ(app.DeliverDeferred(), 1);
  ASSERT_EQ(aliyun_.sent.size(), 2u);
  EXPECT_EQ(aliyun_.sent[1].message_id, id);
  EXPECT_EQ(Only().status, domain::MessageStatus::kSent);
  ASSERT_EQ(Only().attempt_log.size(), 2u);
  EXPECT_EQ(Only().attempt_log[0].code, "not_at_vendor");
  EXPECT_EQ(Published("MessageSent"), 1);
  EXPECT_TRUE(ledger_.in_flight.empty());
}

TEST_F(ReconcilerTest, AVendorThatCannotBeAskedIsAskedAgainLaterThenSettles) {
  aliyun_.scripted = {testing::AnswerLost()};
  app::DispatchApp app = App();
  ASSERT_TRUE(app.Process(Due("rem-1")).ok());
  const std::string id = Only().message_id;
  tencent_query_.unavailable = true;
  app::Reconciler reconciler = Reconciler();
  Pass(2 * kMinute);
  EXPECT_EQ(reconciler.RunOnce(), 1);
  EXPECT_TRUE(ledger_.in_flight.contains(id));  // one vendor said "not here", the other could not say
  EXPECT_TRUE(ledger_.claims.contains(id));
  EXPECT_EQ(observer_.counts["ask_later"], 1);
  Pass(kMinute);
  EXPECT_EQ(reconciler.RunOnce(), 0);  // it waits `after` again
  tencent_query_.unavailable = false;
  tencent_query_.Holds(id, VendorSendState::kFailed, "FAIL", "用户关机");
  Pass(kMinute);
  EXPECT_EQ(reconciler.RunOnce(), 1);
  EXPECT_EQ(Only().status, domain::MessageStatus::kFailed);
  EXPECT_EQ(Only().failure_reason, "FAIL: 用户关机");
  EXPECT_EQ(Only().provider, "tencent");
  EXPECT_EQ(Published("MessageFailed"), 1);
  EXPECT_TRUE(ledger_.in_flight.empty());
}

TEST_F(ReconcilerTest, ASendNobodyCanAskAboutFailsAfterGiveUpRatherThanRiskADouble) {
  aliyun_.scripted = {testing::AnswerLost()};
  app::DispatchApp app = App();
  ASSERT_TRUE(app.Process(Due("rem-1")).ok());
  aliyun_query_.unavailable = true;
  tencent_query_.unavailable = true;
  app::Reconciler reconciler = Reconciler();
  for (int pass = 0; pass < 40 && ledger_.in_flight.size() == 1; ++pass) {
    Pass(2 * kMinute);
    (void)reconciler.RunOnce();
  }
  EXPECT_TRUE(ledger_.in_flight.empty());
  EXPECT_EQ(Only().status, domain::MessageStatus::kFailed);
  EXPECT_EQ(Only().attempt_log.back().code, "unreconciled");
  EXPECT_EQ(observer_.counts["gave_up"], 1);
  EXPECT_EQ(aliyun_.sent.size(), 1u);
}

TEST_F(ReconcilerTest, AServiceKilledBetweenClaimAndAnswerIsReconciledOnTheNextPass) {
  // What SendStep does up to the vendor call, then nothing: the process died.
  domain::Message message;
  message.message_id = domain::MessageIdFor("rem-9", 1, "sms");
  message.customer_id = "cus-1";
  message.store_id = "S001";
  message.provider = "aliyun";
  message.created_at = clock_.Now();
  ASSERT_TRUE(ledger_.Claim(message, Due("rem-9")));
  aliyun_query_.Holds(message.message_id, VendorSendState::kDelivered);
  testing::FakeReceiptLedger receipt_ledger;
  testing::RecordingFollowEvents follows;
  receipt_ledger.AddSent(message.message_id, "aliyun", "aliyun-" + message.message_id);  // the store receipts read
  app::ReceiptsApp receipts(receipt_ledger, follows, clock_);
  app::Reconciler reconciler = Reconciler();
  reconciler.UseReceipts(receipts);
  Pass(2 * kMinute);
  EXPECT_EQ(reconciler.RunOnce(), 1);
  const auto stored = ledger_.Find(message.message_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, domain::MessageStatus::kSent);
  ASSERT_EQ(stored->attempt_log.size(), 1u);  // the call the dead process never wrote down
  EXPECT_EQ(stored->attempts, 1);
  EXPECT_TRUE(ledger_.in_flight.empty());
  EXPECT_EQ(Published("MessageSent"), 1);
  // The vendor said delivered: recorded through the receipt path (MessageDelivered).
  EXPECT_EQ(receipt_ledger.events, std::vector<std::string>{"MessageDelivered:" + message.message_id});
  EXPECT_TRUE(aliyun_.sent.empty());
}

TEST_F(ReconcilerTest, ASendFiledUnderABatchIdIsFoundByThatId) {
  domain::Message message;
  message.message_id = domain::MessageIdFor("rem-7", 1, "sms");
  message.customer_id = "cus-1";
  message.store_id = "S001";
  message.provider = "tencent";
  ASSERT_TRUE(ledger_.Claim(message, Due("rem-7")));
  in_flight_.NoteFiledAs(message.message_id, "smsb-1");   // what a batch sender names before its call
  in_flight_.NoteFiledAs("msg-not-in-flight", "smsb-2");  // nothing: not in flight
  tencent_query_.Holds("smsb-1", VendorSendState::kDelivered, "SUCCESS");
  app::Reconciler reconciler = Reconciler();
  Pass(2 * kMinute);
  EXPECT_EQ(reconciler.RunOnce(), 1);
  ASSERT_EQ(tencent_query_.asked.size(), 1u);
  EXPECT_EQ(tencent_query_.asked[0].also_filed_as, "smsb-1");
  EXPECT_EQ(ledger_.messages[message.message_id].status, domain::MessageStatus::kSent);
  EXPECT_FALSE(ledger_.in_flight.contains("msg-not-in-flight"));
}

TEST_F(ReconcilerTest, ADeadWeChatSendIsResentUnderItsClientMsgId) {
  domain::Message message;
  message.message_id = domain::MessageIdFor("rem-8", 1, "wechat");
  message.customer_id = "cus-1";
  message.store_id = "S001";
  message.channel = "wechat";
  message.provider = "wechat";
  ASSERT_TRUE(ledger_.Claim(message, Due("rem-8")));
  app::Reconciler reconciler = Reconciler();
  Pass(2 * kMinute);
  EXPECT_EQ(reconciler.RunOnce(), 1);
  EXPECT_TRUE(aliyun_query_.asked.empty());  // WeChat has no query: it dedupes instead
  EXPECT_FALSE(ledger_.claims.contains(message.message_id));
  EXPECT_EQ(ledger_.messages[message.message_id].attempt_log.back().code, "answer_lost");
  EXPECT_EQ(observer_.counts["resent"], 1);
}

}  // namespace
}  // namespace careloop::dispatch
