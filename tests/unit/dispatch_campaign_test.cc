// Dispatch sending campaign messages: a template per holiday greeting and per campaign kind, the
// opt-out line on every marketing text, and the same-day rule (a campaign message yields to the
// holiday greeting of the same store-local day), over the shared dispatch fakes.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include "common/clock/clock.h"
#include "common/config/stores.h"

#include "services/dispatch/app/campaign_texts.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/domain/same_day.h"
#include "tests/fakes/dispatch_fakes.h"

namespace careloop::dispatch::app {
namespace {

using careloop::testing::FakeCauseCheck;
using careloop::testing::FakeContactDirectory;
using careloop::testing::FakeMessageLedger;
using careloop::testing::FakeSmsSender;

domain::SendRequest Greeting(const std::string& reminder_id, const std::string& holiday = "mid_autumn") {
  domain::SendRequest request{reminder_id, 1, domain::CareKind::kHolidayGreeting, "cus-1", "S001", "", {2027, 9, 15}};
  request.holiday = holiday;
  return request;
}

domain::SendRequest Offer(const std::string& reminder_id, const std::string& template_id = "") {
  domain::SendRequest request{reminder_id, 1, domain::CareKind::kCampaign, "cus-1", "S001", "", {2027, 9, 15}};
  request.template_id = template_id;
  return request;
}

/// The campaigns' own texts, by campaign id; `available` false answers UNAVAILABLE.
class FakeCampaignTexts final : public CampaignTexts {
 public:
  Result<CampaignFacts> FactsOf(const std::string& campaign_id) override {
    if (!available) {
      return Error{ErrorCode::kUnavailable, "", "reminders service down"};
    }
    auto it = texts.find(campaign_id);
    if (it == texts.end()) {
      return Error{ErrorCode::kNotFound, "campaign_id", "no campaign"};
    }
    return CampaignFacts{it->second, cancelled.contains(campaign_id)};
  }
  std::map<std::string, std::string> texts;
  std::set<std::string> cancelled;
  bool available = true;
};

TEST(CampaignTemplates, EveryHolidayHasAGreetingAndEveryMarketingTextTheOptOutLine) {
  const domain::Templates templates = domain::DefaultTemplates();
  for (const char* holiday : {"new_year", "spring_festival", "lantern_festival", "qingming", "labour_day",
                              "dragon_boat", "qixi", "mid_autumn", "double_ninth", "national_day"}) {
    const std::string name = domain::TemplateNameFor(Greeting("rem-1", holiday), {2027, 9, 15});
    ASSERT_TRUE(templates.contains(name)) << name;
    EXPECT_TRUE(templates.at(name).text.ends_with("回T退订")) << name;
  }
  EXPECT_NE(templates.at("holiday_greeting_mid_autumn").text.find("中秋"), std::string::npos);
  for (const char* name : {"seasonal_check", "pre_holiday_check", "win_back_offer", "campaign", "holiday_greeting"}) {
    ASSERT_TRUE(templates.contains(name)) << name;
    EXPECT_TRUE(templates.at(name).text.ends_with("回T退订")) << name;
  }
  EXPECT_EQ(domain::TemplateNameFor(Offer("rem-2", "win_back_offer"), {2027, 9, 15}), "win_back_offer");
  EXPECT_EQ(domain::TemplateNameFor(Offer("rem-2"), {2027, 9, 15}), "campaign");
  EXPECT_EQ(domain::ClassOf(domain::CareKind::kHolidayGreeting), domain::MessageClass::kMarketing);
  EXPECT_EQ(domain::ClassOf(domain::CareKind::kFirstMaintenance), domain::MessageClass::kCare);
  EXPECT_FALSE(templates.at("first_maintenance").text.ends_with("回T退订"));
}

class CampaignDispatchTest : public ::testing::Test {
 protected:
  CampaignDispatchTest() : clock_(*ParseRfc3339("2027-09-15T09:00:00+08:00")), stores_({Store()}) {
    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = "13912345678";
    contact.gender = 1;
    directory_.contacts["cus-1"] = contact;
  }
  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.merge_window_minutes = 3;
    store.message_gap_minutes = 0;
    return store;
  }
  DispatchApp App() {
    return DispatchApp(ledger_, directory_, causes_, sms_, clock_, stores_, domain::DefaultTemplates(), policy_);
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeMessageLedger ledger_;
  FakeContactDirectory directory_;
  FakeCauseCheck causes_;
  FakeSmsSender sms_;
  DispatchPolicy policy_;
};

TEST_F(CampaignDispatchTest, TheMidAutumnGreetingGoesOutSignedWithTheOptOutLine) {
  DispatchApp app = App();
  EXPECT_EQ(app.Process(Greeting("rem-g")).value(), Outcome::kSent);
  ASSERT_EQ(sms_.sent.size(), 1U);
  const auto& stored = ledger_.messages.at(sms_.sent[0].message_id);
  EXPECT_EQ(stored.template_id, "SMS_CL_GREET_MID_AUTUMN");
  EXPECT_EQ(stored.rendered_text,
            "【星途汽车朝阳店】王先生您好，值此中秋佳节，祝您和家人花好月圆、阖家团圆，出行平安！回T退订");
}

TEST_F(CampaignDispatchTest, ACampaignMessageDueWithTheGreetingYieldsToIt) {
  DispatchApp app = App();
  // Both fall due at 09:00: the offer waits the merge window, the greeting goes at once.
  EXPECT_EQ(app.Process(Offer("rem-o")).value(), Outcome::kDeferred);
  EXPECT_EQ(app.Process(Greeting("rem-g")).value(), Outcome::kSent);
  clock_.Advance(Millis{3 * 60'000});
  EXPECT_EQ(app.Process(Offer("rem-o")).value(), Outcome::kSuppressed);
  ASSERT_EQ(sms_.sent.size(), 1U);
  EXPECT_EQ(ledger_.messages.at(domain::MessageIdFor("rem-o", 1, "sms")).suppression,
            domain::Suppression::kFrequencyCap);
}

TEST_F(CampaignDispatchTest, OnTheNextDayTheCampaignMessageGoes) {
  DispatchApp app = App();
  EXPECT_EQ(app.Process(Greeting("rem-g")).value(), Outcome::kSent);
  clock_.Set(*ParseRfc3339("2027-09-16T10:00:00+08:00"));
  domain::SendRequest next_day = Offer("rem-o");
  next_day.service_due_date = {2027, 9, 16};
  EXPECT_EQ(app.Process(next_day).value(), Outcome::kDeferred);
  clock_.Advance(Millis{3 * 60'000});
  EXPECT_EQ(app.Process(next_day).value(), Outcome::kSent);
  EXPECT_EQ(sms_.sent.size(), 2U);
}

TEST_F(CampaignDispatchTest, AGreetingThatMissedItsDayIsNeverSentLate) {
  clock_.Set(*ParseRfc3339("2027-09-16T09:00:00+08:00"));  // the service was down on the festival
  DispatchApp app = App();
  EXPECT_EQ(app.Process(Greeting("rem-g")).value(), Outcome::kSuppressed);
  EXPECT_TRUE(sms_.sent.empty());
  EXPECT_EQ(ledger_.messages.at(domain::MessageIdFor("rem-g", 1, "sms")).suppression,
            domain::Suppression::kNoLongerWanted);
}

TEST_F(CampaignDispatchTest, ACustomCampaignSendsTheStoresOwnText) {
  FakeCampaignTexts texts;
  texts.texts["cmp-1"] = "国庆期间到店保养，工时费八折。";
  DispatchApp app = App();
  app.UseCampaignTexts(texts);
  domain::SendRequest custom = Offer("rem-c", "campaign_custom");
  custom.campaign_id = "cmp-1";
  texts.available = false;  // the reminders service down: a retryable error, the event comes back
  const auto down = app.Process(custom);
  ASSERT_FALSE(down.ok());
  EXPECT_TRUE(down.error().IsRetryable());
  EXPECT_TRUE(ledger_.messages.empty());
  texts.available = true;
  EXPECT_EQ(app.Process(custom).value(), Outcome::kDeferred);  // the same-day rule's wait
  clock_.Advance(Millis{3 * 60'000});
  EXPECT_EQ(app.Process(custom).value(), Outcome::kSent);
  ASSERT_EQ(sms_.sent.size(), 1U);
  const auto& stored = ledger_.messages.at(sms_.sent[0].message_id);
  EXPECT_EQ(stored.template_id, "SMS_CL_CAMPAIGN_CUSTOM");
  EXPECT_EQ(stored.rendered_text, "【星途汽车朝阳店】王先生您好，国庆期间到店保养，工时费八折。回T退订");
}

TEST_F(CampaignDispatchTest, AMessageOfACancelledCampaignNotYetOutIsNotSent) {
  FakeCampaignTexts campaigns;
  campaigns.texts["cmp-1"] = "";
  DispatchApp app = App();
  app.UseCampaignTexts(campaigns);
  domain::SendRequest offer = Offer("rem-o", "win_back_offer");
  offer.campaign_id = "cmp-1";
  EXPECT_EQ(app.Process(offer).value(), Outcome::kDeferred);  // fired, waiting to go out
  campaigns.cancelled.insert("cmp-1");                        // CancelCampaign meanwhile
  clock_.Advance(Millis{3 * 60'000});
  EXPECT_EQ(app.Process(offer).value(), Outcome::kSuppressed);
  EXPECT_TRUE(sms_.sent.empty());
  EXPECT_EQ(ledger_.messages.at(domain::MessageIdFor("rem-o", 1, "sms")).suppression,
            domain::Suppression::kNoLongerWanted);
}

TEST_F(CampaignDispatchTest, ACustomCampaignWithoutItsTextGetsTheGenericOne) {
  DispatchApp app = App();  // no campaign texts wired
  domain::SendRequest custom = Offer("rem-c", "campaign_custom");
  custom.campaign_id = "cmp-1";
  EXPECT_EQ(app.Process(custom).value(), Outcome::kDeferred);
  clock_.Advance(Millis{3 * 60'000});
  EXPECT_EQ(app.Process(custom).value(), Outcome::kSent);
  EXPECT_EQ(ledger_.messages.at(sms_.sent[0].message_id).template_id, "SMS_CL_CAMPAIGN");
}

TEST(SameDayRule, AGreetingYieldsOnlyToACampaignMessageAlreadySent) {
  const TimeZone zone("Asia/Shanghai");
  const Date today{2027, 9, 15};
  domain::Message offer;
  offer.cause_id = "rem-o";
  offer.kind = domain::CareKind::kCampaign;
  offer.status = domain::MessageStatus::kDeferred;
  offer.created_at = *ParseRfc3339("2027-09-15T09:00:00+08:00");
  offer.not_before = *ParseRfc3339("2027-09-15T09:03:00+08:00");
  EXPECT_FALSE(domain::YieldsOnSameDay(Greeting("rem-g"), {offer}, today, zone));  // waiting: the greeting first
  offer.status = domain::MessageStatus::kSent;
  offer.sent_at = offer.not_before;
  EXPECT_TRUE(domain::YieldsOnSameDay(Greeting("rem-g"), {offer}, today, zone));
  EXPECT_FALSE(domain::YieldsOnSameDay(Greeting("rem-g"), {offer}, {2027, 9, 16}, zone));
  // Routine care is not a campaign message: the rule does not touch it.
  domain::SendRequest maintenance{"rem-m", 1, domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", today};
  EXPECT_FALSE(domain::YieldsOnSameDay(maintenance, {offer}, today, zone));
  // A second campaign message the same day yields to the first one sent.
  EXPECT_TRUE(domain::YieldsOnSameDay(Offer("rem-p", "win_back_offer"), {offer}, today, zone));
}

}  // namespace
}  // namespace careloop::dispatch::app
