// AnswersApp and TemplatesApp over the in-memory fakes of their ports
// (tests/fakes/surveys_answer_fakes.h) and a manual clock: staff answers, replays, refusals,
// the complaint case opened once and recorded (also after a crash between answer and case), SMS
// score replies, the survey link's caller, and template versions.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/app/answers_app.h"
#include "services/surveys/app/surveys_app.h"
#include "services/surveys/app/templates_app.h"
#include "tests/fakes/surveys_answer_fakes.h"
#include "tests/fakes/surveys_fakes.h"

namespace careloop::surveys::app {
namespace {

using careloop::testing::FakeAnswerStore;
using careloop::testing::FakeCaseIntake;
using careloop::testing::FakeTemplateStore;
using careloop::testing::IdsOf;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

auth::Principal Staff(const std::string& store = "S001", auth::Role role = auth::Role::kManager) {
  return auth::Principal{"王经理", role, {store}, false};
}

domain::Survey IssuedSurvey(const std::string& id = "srv-1") {
  domain::Survey survey;
  survey.survey_id = id;
  survey.customer_id = "cus-1";
  survey.store_id = "S001";
  survey.kind = domain::SurveyKind::kServiceVisit;
  survey.visit_id = "visit-1";
  survey.vehicle_id = "veh-1";
  survey.template_id = "csi-service";
  survey.template_version = 1;
  survey.advisor = "sa-zhang";
  survey.issued_at = At("2026-11-22T10:00:00+08:00");
  survey.expires_at = At("2026-11-29T10:00:00+08:00");
  return survey;
}

/// Every scored item of `asked` at `score`, every yes/no item yes.
domain::SurveyAnswers AllAt(const domain::SurveyTemplate& asked, int score) {
  domain::SurveyAnswers answers;
  for (const auto& item : asked.items) {
    if (item.answer_type == domain::AnswerType::kScore) {
      answers.scores.push_back({item.item, score});
    } else {
      answers.executions.push_back({item.item, true});
    }
  }
  answers.channel = domain::AnswerChannel::kPhoneCall;
  return answers;
}

domain::SurveyAnswers WithScore(domain::SurveyAnswers answers, domain::SurveyItem item, int score) {
  for (auto& each : answers.scores) {
    if (each.item == item) {
      each.score = score;
    }
  }
  return answers;
}

class AnswersAppTest : public ::testing::Test {
 protected:
  AnswersAppTest()
      : clock_(At("2026-11-23T15:00:00+08:00")),
        catalog_(template_store_),
        templates_(template_store_, clock_),
        app_(store_, catalog_, cases_, clock_) {
    store_.Add(IssuedSurvey());
  }

  domain::SurveyAnswers Happy() { return AllAt(domain::DefaultTemplate(domain::SurveyKind::kServiceVisit), 9); }
  domain::SurveyAnswers Unhappy() { return WithScore(Happy(), domain::SurveyItem::kServiceAdvisorAttitude, 4); }

  clock::ManualClock clock_;
  FakeTemplateStore template_store_;
  TemplateCatalog catalog_;
  TemplatesApp templates_;
  FakeAnswerStore store_;
  FakeCaseIntake cases_;
  AnswersApp app_;
  auth::Principal staff_ = Staff();
};

TEST_F(AnswersAppTest, StaffAnswersAreStoredWithTheirEventOnce) {
  auto answered = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Happy(), "req-1"});
  ASSERT_TRUE(answered.ok()) << answered.error().ToString();
  EXPECT_EQ(answered->survey.status, domain::SurveyStatus::kAnswered);
  EXPECT_DOUBLE_EQ(answered->survey.assessment.average, 9.0);
  EXPECT_FALSE(answered->survey.assessment.dissatisfied);
  EXPECT_EQ(answered->survey.answers->answered_at, clock_.Now());
  EXPECT_TRUE(answered->survey.case_id.empty());
  EXPECT_TRUE(cases_.calls.empty());
  EXPECT_EQ(IdsOf(store_.published, "SurveyAnswered"), std::vector<std::string>{"srv-1"});
  EXPECT_EQ(store_.Find("srv-1")->status, domain::SurveyStatus::kAnswered);
}

