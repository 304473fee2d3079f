// The CSI read model end to end through the adapters: the survey topic's events produced to the
// dev broker (SurveyIssued, SurveyAnswered, SurveyExpired, ComplaintCaseOpened/Updated/Resolved),
// consumed by the CSI routes (adapters/csi_events.cc) into the real Redis
// (adapters/redis_csi_stats.cc), and the report read back — duplicates and replays counted once.
// Redis database 46.
#include <gtest/gtest.h>

#include "careloop/survey/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/events/proto_event.h"
#include "common/kafka/cloud_event.h"
#include "common/kafka/consumer.h"
#include "common/kafka/producer.h"
#include "services/surveys/adapters/csi_events.h"
#include "services/surveys/adapters/redis_csi_stats.h"
#include "tests/integration/test_env.h"

namespace careloop::surveys {
namespace {

constexpr int kDb = 46;
namespace pb = careloop::survey::v1;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

const auth::Principal kAdmin{"admin", auth::Role::kAdmin, {}, true};

class CsiReadModelTest : public ::testing::Test {
 protected:
  CsiReadModelTest()
      : pool_(testing::FreshRedis(kDb)),
        store_(NewRandomId("S-csi-")),
        stores_({{store_, "测试店", "测试店", "Asia/Shanghai", "010-85556666"}}),
        clock_(At("2027-02-01T00:00:00Z")),
        stats_(*pool_),
        csi_(stats_, clock_, stores_),
        producer_(testing::TestEnv::Get().Kafka(), "csi-read-model-test") {
    adapters::RouteCsi(routes_, csi_);
  }

