// The customer's survey link and answer page over the in-memory fakes of their ports
// (tests/fakes/surveys_page_fakes.h, surveys_answer_fakes.h) and a manual clock: links minted at
// issue (once), the page's routes through AnswerPageServer::Handle (no HTTP), what it shows,
// what it stores, what it refuses, its headers and its rate limit.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/adapters/answer_page.h"
#include "services/surveys/adapters/answer_page_server.h"
#include "services/surveys/adapters/random_link_tokens.h"
#include "services/surveys/app/answer_page_app.h"
#include "services/surveys/app/answers_app.h"
#include "services/surveys/app/surveys_app.h"
#include "services/surveys/app/templates_app.h"
#include "services/surveys/settings.h"
#include "tests/fakes/surveys_answer_fakes.h"
#include "tests/fakes/surveys_fakes.h"
#include "tests/fakes/surveys_page_fakes.h"

namespace careloop::surveys {
namespace {

using adapters::AnswerPageRequest;
using adapters::AnswerPageResponse;
using testing::FakeAnswerLinks;
using testing::FakeAnswerStore;
using testing::FakeCaseIntake;
using testing::FakeLinkTokens;
using testing::FakeSubmitLimiter;
using testing::FakeSurveyRepository;
using testing::FakeTemplateStore;

constexpr const char* kToken = "tokAAAAAAAAAAAA1";
constexpr const char* kOtherToken = "tokBBBBBBBBBBBB2";
constexpr const char* kForm = "application/x-www-form-urlencoded";

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

bool Has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

domain::Survey IssuedSurvey(const std::string& id) {
  domain::Survey survey;
  survey.survey_id = id;
  survey.customer_id = "cus-1";
  survey.store_id = "S001";
  survey.kind = domain::SurveyKind::kServiceVisit;
  survey.visit_id = "visit-" + id;
  survey.vehicle_id = "veh-1";
  survey.template_id = "csi-service";
  survey.template_version = 0;
  survey.advisor = "sa-zhang";
  survey.issued_at = At("2026-11-22T10:00:00+08:00");
  survey.expires_at = At("2026-11-29T10:00:00+08:00");
  survey.occasion_date = {2026, 11, 19};
  return survey;
}

// ---- Link tokens at issue --------------------------------------------------------------------

TEST(SurveyLinks, AnIssuedSurveyGetsAFreshTokenAndItsUrlOnce) {
  clock::ManualClock clock(At("2026-11-25T10:00:00+08:00"));
  const config::StoreCatalog stores(
      {{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}});
  FakeSurveyRepository repository;
  FakeLinkTokens tokens;
  app::SurveysApp app(repository, clock, stores, domain::SurveyPolicy{});
  app.UseLinks(tokens, "https://s.example.cn");
  const app::InvitationDue due{"rem-1", "cus-1",   "S001",     domain::SurveyKind::kServiceVisit,
                               "veh-1", "visit-1", "sa-zhang", clock.Now()};

  const auto issued = app.OnInvitationDue(due);
  ASSERT_TRUE(issued.has_value());
  EXPECT_EQ(issued->link_token, "tok0000000000001");
  EXPECT_EQ(issued->answer_url, "https://s.example.cn/s/tok0000000000001");
  EXPECT_EQ(repository.Find(issued->survey_id)->answer_url, issued->answer_url);

  // A replayed firing stores nothing: the survey keeps the first link.
  EXPECT_FALSE(app.OnInvitationDue(due).has_value());
  EXPECT_EQ(repository.Count(), 1U);
  EXPECT_EQ(repository.Find(issued->survey_id)->answer_url, "https://s.example.cn/s/tok0000000000001");
}

TEST(SurveyLinks, WithoutAPublicUrlASurveyHasNoLink) {
  clock::ManualClock clock(At("2026-11-25T10:00:00+08:00"));
  const config::StoreCatalog stores(
      {{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}});
  FakeSurveyRepository repository;
  app::SurveysApp app(repository, clock, stores, domain::SurveyPolicy{});
  const auto issued = app.OnInvitationDue(
      {"rem-1", "cus-1", "S001", domain::SurveyKind::kServiceVisit, "veh-1", "visit-1", "sa-zhang", clock.Now()});
  ASSERT_TRUE(issued.has_value());
  EXPECT_TRUE(issued->answer_url.empty());
  EXPECT_TRUE(issued->link_token.empty());
}

TEST(SurveyLinks, RealTokensAreUrlSafeDistinctAndLongEnough) {
  adapters::RandomLinkTokens tokens;
  const std::string a = tokens.NewToken();
  const std::string b = tokens.NewToken();
  EXPECT_EQ(a.size(), 16U);  // 96 bits
  EXPECT_NE(a, b);
  EXPECT_TRUE(adapters::LooksLikeLinkToken(a));
  EXPECT_FALSE(adapters::LooksLikeLinkToken("short"));
  EXPECT_FALSE(adapters::LooksLikeLinkToken("tokAAAAAAAAAAA<1"));
  EXPECT_FALSE(adapters::LooksLikeLinkToken("tokAAAAAAAAAAA/../1"));
}

// ---- Settings --------------------------------------------------------------------------------

AnswerPageSettings PageSettings(const std::string& yaml) {
  config::ServiceSettings service;
  service.section = YAML::Load(yaml);
  return ParseSettings(service).answer_page;
}

std::string PageSettingsError(const std::string& yaml) {
  try {
    (void)PageSettings(yaml);
  } catch (const config::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(AnswerPageSettingsTest, NoPageAndNoLinksByDefault) {
  const AnswerPageSettings page = PageSettings("{}");
  EXPECT_TRUE(page.listen.empty());
  EXPECT_TRUE(page.public_url.empty());
  EXPECT_EQ(page.submits_per_token, 5);
  EXPECT_EQ(page.submits_per_client, 30);
  EXPECT_EQ(page.window_seconds, 600);
}

TEST(AnswerPageSettingsTest, ReadsTheAddressesAndLimits) {
  const AnswerPageSettings page = PageSettings(
      "answer_page: {listen: '127.0.0.1:8090', public_url: 'https://c.example.cn/', submits_per_token: 3, "
      "submits_per_client: 10, window_seconds: 60}");
  EXPECT_EQ(page.listen, "127.0.0.1:8090");
  EXPECT_EQ(page.public_url, "https://c.example.cn");  // no trailing slash in links
  EXPECT_EQ(page.submits_per_token, 3);
  EXPECT_EQ(page.submits_per_client, 10);
  EXPECT_EQ(page.window_seconds, 60);
}

TEST(AnswerPageSettingsTest, ErrorsNameTheKey) {
  EXPECT_NE(PageSettingsError("answer_page: {public_url: 'c.example.cn'}").find("surveys.answer_page.public_url"),
            std::string::npos);
  EXPECT_NE(PageSettingsError("answer_page: {listen: '8090'}").find("surveys.answer_page.listen"), std::string::npos);
  EXPECT_NE(PageSettingsError("answer_page: {submits_per_token: 0}").find("submits_per_token"), std::string::npos);
}

// ---- The form --------------------------------------------------------------------------------

TEST(AnswerForm, DecodesAFormBody) {
  const auto form = adapters::ParseFormBody("s_overall=4&comment=%E5%BE%88%E5%B7%AE+%3Cb%3E&e_x=&bad%zz=1&=&flag");
  EXPECT_EQ(form.at("s_overall"), "4");
  EXPECT_EQ(form.at("comment"), "很差 <b>");
  EXPECT_EQ(form.at("bad%zz"), "1");
  EXPECT_EQ(form.at("flag"), "");
}

TEST(AnswerForm, ReadsScoresYesNoRecommendAndTextWhateverTheyAre) {
  const auto answers = adapters::ParseAnswerForm({{"s_overall", "4"},
                                                  {"s_service_workshop_tidy", "abc"},
                                                  {"s_no_such_item", "5"},
                                                  {"recommend", "x"},
                                                  {"comment", "<script>alert(1)</script>"}});
  ASSERT_EQ(answers.scores.size(), 2U);
  EXPECT_EQ(answers.scores[0], (domain::ItemScore{domain::SurveyItem::kOverall, 4}));
  EXPECT_EQ(answers.scores[1].score, 0);  // not a number: refused by the domain, named by the page
  EXPECT_EQ(answers.recommend, -1);
  EXPECT_EQ(answers.comment, "<script>alert(1)</script>");
}

// ---- The routes ------------------------------------------------------------------------------

class AnswerPageTest : public ::testing::Test {
 protected:
  AnswerPageTest()
      : clock_(At("2026-11-25T15:00:00+08:00")),
        stores_({{"S001", "星途汽车<北京>朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        catalog_(template_store_),
        answers_(answer_store_, catalog_, cases_, clock_),
        page_app_(links_, limiter_, answers_, catalog_, clock_, stores_),
        server_(page_app_, stores_) {
    answer_store_.Add(IssuedSurvey("srv-1"));
    answer_store_.Add(IssuedSurvey("srv-2"));
    links_.links[kToken] = "srv-1";
    links_.links[kOtherToken] = "srv-2";
  }

  AnswerPageResponse Get(const std::string& token) {
    return server_.Handle({"GET", "/s/" + token, "", "", "10.0.0.1"});
  }
  AnswerPageResponse Post(const std::string& token, const std::string& body, const std::string& client = "10.0.0.1") {
    return server_.Handle({"POST", "/s/" + token, kForm, body, client});
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  FakeTemplateStore template_store_;
  app::TemplateCatalog catalog_;
  FakeAnswerStore answer_store_;
  FakeCaseIntake cases_;
  app::AnswersApp answers_;
  FakeAnswerLinks links_;
  FakeSubmitLimiter limiter_;
  app::AnswerPageApp page_app_;
  adapters::AnswerPageServer server_;
};

TEST_F(AnswerPageTest, ShowsTheQuestionnaireInChineseForAPhone) {
  const auto page = Get(kToken);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "<html lang=\"zh-CN\">"));
  EXPECT_TRUE(Has(page.body, "name=\"viewport\" content=\"width=device-width, initial-scale=1\""));
  EXPECT_TRUE(Has(page.body, "星途汽车&lt;北京&gt;朝阳店"));  // the store's name, escaped
  EXPECT_FALSE(Has(page.body, "<北京>"));
  EXPECT_TRUE(Has(page.body, "售后服务满意度评价"));
  EXPECT_TRUE(Has(page.body, "总体来说，您对本次体验的满意程度如何？"));
  EXPECT_TRUE(Has(page.body, "name=\"s_overall\" value=\"10\""));
  EXPECT_TRUE(Has(page.body, "name=\"recommend\" value=\"0\""));
  EXPECT_TRUE(Has(page.body, "<textarea name=\"comment\""));
  EXPECT_TRUE(Has(page.body, "评价截止：2026年11月29日"));
  EXPECT_TRUE(Has(page.body, "感谢您2026年11月19日到店维修保养"));  // the visit the survey is about
  EXPECT_TRUE(Has(page.body, "<form method=\"post\""));
  EXPECT_FALSE(Has(page.body, "<script"));
  EXPECT_FALSE(Has(page.body, "http://"));
  EXPECT_FALSE(Has(page.body, "https://"));
  EXPECT_FALSE(Has(page.body, "cus-1"));
  EXPECT_FALSE(Has(page.body, " style=\""));  // styles only from the hashed <style>
}

TEST_F(AnswerPageTest, EveryAnswerCarriesTheSecurityHeaders) {
  for (const auto& response : {Get(kToken), Get("tokZZZZZZZZZZZZ9"), Get("x"), Post(kToken, "s_overall=99")}) {
    const std::string& csp = response.headers.at("Content-Security-Policy");
    EXPECT_TRUE(Has(csp, "default-src 'none'"));
    EXPECT_TRUE(Has(csp, "style-src 'sha256-"));
    EXPECT_TRUE(Has(csp, "form-action 'self'"));
    EXPECT_TRUE(Has(csp, "frame-ancestors 'none'"));
    EXPECT_TRUE(Has(csp, "base-uri 'none'"));
    EXPECT_FALSE(Has(csp, "script-src"));
    EXPECT_FALSE(Has(csp, "unsafe-inline"));
    EXPECT_EQ(response.headers.at("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(response.headers.at("Referrer-Policy"), "no-referrer");
    EXPECT_EQ(response.headers.at("Cache-Control"), "no-store");
    EXPECT_EQ(response.headers.at("X-Frame-Options"), "DENY");
  }
}

TEST_F(AnswerPageTest, UnknownAndMalformedTokensAreNotFound) {
  EXPECT_EQ(Get("tokZZZZZZZZZZZZ9").status, 404);
  EXPECT_TRUE(Has(Get("tokZZZZZZZZZZZZ9").body, "链接无效"));
  EXPECT_EQ(Get("short").status, 404);
  EXPECT_EQ(server_.Handle({"GET", "/other", "", "", "10.0.0.1"}).status, 404);
  EXPECT_EQ(Post("tokZZZZZZZZZZZZ9", "s_overall=4").status, 404);
  EXPECT_EQ(server_.Handle({"DELETE", std::string("/s/") + kToken, "", "", "10.0.0.1"}).status, 405);
}

TEST_F(AnswerPageTest, ALowScoreIsStoredOnceOpensACaseAndASecondSubmitIsRefusedPolitely) {
  const auto thanks = Post(kToken, "s_overall=4&recommend=3&comment=%E7%AD%89%E5%A4%AA%E4%B9%85");
  EXPECT_EQ(thanks.status, 200);
  EXPECT_TRUE(Has(thanks.body, "感谢您的评价"));

  const auto stored = answer_store_.Find("srv-1");
  ASSERT_TRUE(stored->answers.has_value());
  EXPECT_EQ(stored->status, domain::SurveyStatus::kAnswered);
  EXPECT_EQ(stored->answers->scores, (std::vector<domain::ItemScore>{{domain::SurveyItem::kOverall, 4}}));
  EXPECT_EQ(stored->answers->recommend, 3);
  EXPECT_EQ(stored->answers->comment, "等太久");
  EXPECT_EQ(stored->answers->channel, domain::AnswerChannel::kSms);
  EXPECT_EQ(stored->case_id, "case-srv-1");
  EXPECT_EQ(cases_.opened_count, 1);
  EXPECT_EQ(answer_store_.published.size(), 1U);

  // A replayed POST, and a second answer: refused politely, nothing stored twice.
  const auto again = Post(kToken, "s_overall=4&recommend=3&comment=%E7%AD%89%E5%A4%AA%E4%B9%85");
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(Has(again.body, "您已提交过本次评价，感谢您的反馈"));
  EXPECT_EQ(Post(kToken, "s_overall=10").status, 409);
  EXPECT_EQ(answer_store_.Find("srv-1")->answers->scores[0].score, 4);
  EXPECT_EQ(answer_store_.published.size(), 1U);
  EXPECT_EQ(cases_.opened_count, 1);
  // Opening the link again shows the same polite notice, not the form.
  const auto reopened = Get(kToken);
  EXPECT_EQ(reopened.status, 200);
  EXPECT_TRUE(Has(reopened.body, "您已提交过本次评价，感谢您的反馈"));
  EXPECT_FALSE(Has(reopened.body, "<form"));
}

TEST_F(AnswerPageTest, ATokenAnswersItsOwnSurveyOnly) {
  EXPECT_EQ(Post(kOtherToken, "s_overall=9&survey_id=srv-1").status, 200);
  EXPECT_EQ(answer_store_.Find("srv-2")->status, domain::SurveyStatus::kAnswered);
  EXPECT_EQ(answer_store_.Find("srv-1")->status, domain::SurveyStatus::kIssued);
  // And the link's caller may not answer any other survey.
  const auto other = answers_.Submit(app::AnswerCaller::CustomerLink("srv-2"), {"srv-1", {}, ""});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kPermissionDenied);
}

TEST_F(AnswerPageTest, BadAnswersNameTheQuestionKeepWhatWasEnteredAndStoreNothing) {
  const auto out_of_range = Post(kToken, "s_overall=11&recommend=7&comment=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(out_of_range.status, 422);
  EXPECT_TRUE(Has(out_of_range.body, "<fieldset id=\"q-s_overall\" class=\"bad\">"));
  EXPECT_TRUE(Has(out_of_range.body, "请选择 1 到 10 分。"));
  EXPECT_TRUE(Has(out_of_range.body, "name=\"recommend\" value=\"7\" checked"));  // kept
  EXPECT_TRUE(Has(out_of_range.body, "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"));
  EXPECT_FALSE(Has(out_of_range.body, "<script>"));

  const auto missing = Post(kToken, "recommend=7");
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(Has(missing.body, "<fieldset id=\"q-s_overall\" class=\"bad\">"));
  EXPECT_TRUE(Has(missing.body, "此题必答"));

  const auto not_a_number = Post(kToken, "s_overall=4&s_service_workshop_tidy=abc");
  EXPECT_EQ(not_a_number.status, 422);
  EXPECT_TRUE(Has(not_a_number.body, "<fieldset id=\"q-s_service_workshop_tidy\" class=\"bad\">"));
  EXPECT_TRUE(Has(not_a_number.body, "name=\"s_overall\" value=\"4\" checked"));

  const auto bad_yes_no = Post(kToken, "s_overall=8&e_service_work_explained=maybe");
  EXPECT_EQ(bad_yes_no.status, 422);
  EXPECT_TRUE(Has(bad_yes_no.body, "请选择“是”或“否”"));

  EXPECT_EQ(answer_store_.Find("srv-1")->status, domain::SurveyStatus::kIssued);
  EXPECT_TRUE(answer_store_.published.empty());
  EXPECT_EQ(cases_.opened_count, 0);
}

TEST_F(AnswerPageTest, HtmlInTheTextIsStoredAsTypedAndNeverShownRaw) {
  EXPECT_EQ(Post(kToken, "s_overall=9&comment=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E").status, 200);
  EXPECT_EQ(answer_store_.Find("srv-1")->answers->comment, "<img src=x onerror=alert(1)>");
}

TEST_F(AnswerPageTest, AnExpiredLinkIsGone) {
  clock_.Set(At("2026-11-29T10:00:00+08:00"));
  const auto page = Get(kToken);
  EXPECT_EQ(page.status, 410);
  EXPECT_TRUE(Has(page.body, "本次评价已结束"));
  EXPECT_EQ(Post(kToken, "s_overall=4").status, 410);
  EXPECT_EQ(answer_store_.Find("srv-1")->status, domain::SurveyStatus::kIssued);
}

TEST_F(AnswerPageTest, TooManySubmitsAreRefusedWithRetryAfter) {
  limiter_.per_token = 2;
  EXPECT_EQ(Post(kToken, "s_overall=11").status, 422);
  EXPECT_EQ(Post(kToken, "s_overall=12").status, 422);
  const auto limited = Post(kToken, "s_overall=9");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.headers.at("Retry-After"), "91");
  EXPECT_TRUE(Has(limited.body, "提交次数过多"));
  EXPECT_EQ(answer_store_.Find("srv-1")->status, domain::SurveyStatus::kIssued);
  // Another link from another address still gets through.
  EXPECT_EQ(Post(kOtherToken, "s_overall=9", "10.0.0.2").status, 200);
}

TEST_F(AnswerPageTest, AFormPostOfAnotherTypeIsRefused) {
  EXPECT_EQ(server_.Handle({"POST", std::string("/s/") + kToken, "application/json", "{}", "10.0.0.1"}).status, 415);
}

}  // namespace
}  // namespace careloop::surveys