TEST_F(AnswersAppTest, TheSameRequestReplayedReturnsTheSameResultAndStoresNothingTwice) {
  auto first = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Unhappy(), "req-1"});
  ASSERT_TRUE(first.ok());
  auto replay = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Unhappy(), "req-1"});
  ASSERT_TRUE(replay.ok()) << replay.error().ToString();
  EXPECT_EQ(replay->survey.case_id, first->survey.case_id);
  EXPECT_EQ(replay->survey.assessment.average, first->survey.assessment.average);
  EXPECT_EQ(store_.published.size(), 1u);
  EXPECT_EQ(cases_.calls.size(), 1u);
  EXPECT_EQ(store_.case_records, 1);
}

TEST_F(AnswersAppTest, ASecondSubmitIsRefusedPolitely) {
  ASSERT_TRUE(app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Happy(), "req-1"}).ok());
  auto second = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Unhappy(), "req-2"});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(second.error().message.find("already been answered"), std::string::npos);
  EXPECT_EQ(store_.published.size(), 1u);
  EXPECT_FALSE(store_.Find("srv-1")->assessment.dissatisfied);
  EXPECT_TRUE(cases_.calls.empty());
}

TEST_F(AnswersAppTest, AnExpiredSurveyTakesNoAnswers) {
  clock_.Set(At("2026-11-29T10:00:00+08:00"));
  auto late = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Happy(), "req-1"});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(store_.published.empty());
}

TEST_F(AnswersAppTest, ACallerOutsideTheStoreIsRefused) {
  const auth::Principal other = Staff("S002");
  auto refused = app_.Submit(AnswerCaller::Staff(other), {"srv-1", Happy(), "req-1"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_FALSE(app_.Get(AnswerCaller::Staff(other), "srv-1").ok());
  EXPECT_TRUE(store_.published.empty());
}

TEST_F(AnswersAppTest, BadAnswersNameTheFieldAndStoreNothing) {
  domain::SurveyAnswers answers = Happy();
  answers.scores[2].score = 12;
  auto refused = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", answers, "req-1"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "scores[2].score");
  EXPECT_EQ(store_.Find("srv-1")->status, domain::SurveyStatus::kIssued);
  EXPECT_FALSE(store_.SurveyOfRequest("req-1").has_value());
  auto unknown = app_.Submit(AnswerCaller::Staff(staff_), {"srv-none", Happy(), "req-2"});
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(AnswersAppTest, ADissatisfiedAnswerOpensOneCaseAndRecordsIt) {
  auto answered = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Unhappy(), "req-1"});
  ASSERT_TRUE(answered.ok());
  EXPECT_TRUE(answered->survey.assessment.dissatisfied);
  EXPECT_EQ(answered->survey.case_id, "case-srv-1");
  EXPECT_EQ(store_.Find("srv-1")->case_id, "case-srv-1");
  ASSERT_EQ(cases_.calls.size(), 1u);
  const DissatisfiedAnswer& asked = cases_.calls[0];
  EXPECT_EQ(asked.survey_id, "srv-1");
  EXPECT_EQ(asked.customer_id, "cus-1");
  EXPECT_EQ(asked.store_id, "S001");
  EXPECT_EQ(asked.visit_id, "visit-1");
  EXPECT_EQ(asked.advisor, "sa-zhang");
  EXPECT_EQ(asked.low_items, std::vector<domain::SurveyItem>{domain::SurveyItem::kServiceAdvisorAttitude});
  EXPECT_FALSE(asked.major);
  EXPECT_FALSE(asked.flagged_by_staff);
  EXPECT_EQ(asked.answered_at, clock_.Now());
}

TEST_F(AnswersAppTest, AnAngryCommentFlaggedByStaffOpensACase) {
  domain::SurveyAnswers answers = AllAt(domain::DefaultTemplate(domain::SurveyKind::kServiceVisit), 8);
  answers.comment = "等了三个小时，太气人了";
  answers.flagged_angry = true;
  auto answered = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", answers, "req-1"});
  ASSERT_TRUE(answered.ok());
  ASSERT_EQ(cases_.calls.size(), 1u);
  EXPECT_TRUE(cases_.calls[0].flagged_by_staff);
  EXPECT_TRUE(cases_.calls[0].low_items.empty());
  EXPECT_EQ(answered->survey.case_id, "case-srv-1");
}

TEST_F(AnswersAppTest, ACrashBetweenAnswerAndCaseIsRecoveredByTheRetry) {
  cases_.fail_next = 1;
  auto first = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Unhappy(), "req-1"});
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code, ErrorCode::kUnavailable);  // worth a retry
  EXPECT_EQ(store_.Find("srv-1")->status, domain::SurveyStatus::kAnswered);
  EXPECT_TRUE(store_.Find("srv-1")->case_id.empty());

  auto retry = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Unhappy(), "req-1"});
  ASSERT_TRUE(retry.ok()) << retry.error().ToString();
  EXPECT_EQ(retry->survey.case_id, "case-srv-1");
  EXPECT_EQ(store_.Find("srv-1")->case_id, "case-srv-1");
  EXPECT_EQ(cases_.opened_count, 1);
  EXPECT_EQ(store_.published.size(), 1u);
}

