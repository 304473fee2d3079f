// The survey link and the answer page on a real redis-server (database 48): the token record is
// written with the issue (same url in the stored survey and in SurveyIssued, a Redis expiry past
// the survey's), a replayed issue writes no second token, the submit limiter shares its counts
// through Redis, and the page answers over HTTP with its headers: a 4/10 is stored once and
// opens its case, a second submit is refused politely.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>

#include "careloop/survey/v1/events.pb.h"
#include "careloop/survey/v1/survey.pb.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/adapters/answer_page_server.h"
#include "services/surveys/adapters/random_link_tokens.h"
#include "services/surveys/adapters/redis_answer_links.h"
#include "services/surveys/adapters/redis_answer_store.h"
#include "services/surveys/adapters/redis_keys.h"
#include "services/surveys/adapters/redis_survey_repository.h"
#include "services/surveys/adapters/redis_template_store.h"
#include "services/surveys/app/answer_page_app.h"
#include "services/surveys/app/answers_app.h"
#include "services/surveys/app/surveys_app.h"
#include "services/surveys/app/templates_app.h"
#include "tests/fakes/surveys_answer_fakes.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

constexpr int kDb = 48;
namespace sapp = surveys::app;
namespace sdomain = surveys::domain;
namespace sadapters = surveys::adapters;
namespace keys = surveys::adapters::keys;

Instant At(std::string_view text) {
  return *ParseRfc3339(text);
}

class SurveyLinkStoreTest : public ::testing::Test {
 protected:
  SurveyLinkStoreTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(At("2026-11-25T10:00:00+08:00")),
        stores_({{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}}),
        repository_(*pool_, clock_),
        surveys_(repository_, clock_, stores_, sdomain::SurveyPolicy{}),
        template_store_(*pool_),
        templates_(template_store_, clock_),
        answer_store_(*pool_, clock_),
        answers_(answer_store_, templates_.catalog(), cases_, clock_),
        links_(*pool_),
        limiter_(*pool_, {3, 100, std::chrono::minutes{10}}),
        page_app_(links_, limiter_, answers_, templates_.catalog(), clock_, stores_),
        page_(page_app_, stores_) {
    surveys_.UseTemplates(templates_.catalog());
    surveys_.UseLinks(tokens_, "http://127.0.0.1:8090");
  }

  sapp::InvitationDue Due(const std::string& visit_id) {
    return {"rem-" + visit_id, "cus-1",  "S001",     sdomain::SurveyKind::kServiceVisit,
            "veh-1",           visit_id, "sa-zhang", clock_.Now()};
  }

