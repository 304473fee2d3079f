// DispatchApp over the shared in-memory fakes of its ports (tests/fakes/dispatch_fakes.h; the
// Redis ledger is tested against a real redis-server in tests/integration).
#include <gtest/gtest.h>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/dispatch_app.h"
#include "tests/fakes/dispatch_fakes.h"

namespace careloop::dispatch::app {
namespace {

using careloop::testing::FakeCauseCheck;
using careloop::testing::FakeContactDirectory;
using careloop::testing::FakeMessageLedger;
using careloop::testing::FakeSmsSender;

class DispatchAppTest : public ::testing::Test {
 protected:
  DispatchAppTest() : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")), stores_({StoreWith(0, 0)}) {
    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = "13912345678";
    contact.gender = 1;
    contact.plates["veh-1"] = "京A12345";
    contact.models["veh-1"] = "星途瑶光";
    directory_.contacts["cus-1"] = contact;
    policy_.retry_backoff = Millis{60'000};
    policy_.max_attempts = 2;
  }

  // S001; the merge window and the gap between messages are off unless a test is about them.
  static config::StoreSettings StoreWith(int merge_window_minutes, int message_gap_minutes) {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = merge_window_minutes;
    store.message_gap_minutes = message_gap_minutes;
    return store;
  }

  DispatchApp App() {
    return DispatchApp(ledger_, directory_, causes_, sms_, clock_, stores_, domain::DefaultTemplates(), policy_);
  }

  static domain::SendRequest Due(const std::string& reminder_id, const std::string& customer = "cus-1") {
    return {reminder_id, 1, domain::CareKind::kFirstMaintenance, customer, "S001", "veh-1", {2026, 12, 3}};
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeMessageLedger ledger_;
  FakeContactDirectory directory_;
  FakeCauseCheck causes_;
  FakeSmsSender sms_;
  DispatchPolicy policy_;
};

TEST_F(DispatchAppTest, SendsOnceEvenWhenTheSameReminderArrivesTwice) {
  DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), Outcome::kSent);
  EXPECT_EQ(app.Process(Due("rem-1")).value(), Outcome::kDuplicate);
  ASSERT_EQ(sms_.sent.size(), 1u);
  EXPECT_EQ(sms_.sent[0].message_id, domain::MessageIdFor("rem-1", 1, "sms"));
  EXPECT_EQ(sms_.sent[0].sign_name, "星途汽车朝阳店");
  EXPECT_EQ(sms_.sent[0].params.at("plate"), "京A12345");
  const auto& stored = ledger_.messages.at(sms_.sent[0].message_id);
  EXPECT_EQ(stored.masked_recipient, "139****5678");
  EXPECT_EQ(stored.rendered_text.rfind("【星途汽车朝阳店】王先生您好", 0), 0u);
}

TEST_F(DispatchAppTest, QuietHoursDeferUntilEightThenDeliver) {
  clock_.Set(*ParseRfc3339("2026-11-22T22:30:00+08:00"));
  DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), Outcome::kDeferred);
  EXPECT_TRUE(sms_.sent.empty());
  EXPECT_EQ(app.DeliverDeferred(), 0);  // still night
  clock_.Set(*ParseRfc3339("2026-11-23T08:00:00+08:00"));
  EXPECT_EQ(app.DeliverDeferred(), 1);
  EXPECT_EQ(sms_.sent.size(), 1u);
}

TEST_F(DispatchAppTest, AReminderAnsweredOvernightIsNotSentAtEight) {
  // Due at 22:30, it waits for 08:00; the maintenance visit is recorded in the night.
  clock_.Set(*ParseRfc3339("2026-11-22T22:30:00+08:00"));
  DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), Outcome::kDeferred);
  causes_.unwanted.insert("rem-1");
  clock_.Set(*ParseRfc3339("2026-11-23T08:01:00+08:00"));
  EXPECT_EQ(app.DeliverDeferred(), 1);
  EXPECT_TRUE(sms_.sent.empty());
  const auto& stored = ledger_.messages.begin()->second;
  EXPECT_EQ(stored.status, domain::MessageStatus::kSuppressed);
  EXPECT_EQ(stored.suppression, domain::Suppression::kNoLongerWanted);
  EXPECT_EQ(app.DeliverDeferred(), 0);
}