TEST_F(AnswersAppTest, ALostCaseIsOpenedByTheNextSubmitAttemptThoughItIsRefused) {
  cases_.fail_next = 1;
  ASSERT_FALSE(app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Unhappy(), "req-1"}).ok());
  auto other = app_.Submit(AnswerCaller::Staff(staff_), {"srv-1", Happy(), "req-other"});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(store_.Find("srv-1")->case_id, "case-srv-1");
  EXPECT_EQ(cases_.opened_count, 1);
}

TEST_F(AnswersAppTest, AnswersAreJudgedByTheVersionTheSurveyWasAskedWith) {
  // v1 of the store's template asks the overall item only, with threshold 6; v2 asks every item
  // and raises the threshold to 8. The survey asked with v1 is answered by v1's rules.
  domain::SurveyTemplate v1 = domain::DefaultTemplate(domain::SurveyKind::kServiceVisit);
  v1.store_id = "S001";
  v1.template_id.clear();
  v1.items = {v1.items[0]};
  v1.recommend_question.clear();
  ASSERT_TRUE(templates_.Upsert(staff_, v1).ok());
  domain::SurveyTemplate v2 = domain::DefaultTemplate(domain::SurveyKind::kServiceVisit);
  v2.store_id = "S001";
  v2.template_id.clear();
  v2.dissatisfied_threshold = 8;
  ASSERT_EQ(templates_.Upsert(staff_, v2)->version, 2);

  domain::Survey pinned = IssuedSurvey("srv-v1");
  pinned.template_id = "csi-service-S001";
  pinned.template_version = 1;
  store_.Add(pinned);
  domain::SurveyAnswers answers;
  answers.scores = {{domain::SurveyItem::kOverall, 7}};
  auto answered = app_.Submit(AnswerCaller::Staff(staff_), {"srv-v1", answers, "req-v1"});
  ASSERT_TRUE(answered.ok()) << answered.error().ToString();
  EXPECT_EQ(answered->survey.template_version, 1);
  EXPECT_FALSE(answered->survey.assessment.dissatisfied);  // 7 > v1's threshold 6

  domain::Survey legacy = IssuedSurvey("srv-old");
  legacy.template_id = "csi-service-v1";
  legacy.template_version = 0;  // issued before versioning: pinned to the current one
  store_.Add(legacy);
  auto current = app_.Submit(AnswerCaller::Staff(staff_), {"srv-old", AllAt(v2, 9), "req-old"});
  ASSERT_TRUE(current.ok()) << current.error().ToString();
  EXPECT_EQ(current->survey.template_id, "csi-service-S001");
  EXPECT_EQ(current->survey.template_version, 2);
}

