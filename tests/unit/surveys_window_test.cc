// The answer window of surveys: the window's length (template validity or the service's),
// SurveyWindowApp over the in-memory store (tests/fakes/surveys_window_fakes.h) and a manual
// clock — the one reminder to a non-responder, the expiry of an unanswered survey, answered
// surveys left alone, replays doing nothing twice — and the route from the reminders' timers.
#include <gtest/gtest.h>

#include <string_view>

#include "careloop/reminder/v1/events.pb.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/survey_window_events.h"
#include "services/surveys/app/answers_app.h"
#include "services/surveys/app/survey_window_app.h"
#include "services/surveys/app/surveys_app.h"
#include "services/surveys/app/templates_app.h"
#include "services/surveys/domain/survey_window.h"
#include "tests/fakes/surveys_answer_fakes.h"
#include "tests/fakes/surveys_fakes.h"
#include "tests/fakes/surveys_window_fakes.h"

namespace careloop::surveys::app {
namespace {

namespace reminder_pb = careloop::reminder::v1;
using careloop::testing::IdsOf;
using Outcome = kafka::HandlerResult::Outcome;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

domain::Survey Issued(const std::string& id = "srv-1") {
  domain::Survey survey;
  survey.survey_id = id;
  survey.customer_id = "cus-1";
  survey.store_id = "S001";
  survey.kind = domain::SurveyKind::kServiceVisit;
  survey.visit_id = "visit-1";
  survey.vehicle_id = "veh-1";
  survey.advisor = "sa-zhang";
  survey.template_id = "csi-service";
  survey.template_version = 1;
  survey.issued_at = At("2026-12-01T10:00:00+08:00");
  survey.expires_at = At("2026-12-08T10:00:00+08:00");
  return survey;
}

TEST(AnswerWindow, TheTemplatesValidityUnlessItIsTheBuiltInDefault) {
  const domain::SurveyPolicy policy{Days{10}};
  domain::SurveyTemplate asked = domain::DefaultTemplate(domain::SurveyKind::kServiceVisit);
  EXPECT_EQ(domain::AnswerWindowOf(asked, policy), Days{10});  // built in: the service's window
  asked.template_id = "csi-service-S001";
  asked.validity_days = 14;
  EXPECT_EQ(domain::AnswerWindowOf(asked, policy), Days{14});
  asked.template_id = "csi-service";
  asked.version = 2;  // the group's saved default
  asked.validity_days = 5;
  EXPECT_EQ(domain::AnswerWindowOf(asked, policy), Days{5});
}

TEST(AnswerWindow, ExpiryOnlyOfAnIssuedSurveyWhoseWindowClosed) {
  const domain::Survey survey = Issued();
  EXPECT_FALSE(domain::ExpireAt(survey, survey.expires_at - Millis{1}).has_value());
  const auto expired = domain::ExpireAt(survey, survey.expires_at);
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(expired->status, domain::SurveyStatus::kExpired);
  domain::Survey answered = survey;
  answered.status = domain::SurveyStatus::kAnswered;
  EXPECT_FALSE(domain::ExpireAt(answered, survey.expires_at + Days{1}).has_value());
  EXPECT_FALSE(domain::WantsReminder(answered, survey.issued_at + Days{2}));
  EXPECT_TRUE(domain::WantsReminder(survey, survey.issued_at + Days{2}));
  EXPECT_FALSE(domain::WantsReminder(survey, survey.expires_at));
}

class SurveyWindowAppTest : public ::testing::Test {
 protected:
  SurveyWindowAppTest() : clock_(At("2026-12-03T10:00:01+08:00")), window_(store_, clock_) {
    adapters::RouteSurveyWindow(router_, window_);
    store_.Put(Issued());
  }

  static WindowTimerFired Fired(const std::string& survey_id = "srv-1", const std::string& customer = "cus-1") {
    return {"rem-timer-1", survey_id, customer, At("2026-12-03T10:00:00+08:00")};
  }