TEST_F(DispatchAppTest, EveryMessageIsCheckedRightBeforeItIsSent) {
  DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), Outcome::kSent);
  EXPECT_EQ(causes_.checked, std::vector<std::string>{"rem-1"});
  causes_.unavailable = true;  // the reminders service cannot answer: nothing is sent, the event is retried
  auto outcome = app.Process(Due("rem-2"));
  ASSERT_FALSE(outcome.ok());
  EXPECT_TRUE(outcome.error().IsRetryable());
  EXPECT_EQ(sms_.sent.size(), 1u);
  EXPECT_FALSE(ledger_.messages.contains(domain::MessageIdFor("rem-2", 1, "sms")));
}

TEST_F(DispatchAppTest, AReminderWithinTheGracePeriodDoesNotNameThePassedDate) {
  DispatchApp app = App();
  // The first maintenance was due two days ago (2026-11-20): the text asks to come soon.
  ASSERT_EQ(
      app.Process({"rem-1", 1, domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2026, 11, 20}}).value(),
      Outcome::kSent);
  ASSERT_EQ(sms_.sent.size(), 1u);
  EXPECT_EQ(sms_.sent[0].template_code, "SMS_CL_FIRST_MAINT_DUE");
  const std::string text = ledger_.messages.begin()->second.rendered_text;
  EXPECT_NE(text.find("已到首次免费保养时间，请尽快预约到店"), std::string::npos) << text;
  EXPECT_EQ(text.find("2026年11月20日"), std::string::npos) << text;
}

TEST_F(DispatchAppTest, AnInsuranceRenewalNamesTheEndDateUntilItHasPassed) {
  DispatchApp app = App();
  ASSERT_EQ(
      app.Process({"rem-r1", 1, domain::CareKind::kInsuranceRenewal, "cus-1", "S001", "veh-1", {2026, 12, 22}}).value(),
      Outcome::kSent);
  EXPECT_EQ(sms_.sent.at(0).template_code, "SMS_CL_INSURANCE_RENEWAL");
  EXPECT_NE(ledger_.messages.at(sms_.sent[0].message_id).rendered_text.find("京A12345的车险将于2026年12月22日到期"),
            std::string::npos);
  ASSERT_EQ(
      app.Process({"rem-r2", 1, domain::CareKind::kInsuranceRenewal, "cus-1", "S001", "veh-1", {2026, 11, 20}}).value(),
      Outcome::kSent);
  EXPECT_EQ(sms_.sent.at(1).template_code, "SMS_CL_INSURANCE_RENEWAL_DUE");
  EXPECT_EQ(causes_.checked, (std::vector<std::string>{"rem-r1", "rem-r2"}));
}

TEST_F(DispatchAppTest, TheDeliverySurveyHasItsOwnText) {
  DispatchApp app = App();
  domain::SendRequest survey{"srv-1", 1, domain::CareKind::kSurveyInvitation, "cus-1", "S001", "veh-1", {}};
  survey.about_delivery = true;
  ASSERT_EQ(app.Process(survey).value(), Outcome::kSent);
  EXPECT_EQ(sms_.sent.at(0).template_code, "SMS_CL_DELIVERY_SURVEY");
  EXPECT_NE(ledger_.messages.begin()->second.rendered_text.find("京A12345"), std::string::npos);
}