TEST_F(AnswersAppTest, AnSmsScoreAnswersTheOverallItemOnce) {
  SmsScore reply{"in-1", "cus-1", "srv-1", 4, domain::AnswerChannel::kSms, At("2026-11-23T14:00:00+08:00")};
  ASSERT_TRUE(app_.OnSmsScore(reply).ok());
  const auto survey = store_.Find("srv-1");
  EXPECT_EQ(survey->status, domain::SurveyStatus::kAnswered);
  EXPECT_EQ(survey->answers->scores, (std::vector<domain::ItemScore>{{domain::SurveyItem::kOverall, 4}}));
  EXPECT_EQ(survey->answers->channel, domain::AnswerChannel::kSms);
  EXPECT_EQ(survey->answers->answered_at, At("2026-11-23T14:00:00+08:00"));
  EXPECT_EQ(survey->case_id, "case-srv-1");
  ASSERT_TRUE(app_.OnSmsScore(reply).ok());  // replayed event
  EXPECT_EQ(store_.published.size(), 1u);
  EXPECT_EQ(cases_.calls.size(), 1u);
}

TEST_F(AnswersAppTest, AnSmsReplyThatFitsNoSurveyChangesNothing) {
  store_.Add(IssuedSurvey("srv-2"));
  EXPECT_TRUE(app_.OnSmsScore({"in-1", "cus-1", "srv-1", 11, domain::AnswerChannel::kSms, clock_.Now()}).ok());
  EXPECT_TRUE(app_.OnSmsScore({"in-2", "cus-1", "srv-1", 0, domain::AnswerChannel::kSms, clock_.Now()}).ok());
  EXPECT_TRUE(app_.OnSmsScore({"in-3", "cus-1", "", 9, domain::AnswerChannel::kSms, clock_.Now()}).ok());
  EXPECT_TRUE(app_.OnSmsScore({"in-4", "cus-other", "srv-1", 9, domain::AnswerChannel::kSms, clock_.Now()}).ok());
  EXPECT_TRUE(app_.OnSmsScore({"in-5", "cus-1", "srv-none", 9, domain::AnswerChannel::kSms, clock_.Now()}).ok());
  EXPECT_TRUE(store_.published.empty());
  // A second reply to an answered survey is logged, not recorded.
  ASSERT_TRUE(app_.OnSmsScore({"in-6", "cus-1", "srv-2", 9, domain::AnswerChannel::kSms, clock_.Now()}).ok());
  ASSERT_TRUE(app_.OnSmsScore({"in-7", "cus-1", "srv-2", 2, domain::AnswerChannel::kSms, clock_.Now()}).ok());
  EXPECT_EQ(store_.published.size(), 1u);
  EXPECT_EQ(store_.Find("srv-2")->answers->scores[0].score, 9);
}

TEST_F(AnswersAppTest, AnSmsReplyWhoseCaseCannotBeOpenedYetComesBack) {
  cases_.fail_next = 1;
  SmsScore reply{"in-1", "cus-1", "srv-1", 2, domain::AnswerChannel::kSms, clock_.Now()};
  const Status first = app_.OnSmsScore(reply);
  ASSERT_FALSE(first.ok());
  EXPECT_TRUE(first.error().IsRetryable());
  ASSERT_TRUE(app_.OnSmsScore(reply).ok());
  EXPECT_EQ(store_.Find("srv-1")->case_id, "case-srv-1");
  EXPECT_TRUE(cases_.calls.back().major);
}

TEST_F(AnswersAppTest, TheCustomersLinkAnswersItsOwnSurveyOnly) {
  store_.Add(IssuedSurvey("srv-2"));
  auto other = app_.Submit(AnswerCaller::CustomerLink("srv-2"), {"srv-1", Happy(), "req-1"});
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
  domain::SurveyAnswers angry = Happy();
  angry.flagged_angry = true;
  EXPECT_EQ(app_.Submit(AnswerCaller::CustomerLink("srv-1"), {"srv-1", angry, "req-1"}).error().field, "flagged_angry");
  domain::SurveyAnswers external = Happy();
  external.source = domain::AnswerSource::kExternal;
  EXPECT_EQ(app_.Submit(AnswerCaller::CustomerLink("srv-1"), {"srv-1", external, "req-1"}).error().field, "source");
  auto own = app_.Submit(AnswerCaller::CustomerLink("srv-1"), {"srv-1", Happy(), "req-1"});
  ASSERT_TRUE(own.ok()) << own.error().ToString();
  EXPECT_EQ(store_.published.size(), 1u);
}

