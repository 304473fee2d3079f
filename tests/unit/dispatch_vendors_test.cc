// Vendor trouble: what each vendor's codes mean, what dispatch does next, the circuit breaker,
// failover between the two SMS vendors and the attempts kept with a message.
#include <gtest/gtest.h>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/adapters/providers/vendor_codes.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/sms_failover.h"
#include "services/dispatch/domain/circuit_breaker.h"
#include "services/dispatch/domain/vendor_faults.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/fakes/dispatch_vendor_fakes.h"

namespace careloop::dispatch {
namespace {

using domain::VendorFault;
using testing::Permanent;
using testing::Throttled;
using testing::Transient;

constexpr Millis kMinute{60'000};
constexpr Millis kHour{3'600'000};
constexpr Millis kDay{86'400'000};

// --- the vendors' codes -------------------------------------------------------------------------

TEST(VendorCodes, AliyunThrottleWaitsTheWindowItsMessageNames) {
  EXPECT_EQ(adapters::ClassifyAliyun("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1").window, kMinute);
  EXPECT_EQ(adapters::ClassifyAliyun("isv.BUSINESS_LIMIT_CONTROL", "触发小时级流控Permits:5").window, kHour);
  const auto day = adapters::ClassifyAliyun("isv.BUSINESS_LIMIT_CONTROL", "触发天级流控Permits:10");
  EXPECT_EQ(day.fault, VendorFault::kThrottled);
  EXPECT_EQ(day.window, kDay);
  EXPECT_EQ(adapters::ClassifyAliyun("Throttling.User", "").fault, VendorFault::kThrottled);
}

TEST(VendorCodes, AliyunBadNumberIsPermanentAndItsOwnTroubleTransient) {
  EXPECT_EQ(adapters::ClassifyAliyun("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号").fault, VendorFault::kPermanent);
  EXPECT_EQ(adapters::ClassifyAliyun("isv.SMS_TEMPLATE_ILLEGAL", "").fault, VendorFault::kPermanent);
  EXPECT_EQ(adapters::ClassifyAliyun("isp.SYSTEM_ERROR", "").fault, VendorFault::kTransient);
  // Our account there cannot pay: the other vendor can still send.
  EXPECT_EQ(adapters::ClassifyAliyun("isv.AMOUNT_NOT_ENOUGH", "").fault, VendorFault::kTransient);
  EXPECT_EQ(adapters::ClassifyAliyun("isv.SOMETHING_NEW", "").fault, VendorFault::kPermanent);
}

TEST(VendorCodes, TencentLimitsAreThrottlesWithTheirWindowsExceptTheNumberCount) {
  EXPECT_EQ(adapters::ClassifyTencent("LimitExceeded.PhoneNumberDailyLimit").window, kDay);
  EXPECT_EQ(adapters::ClassifyTencent("LimitExceeded.PhoneNumberThirtySecondLimit").window, Millis{30'000});
  EXPECT_EQ(adapters::ClassifyTencent("LimitExceeded.PhoneNumberOneHourLimit").fault, VendorFault::kThrottled);
  EXPECT_EQ(adapters::ClassifyTencent("RequestLimitExceeded").fault, VendorFault::kThrottled);
  EXPECT_EQ(adapters::ClassifyTencent("LimitExceeded.PhoneNumberCountLimit").fault, VendorFault::kPermanent);
  EXPECT_EQ(adapters::ClassifyTencent("InternalError.Timeout").fault, VendorFault::kTransient);
  EXPECT_EQ(adapters::ClassifyTencent("InvalidParameterValue.IncorrectPhoneNumber").fault, VendorFault::kPermanent);
  EXPECT_EQ(adapters::ClassifyTencent("FailedOperation.PhoneNumberInBlacklist").fault, VendorFault::kPermanent);
}

TEST(VendorCodes, WeChatQuotasThrottleBusyIsTransientUnfollowedIsPermanent) {
  EXPECT_EQ(adapters::ClassifyWeChat(45009).fault, VendorFault::kThrottled);
  EXPECT_EQ(adapters::ClassifyWeChat(45047).fault, VendorFault::kThrottled);
  EXPECT_EQ(adapters::ClassifyWeChat(-1).fault, VendorFault::kTransient);
  EXPECT_EQ(adapters::ClassifyWeChat(43004).fault, VendorFault::kPermanent);
  EXPECT_EQ(adapters::ClassifyWeChat(40003).fault, VendorFault::kPermanent);
}

TEST(VendorCodes, ARejectionIsRetryableExactlyWhenThrottledOrTransient) {
  EXPECT_TRUE(adapters::Rejected({VendorFault::kThrottled, kMinute}, "c", "m").retryable);
  EXPECT_TRUE(adapters::Rejected({VendorFault::kTransient, {}}, "c", "m").retryable);
  const auto permanent = adapters::Rejected({VendorFault::kPermanent, {}}, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
  EXPECT_FALSE(permanent.retryable);
  EXPECT_EQ(permanent.error_code, "isv.MOBILE_NUMBER_ILLEGAL");
}

// --- what to do next ----------------------------------------------------------------------------

domain::MessageAttempt Attempt(std::string vendor, VendorFault fault) {
  domain::MessageAttempt attempt;
  attempt.channel = "sms";
  attempt.vendor = std::move(vendor);
  attempt.fault = fault;
  return attempt;
}

TEST(DecideAfter, ThrottlesWaitTheVendorsWindowAndNeverCountTowardsFailing) {
  const Instant now = *ParseRfc3339("2026-11-22T10:00:00+08:00");
  const domain::RetryRules rules{2, kMinute, Millis{5'000}, 1};
  std::vector<domain::MessageAttempt> history(10, Attempt("aliyun", VendorFault::kThrottled));
  const auto next = domain::DecideAfter(history, kHour, now, rules);
  EXPECT_EQ(next.step, domain::NextStep::kRetryLater);
  EXPECT_EQ(next.not_before, now + kHour);
  EXPECT_EQ(domain::DecideAfter(history, Millis{0}, now, rules).not_before, now + Millis{5'000});
}

TEST(DecideAfter, TransientFailuresBackOffDoublingThenFail) {
  const Instant now = *ParseRfc3339("2026-11-22T10:00:00+08:00");
  const domain::RetryRules rules{3, kMinute, kMinute, 1};
  std::vector<domain::MessageAttempt> history{Attempt("aliyun", VendorFault::kTransient)};
  EXPECT_EQ(domain::DecideAfter(history, {}, now, rules).not_before, now + kMinute);
  history.push_back(Attempt("aliyun", VendorFault::kThrottled));  // not counted
  history.push_back(Attempt("tencent", VendorFault::kTransient));
  EXPECT_EQ(domain::DecideAfter(history, {}, now, rules).not_before, now + 2 * kMinute);
  history.push_back(Attempt("aliyun", VendorFault::kTransient));
  EXPECT_EQ(domain::DecideAfter(history, {}, now, rules).step, domain::NextStep::kFail);
}

TEST(DecideAfter, PermanentFailsAtOnceAndAcceptedIsDone) {
  const domain::RetryRules rules;
  EXPECT_EQ(domain::DecideAfter({Attempt("aliyun", VendorFault::kPermanent)}, {}, Instant{}, rules).step,
            domain::NextStep::kFail);
  EXPECT_EQ(domain::DecideAfter({Attempt("aliyun", VendorFault::kNone)}, {}, Instant{}, rules).step,
            domain::NextStep::kDone);
}

TEST(VendorToAvoid, TheVendorThatFailedTransientlyInARowIsAvoided) {
  EXPECT_EQ(domain::VendorToAvoid({}, 1), "");
  EXPECT_EQ(domain::VendorToAvoid({Attempt("aliyun", VendorFault::kTransient)}, 1), "aliyun");
  EXPECT_EQ(domain::VendorToAvoid({Attempt("aliyun", VendorFault::kTransient)}, 2), "");
  EXPECT_EQ(
      domain::VendorToAvoid({Attempt("aliyun", VendorFault::kTransient), Attempt("aliyun", VendorFault::kThrottled),
                             Attempt("aliyun", VendorFault::kTransient)},
                            2),
      "aliyun");
  EXPECT_EQ(domain::VendorToAvoid({Attempt("aliyun", VendorFault::kThrottled)}, 1), "");  // a throttle is no outage
}

// --- the circuit breaker ------------------------------------------------------------------------

TEST(CircuitBreaker, OpensAfterTheThresholdProbesOnceAfterTheWindowAndClosesOnSuccess) {
  const Instant t0 = *ParseRfc3339("2026-11-22T10:00:00+08:00");
  domain::CircuitBreaker breaker({2, Millis{30'000}});
  EXPECT_TRUE(breaker.Allows(t0));
  breaker.OnFailure(t0);
  EXPECT_EQ(breaker.State(t0), domain::BreakerState::kClosed);
  breaker.OnFailure(t0);
  EXPECT_EQ(breaker.State(t0), domain::BreakerState::kOpen);
  EXPECT_FALSE(breaker.Allows(t0 + Millis{29'999}));
  EXPECT_EQ(breaker.State(t0 + Millis{30'000}), domain::BreakerState::kHalfOpen);
  EXPECT_TRUE(breaker.Allows(t0 + Millis{30'000}));
  EXPECT_FALSE(breaker.Allows(t0 + Millis{30'000}));  // one probe at a time
  breaker.OnFailure(t0 + Millis{31'000});
  EXPECT_EQ(breaker.State(t0 + Millis{31'000}), domain::BreakerState::kOpen);  // open for another period
  EXPECT_TRUE(breaker.Allows(t0 + Millis{61'000}));
  breaker.OnSuccess();
  EXPECT_EQ(breaker.State(t0 + Millis{61'000}), domain::BreakerState::kClosed);
}

TEST(CircuitBreaker, ASuccessInBetweenResetsTheCount) {
  domain::CircuitBreaker breaker({2, Millis{30'000}});
  breaker.OnFailure(Instant{});
  breaker.OnSuccess();
  breaker.OnFailure(Instant{});
  EXPECT_EQ(breaker.State(Instant{}), domain::BreakerState::kClosed);
}

// --- SmsFailover --------------------------------------------------------------------------------

class SmsFailoverTest : public ::testing::Test {
 protected:
  SmsFailoverTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")) { tencent_.provider = "tencent"; }

  app::OutboundSms Sms(std::string avoid = "") {
    app::OutboundSms sms;
    sms.message_id = "msg-1";
    sms.avoid_provider = std::move(avoid);
    return sms;
  }

  clock::ManualClock clock_;
  testing::FakeSmsSender aliyun_;
  testing::FakeSmsSender tencent_;
  testing::RecordingBreakerObserver observer_;
};

TEST_F(SmsFailoverTest, ThePrimarySendsWhileItWorks) {
  app::SmsFailover failover(aliyun_, &tencent_, clock_, {2, Millis{30'000}}, &observer_);
  const auto outcome = failover.Send(Sms());
  EXPECT_TRUE(outcome.accepted);
  EXPECT_EQ(outcome.provider, "aliyun");
  EXPECT_TRUE(tencent_.sent.empty());
}

TEST_F(SmsFailoverTest, AMessageThatFailedOnTheSecondaryAvoidsIt) {
  app::SmsFailover failover(aliyun_, &tencent_, clock_, {2, Millis{30'000}}, &observer_);
  EXPECT_EQ(failover.Send(Sms("aliyun")).provider, "tencent");
  EXPECT_EQ(failover.Send(Sms("tencent")).provider, "aliyun");
}

TEST_F(SmsFailoverTest, AnOpenBreakerSendsToTheOtherVendorAndIsReported) {
  aliyun_.scripted = {Transient(), Transient()};
  app::SmsFailover failover(aliyun_, &tencent_, clock_, {2, Millis{30'000}}, &observer_);
  EXPECT_EQ(failover.Send(Sms()).provider, "aliyun");
  EXPECT_EQ(failover.Send(Sms()).provider, "aliyun");
  EXPECT_EQ(failover.StateOf("aliyun"), domain::BreakerState::kOpen);
  EXPECT_EQ(observer_.changes, std::vector<std::string>{"aliyun:open"});
  const auto third = failover.Send(Sms());
  EXPECT_TRUE(third.accepted);
  EXPECT_EQ(third.provider, "tencent");
  EXPECT_EQ(aliyun_.sent.size(), 2u);
  // After the window one probe goes to the primary again; it works, the breaker closes.
  clock_.Advance(Millis{30'000});
  EXPECT_EQ(failover.Send(Sms()).provider, "aliyun");
  EXPECT_EQ(failover.StateOf("aliyun"), domain::BreakerState::kClosed);
}

TEST_F(SmsFailoverTest, ThrottlingAndPermanentRejectionsDoNotOpenTheBreaker) {
  aliyun_.scripted = {
      Throttled("isv.BUSINESS_LIMIT_CONTROL", kMinute), Throttled("isv.BUSINESS_LIMIT_CONTROL", kMinute),
      Permanent("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号"), Permanent("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")};
  app::SmsFailover failover(aliyun_, &tencent_, clock_, {2, Millis{30'000}}, &observer_);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(failover.Send(Sms()).provider, "aliyun");
  }
  EXPECT_EQ(failover.StateOf("aliyun"), domain::BreakerState::kClosed);
  EXPECT_TRUE(tencent_.sent.empty());
}

TEST_F(SmsFailoverTest, WithEveryBreakerOpenNoVendorIsCalled) {
  aliyun_.scripted = {Transient()};
  app::SmsFailover failover(aliyun_, nullptr, clock_, {1, Millis{30'000}}, &observer_);
  (void)failover.Send(Sms());
  clock_.Advance(Millis{10'000});
  const auto none = failover.Send(Sms());
  EXPECT_EQ(none.provider, "none");
  EXPECT_EQ(none.fault, VendorFault::kThrottled);
  EXPECT_EQ(none.retry_after, Millis{20'000});
  EXPECT_EQ(aliyun_.sent.size(), 1u);
}

// --- DispatchApp: attempts, deferral, failover, GetMessage --------------------------------------

class DispatchVendorsTest : public ::testing::Test {
 protected:
  DispatchVendorsTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")), stores_({Store()}) {
    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = "13912345678";
    contact.plates["veh-1"] = "京A12345";
    contact.models["veh-1"] = "星途瑶光";
    directory_.contacts["cus-1"] = contact;
    tencent_.provider = "tencent";
    policy_.max_attempts = 2;
    policy_.retry_backoff = kMinute;
    policy_.throttle_wait = kMinute;
  }

  // S001 without a merge window or a gap between messages: the vendor is what these tests are about.
  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 0;
    store.message_gap_minutes = 0;
    return store;
  }

  app::DispatchApp App() {
    return app::DispatchApp(ledger_, directory_, causes_, failover_, clock_, stores_, domain::DefaultTemplates(),
                            policy_);
  }

  static domain::SendRequest Due(const std::string& reminder_id) {
    return {reminder_id, 1, domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 12, 3}};
  }

  const domain::Message& Only() { return ledger_.messages.begin()->second; }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeMessageLedger ledger_;
  testing::FakeContactDirectory directory_;
  testing::FakeCauseCheck causes_;
  testing::FakeSmsSender aliyun_;
  testing::FakeSmsSender tencent_;
  app::SmsFailover failover_{aliyun_, &tencent_, clock_, {5, Millis{30'000}}};
  app::DispatchPolicy policy_;
};

TEST_F(DispatchVendorsTest, AThrottledSendIsDeferredForTheWindowThenSentOnce) {
  aliyun_.scripted = {Throttled("isv.BUSINESS_LIMIT_CONTROL", Millis{120'000}),
                      Throttled("isv.BUSINESS_LIMIT_CONTROL", Millis{120'000}),
                      Throttled("isv.BUSINESS_LIMIT_CONTROL", Millis{120'000})};
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kDeferred);
  EXPECT_EQ(Only().status, domain::MessageStatus::kDeferred);
  EXPECT_EQ(Only().not_before, clock_.Now() + Millis{120'000});
  clock_.Advance(Millis{119'000});
  EXPECT_EQ(app.DeliverDeferred(), 0);  // not before the vendor's window
  // Three throttles are more than max_attempts (2), and still not a failure.
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(Millis{120'000});
    EXPECT_EQ(app.DeliverDeferred(), 1);
  }
  EXPECT_EQ(Only().status, domain::MessageStatus::kSent);
  EXPECT_EQ(Only().attempts, 4);
  ASSERT_EQ(Only().attempt_log.size(), 4u);
  EXPECT_EQ(Only().attempt_log[0].fault, VendorFault::kThrottled);
  EXPECT_EQ(Only().attempt_log[0].code, "isv.BUSINESS_LIMIT_CONTROL");
  EXPECT_EQ(Only().attempt_log[3].fault, VendorFault::kNone);
  EXPECT_EQ(Only().attempt_log[3].provider_message_id, Only().provider_message_id);
  EXPECT_TRUE(tencent_.sent.empty());  // a throttle is no reason to fail over
  EXPECT_EQ(std::count_if(ledger_.published.begin(), ledger_.published.end(),
                          [](const auto& event) { return event.type == "MessageSent"; }),
            1);
}

TEST_F(DispatchVendorsTest, AnOutageFailsOverToTheSecondVendorWithTheSameMessageId) {
  aliyun_.scripted = {Transient("http_503")};
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kRetrying);
  EXPECT_EQ(Only().status, domain::MessageStatus::kQueued);
  clock_.Advance(kMinute);
  EXPECT_EQ(app.DeliverDeferred(), 1);
  ASSERT_EQ(aliyun_.sent.size(), 1u);
  ASSERT_EQ(tencent_.sent.size(), 1u);
  EXPECT_EQ(aliyun_.sent[0].message_id, tencent_.sent[0].message_id);
  EXPECT_EQ(tencent_.sent[0].avoid_provider, "aliyun");
  const domain::Message& message = Only();
  EXPECT_EQ(message.status, domain::MessageStatus::kSent);
  EXPECT_EQ(message.provider, "tencent");
  ASSERT_EQ(message.attempt_log.size(), 2u);
  EXPECT_EQ(message.attempt_log[0].vendor, "aliyun");
  EXPECT_EQ(message.attempt_log[0].fault, VendorFault::kTransient);
  EXPECT_EQ(message.attempt_log[0].code, "http_503");
  EXPECT_EQ(message.attempt_log[1].vendor, "tencent");
  EXPECT_EQ(message.attempt_log[1].fault, VendorFault::kNone);
  // A replay of the same reminder sends nothing more.
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kDuplicate);
  EXPECT_EQ(aliyun_.sent.size() + tencent_.sent.size(), 2u);
}

TEST_F(DispatchVendorsTest, BothVendorsDownFailsAfterTheAttemptsWithTheLastReason) {
  aliyun_.scripted = {Transient("transport")};
  tencent_.scripted = {Transient("InternalError.Timeout")};
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kRetrying);
  clock_.Advance(kMinute);
  EXPECT_EQ(app.DeliverDeferred(), 1);
  EXPECT_EQ(Only().status, domain::MessageStatus::kFailed);
  EXPECT_EQ(Only().failure_reason, "InternalError.Timeout: vendor unavailable");
  EXPECT_EQ(Only().attempt_log.size(), 2u);
}

TEST_F(DispatchVendorsTest, ABadNumberFailsAtOnceWithTheVendorsReason) {
  aliyun_.scripted = {Permanent("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")};
  app::DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), app::Outcome::kFailed);
  EXPECT_EQ(Only().status, domain::MessageStatus::kFailed);
  EXPECT_EQ(Only().failure_reason, "isv.MOBILE_NUMBER_ILLEGAL: 非法手机号");
  EXPECT_EQ(Only().attempt_log.size(), 1u);
  EXPECT_TRUE(tencent_.sent.empty());
  clock_.Advance(Days{1});
  EXPECT_EQ(app.DeliverDeferred(), 0);
  EXPECT_EQ(aliyun_.sent.size(), 1u);
}

TEST_F(DispatchVendorsTest, GetReturnsTheMessageWithItsAttemptsToItsStoreOnly) {
  aliyun_.scripted = {Transient("http_502")};
  app::DispatchApp app = App();
  (void)app.Process(Due("rem-1"));
  const auth::Principal advisor{"sa", auth::Role::kAdvisor, {"S001"}, false};
  const auth::Principal stranger{"sa-2", auth::Role::kAdvisor, {"S002"}, false};
  const std::string id = Only().message_id;
  auto found = app.Get(advisor, id);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->attempt_log.size(), 1u);
  EXPECT_EQ(found->attempt_log[0].code, "http_502");
  EXPECT_EQ(app.Get(stranger, id).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(app.Get(advisor, "nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(app.Get(advisor, "").error().field, "message_id");
}

}  // namespace
}  // namespace careloop::dispatch