  /// The answer_url of every SurveyIssued in the outbox.
  std::vector<std::string> IssuedUrls() {
    std::vector<std::string> urls;
    redis::Reply entries = pool_->Acquire()->Run({"XRANGE", keys::kOutbox, "-", "+"});
    for (size_t i = 0; i < entries.Size(); ++i) {
      const redisReply* fields = entries.Element(i)->element[1];
      std::map<std::string, std::string> entry;
      for (size_t f = 0; f + 1 < fields->elements; f += 2) {
        entry[std::string(redis::ElementStr(fields->element[f]))] = redis::ElementStr(fields->element[f + 1]);
      }
      if (entry["type"] == "careloop.survey.v1.SurveyIssued") {
        careloop::survey::v1::SurveyIssued issued;
        EXPECT_TRUE(issued.ParseFromString(entry["data"]));
        urls.push_back(issued.answer_url());
      }
    }
    return urls;
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  sadapters::RedisSurveyRepository repository_;
  sapp::SurveysApp surveys_;
  sadapters::RedisTemplateStore template_store_;
  sapp::TemplatesApp templates_;
  sadapters::RedisAnswerStore answer_store_;
  careloop::testing::FakeCaseIntake cases_;
  sapp::AnswersApp answers_;
  sadapters::RandomLinkTokens tokens_;
  sadapters::RedisAnswerLinks links_;
  sadapters::RedisSubmitLimiter limiter_;
  sapp::AnswerPageApp page_app_;
  sadapters::AnswerPageServer page_;
};

TEST_F(SurveyLinkStoreTest, TheTokenIsWrittenWithTheIssueOnceAndOutlivesTheSurvey) {
  const auto issued = surveys_.OnInvitationDue(Due("visit-1"));
  ASSERT_TRUE(issued.has_value());
  const std::string token = issued->link_token;
  ASSERT_TRUE(sadapters::LooksLikeLinkToken(token));
  EXPECT_EQ(issued->answer_url, "http://127.0.0.1:8090/s/" + token);
  EXPECT_EQ(links_.SurveyOfToken(token), issued->survey_id);
  EXPECT_FALSE(links_.SurveyOfToken("tokZZZZZZZZZZZZ9").has_value());

  // The stored survey and the published SurveyIssued carry the same link.
  EXPECT_EQ(IssuedUrls(), std::vector<std::string>{issued->answer_url});
  auto stored = answers_.Get(sapp::AnswerCaller::CustomerLink(issued->survey_id), issued->survey_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->answer_url, issued->answer_url);

  // Expires in Redis 30 days after the survey does (7 days from now).
  const long long ttl = pool_->Acquire()->Run({"PTTL", keys::Link(token)}).Integer();
  EXPECT_GT(ttl, std::chrono::duration_cast<Millis>(Days{36}).count());
  EXPECT_LE(ttl, std::chrono::duration_cast<Millis>(Days{37}).count());

  // A replayed firing writes no second token and publishes nothing more.
  EXPECT_FALSE(surveys_.OnInvitationDue(Due("visit-1")).has_value());
  EXPECT_EQ(pool_->Acquire()->Run({"KEYS", "cl:surv:link:*"}).Size(), 1U);
  EXPECT_EQ(IssuedUrls().size(), 1U);
}

TEST_F(SurveyLinkStoreTest, TheLimiterCountsPerTokenAndPerClientInRedis) {
  EXPECT_FALSE(limiter_.Admit("tokA", "10.0.0.1").has_value());
  EXPECT_FALSE(limiter_.Admit("tokA", "10.0.0.2").has_value());
  EXPECT_FALSE(limiter_.Admit("tokA", "10.0.0.3").has_value());
  const auto refused = limiter_.Admit("tokA", "10.0.0.4");
  ASSERT_TRUE(refused.has_value());
  EXPECT_GT(refused->count(), 0);
  EXPECT_LE(refused->count(), 10 * 60'000);
  EXPECT_FALSE(limiter_.Admit("tokB", "10.0.0.4").has_value());

  // Another instance (another limiter on the same Redis) sees the same counts.
  sadapters::RedisSubmitLimiter other(*pool_, {100, 2, std::chrono::minutes{10}});
  EXPECT_TRUE(other.Admit("tokC", "10.0.0.4").has_value());  // 10.0.0.4 has made 3 submits already
  EXPECT_FALSE(other.Admit("tokC", "10.0.0.9").has_value());
  const long long ttl = pool_->Acquire()->Run({"PTTL", keys::SubmitsOfClient("10.0.0.9")}).Integer();
  EXPECT_GT(ttl, 0);
}

TEST_F(SurveyLinkStoreTest, ThePageAnswersOverHttpWithItsHeaders) {
  const auto issued = surveys_.OnInvitationDue(Due("visit-2"));
  ASSERT_TRUE(issued.has_value());
  const int port = page_.Start("127.0.0.1:0");
  ASSERT_GT(port, 0);
  httplib::Client client("127.0.0.1", port);
  const std::string path = "/s/" + issued->link_token;

  auto form = client.Get(path.c_str());
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 200);
  EXPECT_NE(form->body.find("星途汽车北京朝阳店"), std::string::npos);
  EXPECT_EQ(form->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(form->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(form->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(form->get_header_value("Cache-Control"), "no-store");

  auto thanks =
      client.Post(path.c_str(), "s_overall=4&comment=%E5%A4%AA%E6%85%A2", "application/x-www-form-urlencoded");
  ASSERT_TRUE(thanks);
  EXPECT_EQ(thanks->status, 200);
  EXPECT_NE(thanks->body.find("感谢您的评价"), std::string::npos);
  auto again = client.Post(path.c_str(), "s_overall=4&comment=%E5%A4%AA%E6%85%A2", "application/x-www-form-urlencoded");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  EXPECT_NE(again->body.find("您已提交过本次评价，感谢您的反馈"), std::string::npos);

  auto stored = answers_.Get(sapp::AnswerCaller::CustomerLink(issued->survey_id), issued->survey_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, sdomain::SurveyStatus::kAnswered);
  EXPECT_EQ(stored->answers->comment, "太慢");
  EXPECT_EQ(stored->case_id, "case-" + issued->survey_id);
  EXPECT_EQ(cases_.opened_count, 1);

  // The limit (3 submits per link here) answers 429 with Retry-After.
  auto limited = client.Post(path.c_str(), "s_overall=4", "application/x-www-form-urlencoded");
  auto limited_again = client.Post(path.c_str(), "s_overall=4", "application/x-www-form-urlencoded");
  ASSERT_TRUE(limited && limited_again);
  EXPECT_EQ(limited->status, 409);
  EXPECT_EQ(limited_again->status, 429);
  EXPECT_FALSE(limited_again->get_header_value("Retry-After").empty());
  page_.Stop();
}

}  // namespace
}  // namespace careloop