// --- templates ---

TEST_F(AnswersAppTest, EveryUpsertIsANewVersionAndTheGroupDefaultKeepsItsFirst) {
  auth::Principal admin{"admin", auth::Role::kAdmin, {}, true};
  domain::SurveyTemplate group = domain::DefaultTemplate(domain::SurveyKind::kSalesDelivery);
  group.template_id.clear();
  group.dissatisfied_threshold = 7;
  auto saved = templates_.Upsert(admin, group);
  ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  EXPECT_EQ(saved->template_id, "csi-sales");
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(template_store_.Version("csi-sales", 1)->dissatisfied_threshold, 6);  // the built-in kept
  EXPECT_EQ(saved->updated_at, clock_.Now());

  domain::SurveyTemplate own = domain::DefaultTemplate(domain::SurveyKind::kSalesDelivery);
  own.store_id = "S001";
  own.template_id.clear();
  EXPECT_EQ(templates_.Upsert(staff_, own)->version, 1);
  EXPECT_EQ(templates_.Upsert(staff_, own)->version, 2);
  auto listed = templates_.List(staff_, "S001", domain::SurveyKind::kSalesDelivery);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].template_id, "csi-sales");
  EXPECT_EQ((*listed)[1].template_id, "csi-sales-S001");
  EXPECT_EQ((*listed)[1].version, 2);
  EXPECT_EQ(catalog_.Effective("S001", domain::SurveyKind::kSalesDelivery).template_id, "csi-sales-S001");
  EXPECT_EQ(catalog_.Effective("S002", domain::SurveyKind::kSalesDelivery).version, 2);
}

TEST_F(AnswersAppTest, UpsertChecksRoleStoreIdAndContent) {
  domain::SurveyTemplate own = domain::DefaultTemplate(domain::SurveyKind::kServiceVisit);
  own.store_id = "S001";
  own.template_id.clear();
  EXPECT_EQ(templates_.Upsert(Staff("S001", auth::Role::kAdvisor), own).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(templates_.Upsert(Staff("S002"), own).error().code, ErrorCode::kPermissionDenied);
  own.store_id.clear();  // the group default: admins only
  EXPECT_EQ(templates_.Upsert(staff_, own).error().code, ErrorCode::kPermissionDenied);
  own.store_id = "S001";
  own.template_id = "csi-service-S002";
  EXPECT_EQ(templates_.Upsert(staff_, own).error().field, "survey_template.template_id");
  own.template_id.clear();
  own.items[1].question_text.clear();
  EXPECT_EQ(templates_.Upsert(staff_, own).error().field, "survey_template.items[1].question_text");
  EXPECT_FALSE(template_store_.Latest("csi-service-S001").has_value());
  EXPECT_EQ(templates_.List(Staff("S002"), "S001", std::nullopt).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(AnswersAppTest, ASurveyIsIssuedWithTheStoresCurrentTemplateVersion) {
  careloop::testing::FakeSurveyRepository repository;
  config::StoreCatalog stores({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}});
  SurveysApp surveys(repository, clock_, stores, domain::SurveyPolicy{});
  surveys.UseTemplates(catalog_);
  domain::SurveyTemplate own = domain::DefaultTemplate(domain::SurveyKind::kServiceVisit);
  own.store_id = "S001";
  own.template_id.clear();
  ASSERT_TRUE(templates_.Upsert(staff_, own).ok());
  ASSERT_TRUE(templates_.Upsert(staff_, own).ok());
  auto issued = surveys.OnInvitationDue({"rem-visit-9", "cus-1", "S001", domain::SurveyKind::kServiceVisit, "veh-1",
                                         "visit-9", "sa-zhang", clock_.Now()});
  ASSERT_TRUE(issued.has_value());
  EXPECT_EQ(issued->template_id, "csi-service-S001");
  EXPECT_EQ(issued->template_version, 2);
}

}  // namespace
}  // namespace careloop::surveys::app
