// The inbound-reply route (services/surveys/adapters/dispatch_events): a SURVEY_ANSWER reply with
// a score answers the overall item; other classifications are skipped; an incomplete or
// undecodable event is poison; a case that cannot be opened yet makes the event come back.
#include <gtest/gtest.h>

#include "careloop/dispatch/v1/events.pb.h"
#include "common/clock/clock.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/dispatch_events.h"
#include "tests/fakes/surveys_answer_fakes.h"

namespace careloop::surveys::adapters {
namespace {

namespace dispatch_pb = careloop::dispatch::v1;
using Outcome = kafka::HandlerResult::Outcome;

class SurveyReplyRouteTest : public ::testing::Test {
 protected:
  SurveyReplyRouteTest()
      : clock_(*ParseRfc3339("2026-11-23T15:00:00+08:00")),
        catalog_(templates_),
        app_(store_, catalog_, cases_, clock_) {
    domain::Survey survey;
    survey.survey_id = "srv-1";
    survey.customer_id = "cus-1";
    survey.store_id = "S001";
    survey.template_id = "csi-service";
    survey.template_version = 1;
    survey.expires_at = clock_.Now() + Days{3};
    store_.Add(survey);
    RouteSurveyReplies(router_, app_);
  }

  kafka::CloudEvent Reply(const std::string& inbound_id, dispatch_pb::ReplyClassification classification, int score) {
    dispatch_pb::InboundReplyReceived reply;
    reply.set_inbound_id(inbound_id);
    reply.set_customer_id("cus-1");
    reply.set_store_id("S001");
    reply.set_channel(careloop::common::v1::CHANNEL_SMS);
    reply.set_classification(classification);
    reply.set_survey_id("srv-1");
    reply.set_survey_score(score);
    *reply.mutable_received_at() = events::ToTimestamp(clock_.Now());
    return events::MakeEvent(reply, "/careloop/dispatch", "cus-1", "evt-" + inbound_id, clock_.Now());
  }

  clock::ManualClock clock_;
  careloop::testing::FakeTemplateStore templates_;
  app::TemplateCatalog catalog_;
  careloop::testing::FakeAnswerStore store_;
  careloop::testing::FakeCaseIntake cases_;
  app::AnswersApp app_;
  events::Router router_;
};

TEST_F(SurveyReplyRouteTest, AScoreReplyAnswersTheOverallItem) {
  EXPECT_EQ(router_(Reply("in-1", dispatch_pb::REPLY_CLASSIFICATION_SURVEY_ANSWER, 9)).outcome, Outcome::kDone);
  const auto survey = store_.Find("srv-1");
  ASSERT_EQ(survey->status, domain::SurveyStatus::kAnswered);
  EXPECT_EQ(survey->answers->scores.at(0).score, 9);
  EXPECT_EQ(survey->answers->channel, domain::AnswerChannel::kSms);
}

TEST_F(SurveyReplyRouteTest, OtherRepliesAndBadScoresChangeNothing) {
  EXPECT_EQ(router_(Reply("in-1", dispatch_pb::REPLY_CLASSIFICATION_OPT_OUT, 0)).outcome, Outcome::kDone);
  EXPECT_EQ(router_(Reply("in-2", dispatch_pb::REPLY_CLASSIFICATION_SURVEY_ANSWER, 42)).outcome, Outcome::kDone);
  EXPECT_TRUE(store_.published.empty());
}

TEST_F(SurveyReplyRouteTest, AnIncompleteOrUndecodableReplyIsPoison) {
  kafka::CloudEvent no_inbound = Reply("", dispatch_pb::REPLY_CLASSIFICATION_SURVEY_ANSWER, 9);
  EXPECT_EQ(router_(no_inbound).outcome, Outcome::kPoison);
  kafka::CloudEvent garbage = Reply("in-1", dispatch_pb::REPLY_CLASSIFICATION_SURVEY_ANSWER, 9);
  garbage.data = "\xff\xff\xff";
  EXPECT_EQ(router_(garbage).outcome, Outcome::kPoison);
  EXPECT_TRUE(store_.published.empty());
}

TEST_F(SurveyReplyRouteTest, ACaseThatCannotBeOpenedYetMakesTheReplyComeBack) {
  cases_.fail_next = 1;
  EXPECT_EQ(router_(Reply("in-1", dispatch_pb::REPLY_CLASSIFICATION_SURVEY_ANSWER, 3)).outcome, Outcome::kRetry);
  EXPECT_EQ(router_(Reply("in-1", dispatch_pb::REPLY_CLASSIFICATION_SURVEY_ANSWER, 3)).outcome, Outcome::kDone);
  EXPECT_EQ(store_.Find("srv-1")->case_id, "case-srv-1");
  EXPECT_EQ(store_.published.size(), 1u);
}

}  // namespace
}  // namespace careloop::surveys::adapters
