// Survey templates and answer rules (services/surveys/domain/{survey_template,answer_rules}):
// the group defaults, validation at save with named fields, answer validation, the average and
// the dissatisfied judgement, and version pinning.
#include <gtest/gtest.h>

#include <string>

#include "services/surveys/domain/answer_rules.h"
#include "services/surveys/domain/survey_template.h"

namespace careloop::surveys::domain {
namespace {

SurveyTemplate Service() {
  return DefaultTemplate(SurveyKind::kServiceVisit);
}

/// Answers every scored item of `asked` with `score` and every yes/no item with yes.
SurveyAnswers AllAt(const SurveyTemplate& asked, int score) {
  SurveyAnswers answers;
  for (const auto& item : asked.items) {
    if (item.answer_type == AnswerType::kScore) {
      answers.scores.push_back({item.item, score});
    } else {
      answers.executions.push_back({item.item, true});
    }
  }
  return answers;
}

void SetScore(SurveyAnswers& answers, SurveyItem item, int score) {
  for (auto& each : answers.scores) {
    if (each.item == item) {
      each.score = score;
    }
  }
}

TEST(SurveyTemplates, GroupDefaultsAskTheDomainsItemsInChinese) {
  const SurveyTemplate sales = DefaultTemplate(SurveyKind::kSalesDelivery);
  EXPECT_EQ(sales.template_id, "csi-sales");
  EXPECT_EQ(sales.version, 1);
  ASSERT_NE(sales.Find(SurveyItem::kSalesConsultantAttitude), nullptr);
  ASSERT_NE(sales.Find(SurveyItem::kSalesWarrantyExplained), nullptr);
  EXPECT_EQ(sales.Find(SurveyItem::kSalesWarrantyExplained)->answer_type, AnswerType::kYesNo);
  EXPECT_EQ(sales.Find(SurveyItem::kSalesWarrantyExplained)->question_text, "交车时是否向您说明了保修期限和保修范围？");
  EXPECT_EQ(sales.Find(SurveyItem::kServiceLounge), nullptr);
  const SurveyTemplate service = Service();
  EXPECT_EQ(service.template_id, "csi-service");
  EXPECT_NE(service.Find(SurveyItem::kServiceAdvisorAttitude), nullptr);
  EXPECT_EQ(service.Find(SurveyItem::kSalesFairPrice), nullptr);
  EXPECT_EQ(service.dissatisfied_threshold, 6);
  EXPECT_FALSE(service.recommend_question.empty());
  SurveyTemplate copy = service;
  EXPECT_TRUE(ValidateTemplate(copy).ok());
}

TEST(SurveyTemplates, StoreTemplatesHaveTheirOwnId) {
  EXPECT_EQ(TemplateIdFor("S001", SurveyKind::kServiceVisit), "csi-service-S001");
  EXPECT_EQ(TemplateIdFor("", SurveyKind::kSalesDelivery), "csi-sales");
}

TEST(SurveyTemplates, ValidationNamesTheField) {
  SurveyTemplate unknown = Service();
  unknown.items[2].item = static_cast<SurveyItem>(999);
  EXPECT_EQ(ValidateTemplate(unknown).error().field, "survey_template.items[2].item");

  SurveyTemplate duplicate = Service();
  duplicate.items[3].item = duplicate.items[1].item;
  const Status twice = ValidateTemplate(duplicate);
  EXPECT_EQ(twice.error().field, "survey_template.items[3].item");
  EXPECT_NE(twice.error().message.find("twice"), std::string::npos);

  SurveyTemplate other_kind = Service();
  other_kind.items[1].item = SurveyItem::kSalesFairPrice;
  EXPECT_EQ(ValidateTemplate(other_kind).error().field, "survey_template.items[1].item");

  SurveyTemplate empty_text = Service();
  empty_text.items[4].question_text = "  ";
  EXPECT_EQ(ValidateTemplate(empty_text).error().field, "survey_template.items[4].question_text");

  SurveyTemplate threshold = Service();
  threshold.dissatisfied_threshold = 11;
  EXPECT_EQ(ValidateTemplate(threshold).error().field, "survey_template.dissatisfied_threshold");

  SurveyTemplate major = Service();
  major.major_threshold = 8;  // above the dissatisfied threshold
  EXPECT_EQ(ValidateTemplate(major).error().field, "survey_template.major_threshold");

  SurveyTemplate no_overall = Service();
  no_overall.items.erase(no_overall.items.begin());
  EXPECT_EQ(ValidateTemplate(no_overall).error().field, "survey_template.items");

  SurveyTemplate no_name = Service();
  no_name.display_name.clear();
  EXPECT_EQ(ValidateTemplate(no_name).error().field, "survey_template.display_name");
}

TEST(SurveyTemplates, SavingFillsCategoryAndAnswerTypeFromTheItem) {
  SurveyTemplate asked = Service();
  for (auto& item : asked.items) {
    item.category = SurveyCategory::kUnspecified;
    item.answer_type = AnswerType::kScore;
  }
  ASSERT_TRUE(ValidateTemplate(asked).ok());
  EXPECT_EQ(asked.Find(SurveyItem::kServiceWorkExplained)->answer_type, AnswerType::kYesNo);
  EXPECT_EQ(asked.Find(SurveyItem::kServiceWorkExplained)->category, SurveyCategory::kExecution);
  EXPECT_EQ(asked.Find(SurveyItem::kServiceLounge)->category, SurveyCategory::kWorkshopEnvironment);
}

TEST(SurveyTemplates, AStoreTemplateOverridesTheGroupDefault) {
  SurveyTemplate store = Service();
  store.template_id = "csi-service-S001";
  store.store_id = "S001";
  store.version = 3;
  EXPECT_EQ(EffectiveTemplate(store, std::nullopt, SurveyKind::kServiceVisit).template_id, "csi-service-S001");
  store.enabled = false;
  EXPECT_EQ(EffectiveTemplate(store, std::nullopt, SurveyKind::kServiceVisit).template_id, "csi-service");
  SurveyTemplate group = Service();
  group.version = 2;
  EXPECT_EQ(EffectiveTemplate(std::nullopt, group, SurveyKind::kServiceVisit).version, 2);
}

TEST(AnswerRules, ScoresOutOfRangeAreNamed) {
  const SurveyTemplate asked = Service();
  SurveyAnswers answers = AllAt(asked, 8);
  answers.scores[2].score = 11;
  EXPECT_EQ(ValidateAnswers(asked, answers).error().field, "scores[2].score");
  answers.scores[2].score = 0;
  EXPECT_EQ(ValidateAnswers(asked, answers).error().field, "scores[2].score");
}

TEST(AnswerRules, ItemsMustBeAskedOnceWithTheirAnswerType) {
  const SurveyTemplate asked = Service();
  SurveyAnswers foreign = AllAt(asked, 8);
  foreign.scores.push_back({SurveyItem::kSalesFairPrice, 8});
  EXPECT_EQ(ValidateAnswers(asked, foreign).error().field,
            "scores[" + std::to_string(foreign.scores.size() - 1) + "].item");

  SurveyAnswers twice = AllAt(asked, 8);
  twice.scores.push_back(twice.scores[0]);
  EXPECT_NE(ValidateAnswers(asked, twice).error().message.find("twice"), std::string::npos);

  SurveyAnswers scored_yes_no = AllAt(asked, 8);
  scored_yes_no.executions.clear();
  scored_yes_no.scores.push_back({SurveyItem::kServiceWorkExplained, 8});
  EXPECT_NE(ValidateAnswers(asked, scored_yes_no).error().message.find("yes/no"), std::string::npos);

  SurveyAnswers yes_no_score = AllAt(asked, 8);
  yes_no_score.executions.push_back({SurveyItem::kServiceLounge, true});
  yes_no_score.scores.erase(yes_no_score.scores.begin() + 3);
  EXPECT_EQ(ValidateAnswers(asked, yes_no_score).error().field.rfind("execution_answers[", 0), 0u);
}

TEST(AnswerRules, RequiredItemsMustBePresentExceptForAnSmsScore) {
  SurveyTemplate asked = Service();
  EXPECT_TRUE(asked.Find(SurveyItem::kOverall)->required);
  EXPECT_FALSE(asked.Find(SurveyItem::kServiceLounge)->required);
  for (auto& item : asked.items) {
    item.required = true;
  }
  SurveyAnswers only_overall;
  only_overall.scores = {{SurveyItem::kOverall, 9}};
  const Status whole = ValidateAnswers(asked, only_overall);
  EXPECT_EQ(whole.error().field, "scores");
  EXPECT_NE(whole.error().message.find("required"), std::string::npos);
  EXPECT_TRUE(ValidateAnswers(asked, only_overall, Completeness::kOverallOnly).ok());
  SurveyAnswers no_overall;
  no_overall.scores = {{SurveyItem::kServiceLounge, 9}};
  EXPECT_FALSE(ValidateAnswers(asked, no_overall, Completeness::kOverallOnly).ok());
}

TEST(AnswerRules, RecommendIsZeroToTenAndOnlyWhenAsked) {
  SurveyTemplate asked = Service();
  SurveyAnswers answers = AllAt(asked, 8);
  answers.recommend = 0;
  EXPECT_TRUE(ValidateAnswers(asked, answers).ok());
  answers.recommend = 11;
  EXPECT_EQ(ValidateAnswers(asked, answers).error().field, "recommend_score");
  answers.recommend = 9;
  asked.recommend_question.clear();
  EXPECT_EQ(ValidateAnswers(asked, answers).error().field, "recommend_score");
}

TEST(AnswerRules, FreeTextIsKeptAsTypedWithinItsLength) {
  const SurveyTemplate asked = Service();
  SurveyAnswers answers = AllAt(asked, 8);
  answers.comment = "<script>alert('x')</script> 服务很好";
  ASSERT_TRUE(ValidateAnswers(asked, answers).ok());
  Survey issued;
  const Survey answered = Answered(issued, asked, answers);
  EXPECT_EQ(answered.answers->comment, "<script>alert('x')</script> 服务很好");
  std::string long_text;
  for (size_t i = 0; i <= kMaxCommentChars; ++i) {
    long_text += "好";  // one character, three bytes
  }
  answers.comment = long_text;
  EXPECT_EQ(ValidateAnswers(asked, answers).error().field, "comment");
  long_text.resize(long_text.size() - 3);
  answers.comment = long_text;
  EXPECT_TRUE(ValidateAnswers(asked, answers).ok());
}

TEST(AnswerRules, AverageAndDissatisfied) {
  const SurveyTemplate asked = Service();
  SurveyAnswers happy = AllAt(asked, 9);
  const AnswerAssessment fine = Assess(asked, happy);
  EXPECT_DOUBLE_EQ(fine.average, 9.0);
  EXPECT_FALSE(fine.dissatisfied);
  EXPECT_TRUE(fine.low_items.empty());

  SurveyAnswers low = AllAt(asked, 9);
  SetScore(low, SurveyItem::kServiceAdvisorAttitude, 6);  // at the threshold: dissatisfied
  const AnswerAssessment unhappy = Assess(asked, low);
  EXPECT_TRUE(unhappy.dissatisfied);
  EXPECT_FALSE(unhappy.major);
  EXPECT_EQ(unhappy.low_items, std::vector<SurveyItem>{SurveyItem::kServiceAdvisorAttitude});
  EXPECT_LT(unhappy.average, 9.0);

  SetScore(low, SurveyItem::kOverall, 3);
  EXPECT_TRUE(Assess(asked, low).major);

  SurveyAnswers seven = AllAt(asked, 7);
  EXPECT_FALSE(Assess(asked, seven).dissatisfied);
  seven.flagged_angry = true;
  EXPECT_TRUE(Assess(asked, seven).dissatisfied);
  EXPECT_TRUE(Assess(asked, seven).low_items.empty());
}

TEST(AnswerRules, TheStoresThresholdDecides) {
  SurveyTemplate strict = Service();
  strict.dissatisfied_threshold = 7;
  EXPECT_TRUE(Assess(strict, AllAt(strict, 7)).dissatisfied);
  EXPECT_FALSE(Assess(Service(), AllAt(strict, 7)).dissatisfied);
}

TEST(AnswerRules, AnAnsweredSurveyKeepsTheVersionItWasAskedWith) {
  SurveyTemplate v3 = Service();
  v3.template_id = "csi-service-S001";
  v3.version = 3;
  Survey issued;
  issued.survey_id = "srv-1";
  issued.template_id = "csi-service-S001";
  issued.template_version = 3;
  const Survey answered = Answered(issued, v3, AllAt(v3, 9));
  EXPECT_EQ(answered.status, SurveyStatus::kAnswered);
  EXPECT_EQ(answered.template_id, "csi-service-S001");
  EXPECT_EQ(answered.template_version, 3);
}

TEST(AnswerRules, OnlyAnIssuedSurveyInsideItsWindowTakesAnswers) {
  Survey survey;
  survey.expires_at = Instant{} + Days{7};
  EXPECT_TRUE(CheckAnswerable(survey, Instant{} + Days{6}).ok());
  const Status late = CheckAnswerable(survey, Instant{} + Days{7});
  EXPECT_EQ(late.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(late.error().message.find("expired"), std::string::npos);
  survey.status = SurveyStatus::kAnswered;
  const Status twice = CheckAnswerable(survey, Instant{} + Days{1});
  EXPECT_EQ(twice.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(twice.error().message.find("already been answered"), std::string::npos);
  survey.status = SurveyStatus::kCancelled;
  EXPECT_NE(CheckAnswerable(survey, Instant{} + Days{1}).error().message.find("cancelled"), std::string::npos);
}

}  // namespace
}  // namespace careloop::surveys::domain
