// Survey answers and templates on a real redis-server (database 42): AnswersApp over
// RedisAnswerStore and RedisTemplateStore, with a test-local CaseIntake that records its calls.
// The answer and its SurveyAnswered outbox entry are one step (no phone, name or comment in it);
// a replay writes nothing; a second answer writes nothing; the case id is recorded (also after a
// lost case); template versions are kept and surveys are answered with theirs.
#include <gtest/gtest.h>

#include <map>

#include "careloop/survey/v1/events.pb.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/adapters/redis_answer_store.h"
#include "services/surveys/adapters/redis_keys.h"
#include "services/surveys/adapters/redis_survey_repository.h"
#include "services/surveys/adapters/redis_template_store.h"
#include "services/surveys/app/answers_app.h"
#include "services/surveys/app/surveys_app.h"
#include "services/surveys/app/templates_app.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

constexpr int kDb = 42;
namespace sapp = surveys::app;
namespace sdomain = surveys::domain;
namespace keys = surveys::adapters::keys;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

/// CaseIntake as promised (one case per survey), recording every call; `fail_next` fails calls.
class RecordingCaseIntake final : public sapp::CaseIntake {
 public:
  Result<std::string> OpenForAnswer(const sapp::DissatisfiedAnswer& answer) override {
    calls.push_back(answer);
    if (fail_next > 0) {
      --fail_next;
      return Error{ErrorCode::kUnavailable, "", "cases unreachable"};
    }
    return cases_.emplace(answer.survey_id, "case-" + answer.survey_id).first->second;
  }
  std::vector<sapp::DissatisfiedAnswer> calls;
  int fail_next = 0;

 private:
  std::map<std::string, std::string> cases_;
};

class SurveysAnswersTest : public ::testing::Test {
 protected:
  SurveysAnswersTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(At("2026-11-22T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        repository_(*pool_, clock_),
        surveys_(repository_, clock_, stores_, sdomain::SurveyPolicy{}),
        template_store_(*pool_),
        templates_(template_store_, clock_),
        answer_store_(*pool_, clock_),
        answers_(answer_store_, templates_.catalog(), cases_, clock_) {
    surveys_.UseTemplates(templates_.catalog());
  }

  std::string IssueVisitSurvey(const std::string& visit_id) {
    auto issued =
        surveys_.OnInvitationDue({"rem-" + visit_id, "cus-1", "S001", surveys::domain::SurveyKind::kServiceVisit,
                                  "veh-1", visit_id, "sa-zhang", clock_.Now()});
    EXPECT_TRUE(issued.has_value());
    return issued ? issued->survey_id : "";
  }

  /// The SurveyAnswered events in the outbox.
  std::vector<careloop::survey::v1::SurveyAnswered> AnsweredInOutbox() {
    std::vector<careloop::survey::v1::SurveyAnswered> found;
    redis::Reply entries = pool_->Acquire()->Run({"XRANGE", keys::kOutbox, "-", "+"});
    for (size_t i = 0; i < entries.Size(); ++i) {
      const redisReply* fields = entries.Element(i)->element[1];
      std::map<std::string, std::string> entry;
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        entry[std::string(redis::ElementStr(fields->element[f]))] = redis::ElementStr(fields->element[f + 1]);
      }
      if (entry["type"] == "careloop.survey.v1.SurveyAnswered") {
        careloop::survey::v1::SurveyAnswered answered;
        EXPECT_TRUE(answered.ParseFromString(entry["data"]));
        found.push_back(answered);
      }
    }
    return found;
  }

  static sdomain::SurveyAnswers AllAt(const sdomain::SurveyTemplate& asked, int score) {
    sdomain::SurveyAnswers answers;
    for (const auto& item : asked.items) {
      if (item.answer_type == sdomain::AnswerType::kScore) {
        answers.scores.push_back({item.item, score});
      } else {
        answers.executions.push_back({item.item, item.item != sdomain::SurveyItem::kServiceWorkExplained});
      }
    }
    return answers;
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  surveys::adapters::RedisSurveyRepository repository_;
  sapp::SurveysApp surveys_;
  surveys::adapters::RedisTemplateStore template_store_;
  sapp::TemplatesApp templates_;
  surveys::adapters::RedisAnswerStore answer_store_;
  RecordingCaseIntake cases_;
  sapp::AnswersApp answers_;
  auth::Principal staff_{"王经理", auth::Role::kManager, {"S001"}, false};
};

TEST_F(SurveysAnswersTest, TheAnswerAndItsEventAreOneStepAndAReplayWritesNothing) {
  const std::string survey_id = IssueVisitSurvey("visit-1");
  clock_.Advance(std::chrono::hours{26});
  sdomain::SurveyAnswers answers = AllAt(sdomain::DefaultTemplate(sdomain::SurveyKind::kServiceVisit), 9);
  answers.recommend = 10;
  answers.comment = "<b>师傅很专业</b> 13912345678";
  auto answered = answers_.Submit(sapp::AnswerCaller::Staff(staff_), {survey_id, answers, "req-1"});
  ASSERT_TRUE(answered.ok()) << answered.error().ToString();

  auto stored = answer_store_.Find(survey_id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->status, sdomain::SurveyStatus::kAnswered);
  EXPECT_EQ(stored->answers->comment, "<b>师傅很专业</b> 13912345678");  // stored as typed
  EXPECT_EQ(stored->answers->recommend, 10);
  EXPECT_EQ(stored->template_id, "csi-service");
  EXPECT_EQ(stored->template_version, 1);
  auto events = AnsweredInOutbox();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].survey_id(), survey_id);
  EXPECT_EQ(events[0].recommend_score(), 10);
  EXPECT_DOUBLE_EQ(events[0].average_score(), 9.0);
  EXPECT_FALSE(events[0].dissatisfied());
  EXPECT_EQ(events[0].template_version(), 1);
  EXPECT_EQ(events[0].response_channel(), careloop::common::v1::CHANNEL_PHONE_CALL);
  EXPECT_FALSE(events[0].execution_answers().empty());
  EXPECT_EQ(events[0].SerializeAsString().find("13912345678"), std::string::npos);
  EXPECT_EQ(events[0].SerializeAsString().find("师傅"), std::string::npos);

