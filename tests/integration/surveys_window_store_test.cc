// The answer window of surveys on a real redis-server (database 51): SurveyWindowApp over
// RedisSurveyWindow with surveys issued by SurveysApp (RedisSurveyRepository). The reminder's
// once-guard and SurveyReminded are one step and happen once; the expiry and SurveyExpired are one
// step, change only the survey's status (its store and customer listings then show it expired)
// and happen once; an answered survey is neither reminded nor expired; an expired one takes no
// answers. No phone, name or comment in the events.
#include <gtest/gtest.h>

#include <map>

#include "careloop/survey/v1/events.pb.h"
#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/adapters/redis_answer_store.h"
#include "services/surveys/adapters/redis_keys.h"
#include "services/surveys/adapters/redis_survey_repository.h"
#include "services/surveys/adapters/redis_survey_window.h"
#include "services/surveys/adapters/redis_template_store.h"
#include "services/surveys/app/answers_app.h"
#include "services/surveys/app/survey_window_app.h"
#include "services/surveys/app/surveys_app.h"
#include "services/surveys/app/templates_app.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

constexpr int kDb = 51;
namespace sapp = surveys::app;
namespace sdomain = surveys::domain;
namespace keys = surveys::adapters::keys;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

/// CaseIntake that must not be asked: these tests answer with content scores.
class NoCases final : public sapp::CaseIntake {
 public:
  Result<std::string> OpenForAnswer(const sapp::DissatisfiedAnswer& answer) override {
    return "case-" + answer.survey_id;
  }
};

class SurveysWindowStoreTest : public ::testing::Test {
 protected:
  SurveysWindowStoreTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(At("2026-12-01T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        repository_(*pool_, clock_),
        surveys_(repository_, clock_, stores_, sdomain::SurveyPolicy{}),
        template_store_(*pool_),
        templates_(template_store_, clock_),
        answer_store_(*pool_, clock_),
        answers_(answer_store_, templates_.catalog(), cases_, clock_),
        window_store_(*pool_, clock_),
        window_(window_store_, clock_) {
    surveys_.UseTemplates(templates_.catalog());
  }

  sdomain::Survey Issue(const std::string& visit_id) {
    auto issued = surveys_.OnInvitationDue({"rem-" + visit_id, "cus-1", "S001", sdomain::SurveyKind::kServiceVisit,
                                            "veh-1", visit_id, "sa-zhang", clock_.Now()});
    EXPECT_TRUE(issued.has_value());
    return issued.value_or(sdomain::Survey{});
  }

  /// The outbox entries of one event type, as their serialized payloads.
  std::vector<std::string> InOutbox(std::string_view type) {
    std::vector<std::string> found;
    redis::Reply entries = pool_->Acquire()->Run({"XRANGE", keys::kOutbox, "-", "+"});
    for (size_t i = 0; i < entries.Size(); ++i) {
      const redisReply* fields = entries.Element(i)->element[1];
      std::map<std::string, std::string> entry;
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        entry[std::string(redis::ElementStr(fields->element[f]))] = redis::ElementStr(fields->element[f + 1]);
      }
      if (entry["type"] == type) {
        found.push_back(entry["data"]);
      }
    }
    return found;
  }

  static sapp::WindowTimerFired Fired(const sdomain::Survey& survey, std::string timer = "rem-timer") {
    return {std::move(timer), survey.survey_id, survey.customer_id, survey.issued_at};
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  surveys::adapters::RedisSurveyRepository repository_;
  sapp::SurveysApp surveys_;
  surveys::adapters::RedisTemplateStore template_store_;
  sapp::TemplatesApp templates_;
  surveys::adapters::RedisAnswerStore answer_store_;
  NoCases cases_;
  sapp::AnswersApp answers_;
  surveys::adapters::RedisSurveyWindow window_store_;
  sapp::SurveyWindowApp window_;
  auth::Principal staff_{"王经理", auth::Role::kManager, {"S001"}, false};
};

TEST_F(SurveysWindowStoreTest, TheNonResponderIsRemindedOnceWithTheSurveysFacts) {
  const sdomain::Survey survey = Issue("visit-1");
  clock_.Advance(Days{2});
  EXPECT_EQ(window_.OnReminderDue(Fired(survey)), sapp::WindowOutcome::kReminded);
  EXPECT_EQ(window_.OnReminderDue(Fired(survey)), sapp::WindowOutcome::kNothingToDo);
  EXPECT_EQ(window_.OnReminderDue(Fired(survey, "rem-other")), sapp::WindowOutcome::kNothingToDo);
  const auto reminded = InOutbox("careloop.survey.v1.SurveyReminded");
  ASSERT_EQ(reminded.size(), 1u);
  careloop::survey::v1::SurveyReminded event;
  ASSERT_TRUE(event.ParseFromString(reminded[0]));
  EXPECT_EQ(event.survey_id(), survey.survey_id);
  EXPECT_EQ(event.customer_id(), "cus-1");
  EXPECT_EQ(event.store_id(), "S001");
  EXPECT_EQ(event.visit_id(), "visit-1");
  EXPECT_EQ(event.vehicle_id(), "veh-1");
  EXPECT_EQ(event.kind(), careloop::survey::v1::SURVEY_KIND_SERVICE_VISIT);
  EXPECT_EQ(event.expires_at().seconds(),
            std::chrono::duration_cast<std::chrono::seconds>(survey.expires_at.time_since_epoch()).count());
  EXPECT_EQ(event.reminder_id(), "rem-timer");
  EXPECT_EQ(answer_store_.Find(survey.survey_id)->status, sdomain::SurveyStatus::kIssued);  // still answerable
}

TEST_F(SurveysWindowStoreTest, TheCloseExpiresAnUnansweredSurveyOnceInItsListingsToo) {
  const sdomain::Survey survey = Issue("visit-2");
  EXPECT_EQ(survey.expires_at, At("2026-12-08T10:00:00+08:00"));  // the built-in template: the 7-day window
  clock_.Set(survey.expires_at + std::chrono::seconds{1});
  EXPECT_EQ(window_.OnWindowClosed(Fired(survey)), sapp::WindowOutcome::kExpired);
  EXPECT_EQ(window_.OnWindowClosed(Fired(survey)), sapp::WindowOutcome::kNothingToDo);

  const auto stored = answer_store_.Find(survey.survey_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->status, sdomain::SurveyStatus::kExpired);
  EXPECT_EQ(stored->advisor, "sa-zhang");  // everything else kept
  EXPECT_EQ(stored->template_version, survey.template_version);
  auto listed = surveys_.List(staff_, "cus-1");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].status, sdomain::SurveyStatus::kExpired);
  auto by_store = surveys_.List(staff_, "", "S001");
  ASSERT_TRUE(by_store.ok());
  EXPECT_EQ(by_store->at(0).status, sdomain::SurveyStatus::kExpired);

