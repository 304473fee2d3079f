// careloopctl's survey helpers (tools/careloopctl/survey_view): reading --score/--yes flags,
// terminal-safe free text, and the Chinese survey and template views.
#include <gtest/gtest.h>

#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/survey_view.h"

namespace careloop::ctl {
namespace {

namespace sv1 = careloop::survey::v1;

TEST(CareloopctlSurvey, ScoreFlagsNameAnItemAndANumber) {
  EXPECT_EQ(ParseScoreFlag("overall=9"), std::make_pair(sv1::SURVEY_ITEM_OVERALL, 9));
  EXPECT_EQ(ParseScoreFlag("service_advisor_attitude=4"), std::make_pair(sv1::SURVEY_ITEM_SERVICE_ADVISOR_ATTITUDE, 4));
  EXPECT_EQ(ParseScoreFlag("overall=11").second, 11);  // the range is the service's to check
  EXPECT_THROW((void)ParseScoreFlag("overall"), UsageError);
  EXPECT_THROW((void)ParseScoreFlag("overall=nine"), UsageError);
  EXPECT_THROW((void)ParseScoreFlag("overall="), UsageError);
  EXPECT_THROW((void)ParseScoreFlag("friendliness=9"), UsageError);
  EXPECT_EQ(ParseItemWord("sales_warranty_explained"), sv1::SURVEY_ITEM_SALES_WARRANTY_EXPLAINED);
  EXPECT_EQ(ItemWord(sv1::SURVEY_ITEM_SERVICE_FAULT_FIXED), "service_fault_fixed");
}

TEST(CareloopctlSurvey, FreeTextIsShownAsTypedWithoutTerminalEscapes) {
  EXPECT_EQ(TerminalSafe("<b>好</b>\x1b[31m红\n"), "<b>好</b>?[31m红?");
}

TEST(CareloopctlSurvey, TheSurveyDetailShowsAnswersWithTheirQuestions) {
  sv1::Survey survey;
  survey.set_survey_id("srv-1");
  survey.set_kind(sv1::SURVEY_KIND_SERVICE_VISIT);
  survey.set_status(sv1::SURVEY_STATUS_ANSWERED);
  survey.set_template_id("csi-service-S001");
  survey.set_template_version(3);
  survey.set_average_score(6.5);
  survey.set_recommend_score(8);
  survey.set_dissatisfied(true);
  survey.set_case_id("case-1");
  survey.set_comment("等太久\x1b[0m");
  auto* score = survey.add_scores();
  score->set_item(sv1::SURVEY_ITEM_SERVICE_ADVISOR_ATTITUDE);
  score->set_score(4);
  auto* execution = survey.add_execution_answers();
  execution->set_item(sv1::SURVEY_ITEM_SERVICE_WORK_EXPLAINED);
  execution->set_yes(false);
  const std::string text = SurveyDetail(survey);
  EXPECT_NE(text.find("csi-service-S001 第3版"), std::string::npos) << text;
  EXPECT_NE(text.find("已回答"), std::string::npos) << text;
  EXPECT_NE(text.find("6.5"), std::string::npos) << text;
  EXPECT_NE(text.find("8/10"), std::string::npos) << text;
  EXPECT_NE(text.find("case-1"), std::string::npos) << text;
  EXPECT_NE(text.find("服务顾问的服务态度如何？"), std::string::npos) << text;
  EXPECT_NE(text.find("4分"), std::string::npos) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
}

}  // namespace
}  // namespace careloop::ctl