  Outcome Deliver(const google::protobuf::Message& payload, const std::string& id) {
    return router_(events::MakeEvent(payload, "/careloop/reminders", "cus-1", id, clock_.Now())).outcome;
  }

  clock::ManualClock clock_;
  careloop::testing::FakeSurveyWindowStore store_;
  SurveyWindowApp window_;
  events::Router router_;
};

TEST_F(SurveyWindowAppTest, AnUnansweredSurveysCustomerIsRemindedOnce) {
  EXPECT_EQ(window_.OnReminderDue(Fired()), WindowOutcome::kReminded);
  EXPECT_EQ(window_.OnReminderDue(Fired()), WindowOutcome::kNothingToDo);  // a replay
  EXPECT_EQ(IdsOf(store_.published, "SurveyReminded"), std::vector<std::string>{"srv-1"});
  EXPECT_EQ(store_.reminded["srv-1"].reminder_id, "rem-timer-1");
}

TEST_F(SurveyWindowAppTest, AnAnsweredOrExpiredSurveyIsNotReminded) {
  store_.surveys["srv-1"].status = domain::SurveyStatus::kAnswered;
  EXPECT_EQ(window_.OnReminderDue(Fired()), WindowOutcome::kNothingToDo);
  store_.Put(Issued("srv-2"));
  clock_.Set(At("2026-12-08T10:00:00+08:00"));  // the timer fired late, the window has closed
  EXPECT_EQ(window_.OnReminderDue(Fired("srv-2")), WindowOutcome::kNothingToDo);
  EXPECT_TRUE(store_.published.empty());
}

TEST_F(SurveyWindowAppTest, TheCloseExpiresAnUnansweredSurveyOnce) {
  clock_.Set(At("2026-12-08T10:00:02+08:00"));
  EXPECT_EQ(window_.OnWindowClosed(Fired()), WindowOutcome::kExpired);
  EXPECT_EQ(store_.surveys["srv-1"].status, domain::SurveyStatus::kExpired);
  EXPECT_EQ(store_.expired_at["srv-1"], At("2026-12-08T10:00:02+08:00"));
  EXPECT_EQ(window_.OnWindowClosed(Fired()), WindowOutcome::kNothingToDo);
  EXPECT_EQ(IdsOf(store_.published, "SurveyExpired"), std::vector<std::string>{"srv-1"});
  // After expiry the reminder, however late it arrives, does nothing.
  EXPECT_EQ(window_.OnReminderDue(Fired()), WindowOutcome::kNothingToDo);
}

TEST_F(SurveyWindowAppTest, TheCloseLeavesAnAnsweredSurveyAlone) {
  store_.surveys["srv-1"].status = domain::SurveyStatus::kAnswered;
  clock_.Set(At("2026-12-08T10:00:02+08:00"));
  EXPECT_EQ(window_.OnWindowClosed(Fired()), WindowOutcome::kNothingToDo);
  EXPECT_EQ(store_.surveys["srv-1"].status, domain::SurveyStatus::kAnswered);
  EXPECT_TRUE(store_.published.empty());
}

TEST_F(SurveyWindowAppTest, ACloseBeforeTheSurveysExpiryChangesNothing) {
  EXPECT_EQ(window_.OnWindowClosed(Fired()), WindowOutcome::kNothingToDo);  // now is 12-03, expiry 12-08
  EXPECT_EQ(store_.surveys["srv-1"].status, domain::SurveyStatus::kIssued);
}

TEST_F(SurveyWindowAppTest, ATimerNamingAnUnknownSurveyOrAnotherCustomersIsSkipped) {
  EXPECT_EQ(window_.OnReminderDue(Fired("srv-unknown")), WindowOutcome::kUnknownSurvey);
  EXPECT_EQ(window_.OnReminderDue(Fired("srv-1", "cus-2")), WindowOutcome::kUnknownSurvey);
  EXPECT_TRUE(store_.published.empty());
}

TEST_F(SurveyWindowAppTest, TheRoutesDecideOnTheTimersCues) {
  reminder_pb::SurveyReminderDue due;
  due.set_reminder_id("rem-timer-1");
  due.set_customer_id("cus-1");
  due.set_store_id("S001");
  due.set_survey_id("srv-1");
  EXPECT_EQ(Deliver(due, "evt-1"), Outcome::kDone);
  EXPECT_EQ(Deliver(due, "evt-1"), Outcome::kDone);
  EXPECT_EQ(IdsOf(store_.published, "SurveyReminded").size(), 1u);
  reminder_pb::SurveyWindowClosed closed;
  closed.set_reminder_id("rem-timer-2");
  closed.set_customer_id("cus-1");
  closed.set_store_id("S001");
  closed.set_survey_id("srv-1");
  clock_.Set(At("2026-12-08T10:00:02+08:00"));
  EXPECT_EQ(Deliver(closed, "evt-2"), Outcome::kDone);
  EXPECT_EQ(IdsOf(store_.published, "SurveyExpired").size(), 1u);
  closed.clear_survey_id();
  EXPECT_EQ(Deliver(closed, "evt-3"), Outcome::kPoison);
}

TEST(SurveyIssuing, TheWindowIsTheStoreTemplatesValidity) {
  careloop::testing::FakeSurveyRepository repository;
  careloop::testing::FakeTemplateStore template_store;
  clock::ManualClock clock(At("2026-12-01T10:00:00+08:00"));
  config::StoreCatalog stores({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}});
  TemplatesApp templates(template_store, clock);
  SurveysApp surveys(repository, clock, stores, domain::SurveyPolicy{Days{10}});
  surveys.UseTemplates(templates.catalog());
  // The built-in default: the service's window.
  auto issued = surveys.OnInvitationDue(
      {"rem-1", "cus-1", "S001", domain::SurveyKind::kServiceVisit, "veh-1", "visit-1", "sa-zhang", clock.Now()});
  ASSERT_TRUE(issued.has_value());
  EXPECT_EQ(issued->expires_at, clock.Now() + Days{10});
  // The store's own template asks for 14 days.
  domain::SurveyTemplate own = domain::DefaultTemplate(domain::SurveyKind::kServiceVisit);
  own.store_id = "S001";
  own.template_id.clear();
  own.validity_days = 14;
  ASSERT_TRUE(templates.Upsert(auth::Principal{"王经理", auth::Role::kManager, {"S001"}, false}, own).ok());
  issued = surveys.OnInvitationDue(
      {"rem-2", "cus-1", "S001", domain::SurveyKind::kServiceVisit, "veh-1", "visit-2", "sa-zhang", clock.Now()});
  ASSERT_TRUE(issued.has_value());
  EXPECT_EQ(issued->expires_at, clock.Now() + Days{14});
}

TEST(SurveyAnswers, AnSmsScoreAfterTheWindowIsRefused) {
  careloop::testing::FakeAnswerStore answer_store;
  careloop::testing::FakeTemplateStore template_store;
  careloop::testing::FakeCaseIntake intake;
  clock::ManualClock clock(At("2026-12-08T10:00:00+08:00"));  // the moment the window closes
  TemplatesApp templates(template_store, clock);
  AnswersApp answers(answer_store, templates.catalog(), intake, clock);
  answer_store.Add(Issued());
  // Refused and logged (an event is never retried for it): nothing stored, nothing published.
  EXPECT_TRUE(answers.OnSmsScore({"in-1", "cus-1", "srv-1", 9, domain::AnswerChannel::kSms, clock.Now()}).ok());
  EXPECT_EQ(answer_store.Find("srv-1")->status, domain::SurveyStatus::kIssued);
  EXPECT_TRUE(answer_store.published.empty());
}

}  // namespace
}  // namespace careloop::surveys::app