  const auto expired = InOutbox("careloop.survey.v1.SurveyExpired");
  ASSERT_EQ(expired.size(), 1u);
  careloop::survey::v1::SurveyExpired event;
  ASSERT_TRUE(event.ParseFromString(expired[0]));
  EXPECT_EQ(event.survey_id(), survey.survey_id);
  EXPECT_EQ(event.store_id(), "S001");
  EXPECT_EQ(event.advisor(), "sa-zhang");
  EXPECT_EQ(event.visit_id(), "visit-2");

  // Expired: no reminder, no answer.
  EXPECT_EQ(window_.OnReminderDue(Fired(survey)), sapp::WindowOutcome::kNothingToDo);
  EXPECT_TRUE(InOutbox("careloop.survey.v1.SurveyReminded").empty());
  sdomain::SurveyAnswers answers;
  answers.scores.push_back({sdomain::SurveyItem::kOverall, 9});
  auto late = answers_.Submit(sapp::AnswerCaller::Staff(staff_), {survey.survey_id, answers, "req-late"});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(InOutbox("careloop.survey.v1.SurveyAnswered").empty());
}

TEST_F(SurveysWindowStoreTest, AnAnsweredSurveyIsNeitherRemindedNorExpired) {
  const sdomain::Survey survey = Issue("visit-3");
  sdomain::SurveyAnswers answers;
  answers.scores.push_back({sdomain::SurveyItem::kOverall, 9});
  auto answered = answers_.Submit(sapp::AnswerCaller::Staff(staff_), {survey.survey_id, answers, "req-1"});
  ASSERT_TRUE(answered.ok()) << answered.error().ToString();
  clock_.Advance(Days{2});
  EXPECT_EQ(window_.OnReminderDue(Fired(survey)), sapp::WindowOutcome::kNothingToDo);
  clock_.Set(survey.expires_at);
  EXPECT_EQ(window_.OnWindowClosed(Fired(survey)), sapp::WindowOutcome::kNothingToDo);
  EXPECT_EQ(answer_store_.Find(survey.survey_id)->status, sdomain::SurveyStatus::kAnswered);
  EXPECT_TRUE(InOutbox("careloop.survey.v1.SurveyReminded").empty());
  EXPECT_TRUE(InOutbox("careloop.survey.v1.SurveyExpired").empty());
}

TEST_F(SurveysWindowStoreTest, TheStoresTemplateSetsTheWindow) {
  sdomain::SurveyTemplate own = sdomain::DefaultTemplate(sdomain::SurveyKind::kServiceVisit);
  own.template_id.clear();
  own.store_id = "S001";
  own.validity_days = 3;
  ASSERT_TRUE(templates_.Upsert(staff_, own).ok());
  const sdomain::Survey survey = Issue("visit-4");
  EXPECT_EQ(survey.expires_at, At("2026-12-04T10:00:00+08:00"));
  EXPECT_EQ(answer_store_.Find(survey.survey_id)->expires_at, survey.expires_at);
}

}  // namespace
}  // namespace careloop