  ASSERT_TRUE(answers_.Submit(sapp::AnswerCaller::Staff(staff_), {survey_id, answers, "req-1"}).ok());
  auto second = answers_.Submit(sapp::AnswerCaller::Staff(staff_), {survey_id, answers, "req-2"});
  EXPECT_EQ(second.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(AnsweredInOutbox().size(), 1u);
}

TEST_F(SurveysAnswersTest, ALowScoreOpensACaseRecordedOnTheSurveyEvenAfterALostCase) {
  const std::string survey_id = IssueVisitSurvey("visit-2");
  sdomain::SurveyAnswers answers = AllAt(sdomain::DefaultTemplate(sdomain::SurveyKind::kServiceVisit), 9);
  answers.scores[0].score = 4;  // overall
  cases_.fail_next = 1;
  auto lost = answers_.Submit(sapp::AnswerCaller::Staff(staff_), {survey_id, answers, "req-1"});
  ASSERT_FALSE(lost.ok());
  EXPECT_TRUE(answer_store_.Find(survey_id)->case_id.empty());
  EXPECT_TRUE(AnsweredInOutbox().at(0).dissatisfied());

  auto retried = answers_.Submit(sapp::AnswerCaller::Staff(staff_), {survey_id, answers, "req-1"});
  ASSERT_TRUE(retried.ok()) << retried.error().ToString();
  EXPECT_EQ(answer_store_.Find(survey_id)->case_id, "case-" + survey_id);
  EXPECT_EQ(answer_store_.Find(survey_id)->answers->scores[0].score, 4);
  EXPECT_EQ(cases_.calls.size(), 2u);
  EXPECT_EQ(cases_.calls.back().low_items, std::vector<sdomain::SurveyItem>{sdomain::SurveyItem::kOverall});
  EXPECT_EQ(AnsweredInOutbox().size(), 1u);
}

TEST_F(SurveysAnswersTest, TemplateVersionsAreKeptAndSurveysAnsweredWithTheirs) {
  sdomain::SurveyTemplate own = sdomain::DefaultTemplate(sdomain::SurveyKind::kServiceVisit);
  own.template_id.clear();
  own.store_id = "S001";
  own.dissatisfied_threshold = 5;
  auto v1 = templates_.Upsert(staff_, own);
  ASSERT_TRUE(v1.ok()) << v1.error().ToString();
  EXPECT_EQ(v1->version, 1);
  const std::string asked_v1 = IssueVisitSurvey("visit-3");

  own.dissatisfied_threshold = 8;
  own.items.back().question_text = "交车时是否说明了维修内容？";
  auto v2 = templates_.Upsert(staff_, own);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(template_store_.Version("csi-service-S001", 1)->dissatisfied_threshold, 5);
  EXPECT_EQ(template_store_.Latest("csi-service-S001")->items.back().question_text, "交车时是否说明了维修内容？");
  EXPECT_EQ(template_store_.ListLatest("S001").size(), 1u);

  auto answered = answers_.Submit(sapp::AnswerCaller::Staff(staff_), {asked_v1, AllAt(own, 7), "req-3"});
  ASSERT_TRUE(answered.ok()) << answered.error().ToString();
  EXPECT_EQ(answer_store_.Find(asked_v1)->template_version, 1);
  EXPECT_FALSE(answer_store_.Find(asked_v1)->assessment.dissatisfied);  // 7 is fine under v1 (5), not v2 (8)
  EXPECT_TRUE(cases_.calls.empty());

  auto listed = templates_.List(staff_, "S001", sdomain::SurveyKind::kServiceVisit);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[1].version, 2);
}

TEST_F(SurveysAnswersTest, AnSmsScoreReplyAnswersTheOverallItem) {
  const std::string survey_id = IssueVisitSurvey("visit-4");
  sapp::SmsScore reply{"in-1", "cus-1", survey_id, 10, sdomain::AnswerChannel::kSms, clock_.Now()};
  ASSERT_TRUE(answers_.OnSmsScore(reply).ok());
  ASSERT_TRUE(answers_.OnSmsScore(reply).ok());
  auto events = AnsweredInOutbox();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].response_channel(), careloop::common::v1::CHANNEL_SMS);
  ASSERT_EQ(events[0].scores_size(), 1);
  EXPECT_EQ(events[0].scores(0).item(), careloop::survey::v1::SURVEY_ITEM_OVERALL);
}

}  // namespace
}  // namespace careloop