TEST_F(DispatchAppTest, ABurstBecomesOneMaintenanceTextAndASpacedSurvey) {
  // Two cars' first maintenance and a survey arrive within seconds (an import).
  stores_ = config::StoreCatalog({StoreWith(3, 10)});
  directory_.contacts["cus-1"].plates["veh-2"] = "京B67890";
  directory_.contacts["cus-1"].models["veh-2"] = "星途揽月";
  DispatchApp app = App();
  const Instant start = clock_.Now();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), Outcome::kDeferred);  // waits the merge window
  clock_.Advance(Millis{2'000});
  EXPECT_EQ(
      app.Process({"rem-2", 1, domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-2", {2026, 12, 5}}).value(),
      Outcome::kDeferred);
  clock_.Advance(Millis{2'000});
  EXPECT_EQ(app.Process({"srv-1", 1, domain::CareKind::kSurveyInvitation, "cus-1", "S001", "veh-1", {}}).value(),
            Outcome::kSent);
  ASSERT_EQ(sms_.sent.size(), 1u);

  clock_.Set(start + Millis{3 * 60'000 + 2'000});  // both windows over: the gap since the survey is not
  EXPECT_EQ(app.DeliverDeferred(), 2);
  EXPECT_EQ(sms_.sent.size(), 1u);
  clock_.Set(start + Millis{10 * 60'000 + 4'000});  // ten minutes after the survey
  EXPECT_GE(app.DeliverDeferred(), 1);
  app.DeliverDeferred();
  ASSERT_EQ(sms_.sent.size(), 2u);
  EXPECT_EQ(sms_.sent[1].template_code, "SMS_CL_MAINT_CARS");
  const auto& merged_into = ledger_.messages.at(sms_.sent[1].message_id);
  EXPECT_NE(merged_into.rendered_text.find("京A12345（星途瑶光）、京B67890（星途揽月）"), std::string::npos)
      << merged_into.rendered_text;
  const std::string first_id = domain::MessageIdFor("rem-1", 1, "sms");
  const std::string second_id = domain::MessageIdFor("rem-2", 1, "sms");
  const auto& other = ledger_.messages.at(sms_.sent[1].message_id == first_id ? second_id : first_id);
  EXPECT_EQ(other.status, domain::MessageStatus::kSuppressed);
  EXPECT_EQ(other.suppression, domain::Suppression::kMerged);
  EXPECT_EQ(other.merged_into, sms_.sent[1].message_id);
  EXPECT_EQ(app.DeliverDeferred(), 0);
  EXPECT_EQ(sms_.sent.size(), 2u);
}

TEST_F(DispatchAppTest, NoConsentAndUnknownCustomerAreSuppressedNotSent) {
  directory_.contacts["cus-1"].sms_consent = false;
  DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), Outcome::kSuppressed);
  EXPECT_EQ(ledger_.messages.begin()->second.suppression, domain::Suppression::kNoConsent);
  EXPECT_EQ(app.Process(Due("rem-2", "cus-404")).value(), Outcome::kSuppressed);
  EXPECT_TRUE(sms_.sent.empty());
}

TEST_F(DispatchAppTest, FrequencyCapDefersTheFourthMessageInAWeekUntilTheWeekHasRoom) {
  DispatchApp app = App();
  for (const char* id : {"rem-1", "rem-2", "rem-3"}) {
    EXPECT_EQ(app.Process(Due(id)).value(), Outcome::kSent);
  }
  // It yields to what went out and waits for the next slot (its due date's grace is far off).
  EXPECT_EQ(app.Process(Due("rem-4")).value(), Outcome::kDeferred);
  EXPECT_EQ(ledger_.messages.at(domain::MessageIdFor("rem-4", 1, "sms")).not_before,
            *ParseRfc3339("2026-11-29T10:00:00+08:00"));
  clock_.Advance(Days{8});
  EXPECT_EQ(app.DeliverDeferred(), 1);
  EXPECT_EQ(app.Process(Due("rem-5")).value(), Outcome::kSent);
  EXPECT_EQ(sms_.sent.size(), 5U);
}

TEST_F(DispatchAppTest, ThrottledSendIsRetriedWithTheSameIdThenGivenUp) {
  sms_.scripted = {{false, true, "", "isv.BUSINESS_LIMIT_CONTROL", "throttled"},
                   {false, true, "", "isv.BUSINESS_LIMIT_CONTROL", "throttled"}};
  DispatchApp app = App();
  EXPECT_EQ(app.Process(Due("rem-1")).value(), Outcome::kRetrying);
  clock_.Advance(Millis{60'000});
  EXPECT_EQ(app.DeliverDeferred(), 1);
  ASSERT_EQ(sms_.sent.size(), 2u);
  EXPECT_EQ(sms_.sent[0].message_id, sms_.sent[1].message_id);
  EXPECT_EQ(ledger_.messages.at(sms_.sent[0].message_id).status, domain::MessageStatus::kFailed);
}

TEST_F(DispatchAppTest, DirectoryOutageIsARetryableErrorAndRecordsNothing) {
  directory_.unavailable = true;
  DispatchApp app = App();
  auto outcome = app.Process(Due("rem-1"));
  ASSERT_FALSE(outcome.ok());
  EXPECT_TRUE(outcome.error().IsRetryable());
  EXPECT_TRUE(ledger_.messages.empty());
}

TEST_F(DispatchAppTest, RepliesAreMatchedClassifiedAndRecordedOnce) {
  DispatchApp app = App();
  const auth::Principal service{"dispatch-webhook", auth::Role::kService, {}, true};
  // By the sender's mobile (Aliyun's uplink echoes no message id).
  auto receipt = app.ReceiveReply(service, "aliyun", "up-1", false, "13912345678", "TD", "", Instant{});
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_TRUE(receipt->matched);
  EXPECT_FALSE(receipt->duplicate);
  EXPECT_EQ(receipt->reply.customer_id, "cus-1");
  EXPECT_EQ(receipt->reply.meaning.kind, domain::ReplyKind::kOptOut);
  // The provider retries the callback: recorded once.
  EXPECT_TRUE(app.ReceiveReply(service, "aliyun", "up-1", false, "13912345678", "TD", "", Instant{})->duplicate);
  EXPECT_EQ(ledger_.inbound.size(), 1u);
  // By our message id, when echoed.
  ASSERT_EQ(app.Process(Due("rem-1")).value(), Outcome::kSent);
  const std::string message_id = sms_.sent.back().message_id;
  receipt = app.ReceiveReply(service, "tencent", "up-2", false, "", "8", message_id, Instant{});
  ASSERT_TRUE(receipt.ok());
  EXPECT_EQ(receipt->reply.message_id, message_id);
  EXPECT_EQ(receipt->reply.meaning.score, 8);
  // A stranger's number: nothing recorded; missing ids and staff callers are refused.
  receipt = app.ReceiveReply(service, "aliyun", "up-3", false, "13800000000", "TD", "", Instant{});
  ASSERT_TRUE(receipt.ok());
  EXPECT_FALSE(receipt->matched);
  EXPECT_EQ(ledger_.inbound.size(), 2u);
  EXPECT_EQ(
      app.ReceiveReply(service, "aliyun-sms", "up-5", false, "13912345678", "TD", "", Instant{}).error().ToString(),
      "provider: must be aliyun, tencent or wechat, got 'aliyun-sms'");
  EXPECT_EQ(app.ReceiveReply(service, "aliyun", "", false, "13912345678", "TD", "", Instant{}).error().field,
            "provider_event_id");
  const auth::Principal advisor{"sa", auth::Role::kAdvisor, {"S001"}, false};
  EXPECT_EQ(app.ReceiveReply(advisor, "aliyun", "up-4", false, "13912345678", "TD", "", Instant{}).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(DispatchAppTest, DeferredMessageLeftByADeadInstanceIsSentOnceItsLeaseExpires) {
  clock_.Set(*ParseRfc3339("2026-11-22T22:30:00+08:00"));
  DispatchApp app = App();
  ASSERT_EQ(app.Process(Due("rem-1")).value(), Outcome::kDeferred);
  clock_.Set(*ParseRfc3339("2026-11-23T08:00:00+08:00"));
  // Another instance claims the deferred message and dies before handling it.
  ASSERT_EQ(ledger_.ClaimDeferred(clock_.Now(), Millis{60'000}, 10).size(), 1u);
  EXPECT_EQ(app.DeliverDeferred(), 0);
  ledger_.real_time.Advance(Millis{60'000});
  EXPECT_EQ(app.DeliverDeferred(), 1);
  ASSERT_EQ(sms_.sent.size(), 1u);
  EXPECT_EQ(ledger_.messages.at(sms_.sent[0].message_id).status, domain::MessageStatus::kSent);
  EXPECT_FALSE(ledger_.deferred.IsLeased(sms_.sent[0].message_id));
  EXPECT_EQ(app.DeliverDeferred(), 0);
}

TEST_F(DispatchAppTest, ListShowsACustomersMessagesOnlyToCallersOfTheirStore) {
  DispatchApp app = App();
  ASSERT_EQ(app.Process(Due("rem-1")).value(), Outcome::kSent);
  const auth::Principal advisor{"sa", auth::Role::kAdvisor, {"S001"}, false};
  auto listed = app.List(advisor, "cus-1", "");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().message_id, domain::MessageIdFor("rem-1", 1, "sms"));
  const auth::Principal stranger{"sa-2", auth::Role::kAdvisor, {"S002"}, false};
  EXPECT_EQ(app.List(stranger, "cus-1", "").error().code, ErrorCode::kPermissionDenied);
}

TEST_F(DispatchAppTest, ListPageChecksThePageSizeAndTheScopeLikeList) {
  DispatchApp app = App();  // no MessagePages wired: the first messages as one page
  ASSERT_EQ(app.Process(Due("rem-1")).value(), Outcome::kSent);
  const auth::Principal advisor{"sa", auth::Role::kAdvisor, {"S001"}, false};
  MessagePageQuery query;
  query.customer_id = "cus-1";
  auto page = app.ListPage(advisor, query);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(page->messages.size(), 1u);
  EXPECT_EQ(page->total, 1u);
  EXPECT_EQ(page->next_offset, 0u);
  const auth::Principal stranger{"sa-2", auth::Role::kAdvisor, {"S002"}, false};
  EXPECT_EQ(app.ListPage(stranger, query).error().code, ErrorCode::kPermissionDenied);
  query.limit = 0;
  EXPECT_EQ(app.ListPage(advisor, query).error().field, "page.page_size");
  query.limit = kMaxMessagePage + 1;
  EXPECT_EQ(app.ListPage(advisor, query).error().field, "page.page_size");
}

TEST_F(DispatchAppTest, AnAppointmentConfirmationGoesAtOnceEvenInQuietHours) {
  clock_.Set(*ParseRfc3339("2026-11-22T22:30:00+08:00"));
  DispatchApp app = App();
  domain::SendRequest confirmation{
      "rem-apt", 1, domain::CareKind::kAppointmentConfirmation, "cus-1", "S001", "veh-1", {2026, 11, 24}};
  EXPECT_EQ(app.Process(confirmation).value(), Outcome::kSent);
  ASSERT_EQ(sms_.sent.size(), 1u);
  EXPECT_NE(ledger_.messages.at(sms_.sent[0].message_id).rendered_text.find("2026年11月24日"), std::string::npos);
  // A greeting at the same hour waits for the morning, in its lunar wording.
  domain::SendRequest greeting{"rem-bday", 1, domain::CareKind::kBirthday, "cus-1", "S001", "", {2026, 11, 22}};
  greeting.template_id = "birthday_lunar";
  EXPECT_EQ(app.Process(greeting).value(), Outcome::kDeferred);
  clock_.Set(*ParseRfc3339("2026-11-23T08:00:00+08:00"));
  EXPECT_EQ(app.DeliverDeferred(), 1);
  ASSERT_EQ(sms_.sent.size(), 2u);
  EXPECT_NE(ledger_.messages.at(sms_.sent[1].message_id).rendered_text.find("农历生日"), std::string::npos);
}

}  // namespace
}  // namespace careloop::dispatch::app
