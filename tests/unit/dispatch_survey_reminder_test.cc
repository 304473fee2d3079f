// The one reminder to a survey's non-responder in dispatch: careloop.survey.v1 SurveyReminded
// through SendRequestHandler into DispatchApp over the in-memory fakes (tests/fakes/dispatch_fakes.h)
// — occurrence 2 of the survey (its own message id, a replay sends nothing), its own texts (a
// score reply, or the answer page's link), quiet hours like the invitation, and never at or after
// the survey's expiry.
#include <gtest/gtest.h>

#include "careloop/survey/v1/events.pb.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "services/dispatch/adapters/event_handlers.h"
#include "services/dispatch/app/dispatch_app.h"
#include "tests/fakes/dispatch_fakes.h"

namespace careloop::dispatch::adapters {
namespace {

namespace survey_pb = careloop::survey::v1;
using Outcome = kafka::HandlerResult::Outcome;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

class DispatchSurveyReminderTest : public ::testing::Test {
 protected:
  DispatchSurveyReminderTest()
      : clock_(At("2026-12-03T10:00:00+08:00")),
        stores_({Store()}),
        app_(ledger_, directory_, causes_, sms_, clock_, stores_, domain::DefaultTemplates(), app::DispatchPolicy{}),
        handler_(app_) {
    domain::Contact contact;
    contact.customer_id = "cus-1";
    contact.store_id = "S001";
    contact.name = "王小明";
    contact.mobile = "13912345678";
    contact.gender = 1;
    contact.plates["veh-1"] = "京A12345";
    directory_.contacts["cus-1"] = contact;
  }

  // S001 without the gap between two messages: the texts of two surveys go at once.
  static config::StoreSettings Store() {
    config::StoreSettings store{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"};
    store.message_gap_minutes = 0;
    return store;
  }

  Outcome Deliver(const google::protobuf::Message& payload, const std::string& id) {
    return handler_(events::MakeEvent(payload, "/careloop/surveys", "cus-1", id, clock_.Now())).outcome;
  }

  static survey_pb::SurveyReminded Reminded() {
    survey_pb::SurveyReminded reminded;
    reminded.set_survey_id("srv-1");
    reminded.set_customer_id("cus-1");
    reminded.set_store_id("S001");
    reminded.set_kind(survey_pb::SURVEY_KIND_SERVICE_VISIT);
    reminded.set_vehicle_id("veh-1");
    reminded.set_visit_id("visit-1");
    *reminded.mutable_expires_at() = events::ToTimestamp(At("2026-12-08T10:00:00+08:00"));
    return reminded;
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  careloop::testing::FakeMessageLedger ledger_;
  careloop::testing::FakeContactDirectory directory_;
  careloop::testing::FakeCauseCheck causes_;
  careloop::testing::FakeSmsSender sms_;
  app::DispatchApp app_;
  SendRequestHandler handler_;
};

TEST_F(DispatchSurveyReminderTest, TheReminderIsTheSurveysSecondMessageSentOnce) {
  ASSERT_EQ(Deliver(Reminded(), "evt-1"), Outcome::kDone);
  ASSERT_EQ(Deliver(Reminded(), "evt-1"), Outcome::kDone);  // a replay
  ASSERT_EQ(sms_.sent.size(), 1u);
  EXPECT_EQ(sms_.sent[0].message_id, domain::MessageIdFor("srv-1", 2, "sms"));
  EXPECT_NE(sms_.sent[0].message_id, domain::MessageIdFor("srv-1", 1, "sms"));  // not the invitation's
  EXPECT_EQ(sms_.sent[0].template_code, "SMS_CL_SURVEY_REMIND");
  const std::string& text = ledger_.messages.at(sms_.sent[0].message_id).rendered_text;
  EXPECT_NE(text.find("王先生您好"), std::string::npos);
  EXPECT_NE(text.find("回复1-10"), std::string::npos);
}

TEST_F(DispatchSurveyReminderTest, TheDeliverySurveysReminderAndTheLinkHaveTheirOwnTexts) {
  auto delivery = Reminded();
  delivery.set_survey_id("srv-2");
  delivery.set_kind(survey_pb::SURVEY_KIND_SALES_DELIVERY);
  ASSERT_EQ(Deliver(delivery, "evt-2"), Outcome::kDone);
  auto linked = Reminded();
  linked.set_survey_id("srv-3");
  linked.set_answer_url("https://s.example.cn/s/tok3");
  ASSERT_EQ(Deliver(linked, "evt-3"), Outcome::kDone);
  ASSERT_EQ(sms_.sent.size(), 2u);
  EXPECT_EQ(sms_.sent[0].template_code, "SMS_CL_DELIVERY_SURVEY_REMIND");
  EXPECT_EQ(sms_.sent[1].template_code, "SMS_CL_SURVEY_REMIND_LINK");
  EXPECT_EQ(sms_.sent[1].params.at("survey_link"), "https://s.example.cn/s/tok3");
  EXPECT_NE(ledger_.messages.at(sms_.sent[1].message_id).rendered_text.find("https://s.example.cn/s/tok3"),
            std::string::npos);
}

TEST_F(DispatchSurveyReminderTest, HeldByQuietHoursPastTheExpiryItIsNeverSent) {
  auto reminded = Reminded();
  *reminded.mutable_expires_at() = events::ToTimestamp(At("2026-12-04T07:00:00+08:00"));
  clock_.Set(At("2026-12-03T22:00:00+08:00"));
  ASSERT_EQ(Deliver(reminded, "evt-1"), Outcome::kDone);
  EXPECT_TRUE(sms_.sent.empty());  // deferred to 08:00, after the survey expires at 07:00
  clock_.Set(At("2026-12-04T08:00:01+08:00"));
  EXPECT_EQ(app_.DeliverDeferred(), 1);
  EXPECT_TRUE(sms_.sent.empty());
  const auto& stored = ledger_.messages.at(domain::MessageIdFor("srv-1", 2, "sms"));
  EXPECT_EQ(stored.status, domain::MessageStatus::kSuppressed);
  EXPECT_EQ(stored.suppression, domain::Suppression::kNoLongerWanted);
}

TEST_F(DispatchSurveyReminderTest, AReminderWithoutItsExpiryIsPoison) {
  auto reminded = Reminded();
  reminded.clear_expires_at();
  EXPECT_EQ(Deliver(reminded, "evt-1"), Outcome::kPoison);
  EXPECT_TRUE(sms_.sent.empty());
}

}  // namespace
}  // namespace careloop::dispatch::adapters