  void Produce(const google::protobuf::Message& payload, const std::string& event_id) {
    const auto event = events::MakeEvent(payload, "/careloop/surveys", "cus-1", event_id, At("2027-01-20T01:00:00Z"));
    ASSERT_TRUE(producer_.ProduceAndWait(kafka::kSurveyTopic, event, Millis{10'000}).ok());
  }

  pb::SurveyIssued Issued(const std::string& id, const std::string& advisor) {
    pb::SurveyIssued issued;
    issued.set_survey_id(id);
    issued.set_customer_id("cus-1");
    issued.set_store_id(store_);
    issued.set_kind(pb::SURVEY_KIND_SERVICE_VISIT);
    issued.set_advisor(advisor);
    issued.set_source(pb::SATISFACTION_SOURCE_INTERNAL);
    *issued.mutable_issued_at() = events::ToTimestamp(At("2027-01-10T10:00:00+08:00"));
    return issued;
  }

  pb::SurveyAnswered Answered(const std::string& id, const std::string& advisor, int score, int recommend) {
    pb::SurveyAnswered answered;
    answered.set_survey_id(id);
    answered.set_customer_id("cus-1");
    answered.set_store_id(store_);
    answered.set_kind(pb::SURVEY_KIND_SERVICE_VISIT);
    answered.set_advisor(advisor);
    auto* overall = answered.add_scores();
    overall->set_item(pb::SURVEY_ITEM_OVERALL);
    overall->set_score(score);
    auto* lounge = answered.add_scores();
    lounge->set_item(pb::SURVEY_ITEM_SERVICE_LOUNGE);
    lounge->set_score(score - 1);
    answered.set_average_score(score - 0.5);
    answered.set_dissatisfied(score <= 6);
    answered.set_source(pb::SATISFACTION_SOURCE_INTERNAL);
    answered.set_recommend_score(recommend);
    *answered.mutable_answered_at() = events::ToTimestamp(At("2027-01-12T10:00:00+08:00"));
    return answered;
  }

  std::unique_ptr<redis::Pool> pool_;
  std::string store_;
  config::StoreCatalog stores_;
  clock::ManualClock clock_;
  adapters::RedisCsiStats stats_;
  app::CsiApp csi_;
  events::Router routes_;
  kafka::Producer producer_;
};

app::CsiQuery January(const std::string& store) {
  app::CsiQuery query;
  query.store_ids = {store};
  query.from = {2027, 1, 1};
  query.to = {2027, 1, 31};
  return query;
}

TEST_F(CsiReadModelTest, TheSurveyTopicsEventsMakeTheReportAndReplaysCountOnce) {
  const std::string s1 = NewRandomId("srv-");
  const std::string s2 = NewRandomId("srv-");
  const std::string s3 = NewRandomId("srv-");
  Produce(Issued(s1, "adv-1"), s1 + "-issued");
  Produce(Issued(s1, "adv-1"), s1 + "-issued");        // a producer retry
  Produce(Issued(s1, "adv-1"), s1 + "-issued-again");  // a replay under another event id
  Produce(Issued(s2, "adv-1"), s2 + "-issued");
  Produce(Issued(s3, "adv-2"), s3 + "-issued");
  Produce(Answered(s1, "adv-1", 9, 10), s1 + "-answered");
  Produce(Answered(s1, "adv-1", 9, 10), s1 + "-answered-again");
  Produce(Answered(s3, "adv-2", 4, 2), s3 + "-answered");
  pb::SurveyExpired expired;
  expired.set_survey_id(s2);
  expired.set_store_id(store_);
  expired.set_kind(pb::SURVEY_KIND_SERVICE_VISIT);
  *expired.mutable_expired_at() = events::ToTimestamp(At("2027-01-17T10:00:00+08:00"));
  Produce(expired, s2 + "-expired");

  const std::string case_id = NewRandomId("case-");
  pb::ComplaintCaseOpened opened;
  opened.set_case_id(case_id);
  opened.set_customer_id("cus-1");
  opened.set_store_id(store_);
  opened.set_survey_id(s3);
  opened.set_advisor("adv-2");
  *opened.mutable_opened_at() = events::ToTimestamp(At("2027-01-12T10:00:00+08:00"));
  Produce(opened, case_id + "-opened");
  pb::ComplaintCaseUpdated updated;
  updated.set_case_id(case_id);
  updated.set_store_id(store_);
  updated.set_step(pb::HANDLING_STEP_GET_FACTS);
  Produce(updated, case_id + "-step");
  pb::ComplaintCaseResolved resolved;
  resolved.set_case_id(case_id);
  resolved.set_store_id(store_);
  resolved.set_resolution(pb::CASE_RESOLUTION_CUSTOMER_SATISFIED);
  *resolved.mutable_opened_at() = opened.opened_at();
  *resolved.mutable_resolved_at() = events::ToTimestamp(At("2027-01-13T16:00:00+08:00"));  // 30 h
  resolved.set_within_deadline(true);
  Produce(resolved, case_id + "-resolved");
  Produce(resolved, case_id + "-resolved-again");

  kafka::Consumer consumer(testing::TestEnv::Get().Kafka(), NewRandomId("csi-read-model-"), {kafka::kSurveyTopic},
                           routes_, producer_);
  consumer.Start();
  const auto complete = [&] {
    const auto report = csi_.Report(kAdmin, January(store_));
    return report.ok() && report->issued == 3 && report->expired == 1 && report->rows.size() == 1 &&
           report->rows[0].response_count == 2 && report->rows[0].complaints.resolved == 1;
  };
  const bool arrived = testing::Eventually(complete, std::chrono::seconds(20));
  consumer.Stop();
  ASSERT_TRUE(arrived);

  auto report = csi_.Report(kAdmin, January(store_));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->issued, 3);
  EXPECT_EQ(report->expired, 1);
  const auto& total = report->rows[0];
  EXPECT_EQ(total.response_count, 2);
  EXPECT_DOUBLE_EQ(*total.response_rate, 2.0 / 3);
  EXPECT_DOUBLE_EQ(*total.average_score, (8.5 + 3.5) / 2);
  EXPECT_EQ(total.tally.dissatisfied, 1);
  EXPECT_DOUBLE_EQ(*total.nps, 0);  // one promoter (10), one detractor (2)
  EXPECT_EQ(total.complaints.opened, 1);
  EXPECT_EQ(total.complaints.in_progress_or_beyond, 1);
  EXPECT_EQ(total.complaints.customer_satisfied, 1);
  EXPECT_DOUBLE_EQ(*total.complaints.median_hours, 30);
  EXPECT_DOUBLE_EQ(*total.complaints.within_deadline_share, 1);
  ASSERT_EQ(report->lowest_items.size(), 1U);
  EXPECT_EQ(report->lowest_items[0].item, domain::SurveyItem::kServiceLounge);
  EXPECT_DOUBLE_EQ(report->lowest_items[0].average, (8.0 + 3.0) / 2);

  app::CsiQuery by_advisor = January(store_);
  by_advisor.group_by.advisor = true;
  report = csi_.Report(kAdmin, by_advisor);
  // SurveyExpired names no advisor: the expired survey is a row of its own, without one.
  ASSERT_EQ(report->rows.size(), 3U);
  EXPECT_EQ(report->rows[0].key.advisor, "");
  EXPECT_EQ(report->rows[0].tally.expired, 1);
  EXPECT_EQ(report->rows[0].response_count, 0);
  EXPECT_EQ(report->rows[1].key.advisor, "adv-1");
  EXPECT_DOUBLE_EQ(*report->rows[1].response_rate, 0.5);
  EXPECT_EQ(report->rows[1].complaints.opened, 0);
  EXPECT_EQ(report->rows[2].key.advisor, "adv-2");
  EXPECT_EQ(report->rows[2].complaints.opened, 1);
}

TEST_F(CsiReadModelTest, AnEventKeyAddsOnceAndTheCountersReadBackPerCell) {
  domain::CsiCell cell{store_,
                       {2027, 3},
                       domain::SurveyKind::kSalesDelivery,
                       domain::ScoreSource::kExternal,
                       "sc|with|bars",
                       domain::SurveyItem::kSalesFairPrice,
                       {}};
  cell.tally.scores = 1;
  cell.tally.score_points = 7;
  EXPECT_TRUE(stats_.Add("answered:x1", {cell}));
  EXPECT_FALSE(stats_.Add("answered:x1", {cell}));
  EXPECT_TRUE(stats_.Add("answered:x2", {cell}));
  const auto cells = stats_.Cells(store_, {2027, 3});
  ASSERT_EQ(cells.size(), 1U);
  EXPECT_EQ(cells[0].advisor, "sc|with|bars");
  EXPECT_EQ(cells[0].kind, domain::SurveyKind::kSalesDelivery);
  EXPECT_EQ(cells[0].source, domain::ScoreSource::kExternal);
  EXPECT_EQ(cells[0].item, domain::SurveyItem::kSalesFairPrice);
  EXPECT_EQ(cells[0].tally.scores, 2);
  EXPECT_EQ(cells[0].tally.score_points, 14);
  EXPECT_TRUE(stats_.Cells(store_, {2027, 4}).empty());
}

}  // namespace
}  // namespace careloop::surveys
