// The CSI read model's use cases (services/surveys/app/csi_app.h) over tests/fakes/surveys_csi_fakes.h.
#include <gtest/gtest.h>

#include "services/surveys/app/csi_app.h"
#include "tests/fakes/surveys_csi_fakes.h"

namespace careloop::surveys::app {
namespace {

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

const auth::Principal kAdmin{"admin", auth::Role::kAdmin, {}, true};
const auth::Principal kManagerS1{"mgr", auth::Role::kManager, {"S1"}, false};

class CsiAppTest : public ::testing::Test {
 protected:
  CsiAppTest()
      : clock_(At("2027-03-01T00:00:00Z")),
        stores_({{"S1", "一店", "一店", "Asia/Shanghai", "010-1"}, {"S2", "二店", "二店", "Asia/Shanghai", "010-2"}}),
        csi_(stats_, clock_, stores_) {}

  void Answer(const std::string& survey_id, const std::string& store, const std::string& advisor, int overall,
              std::optional<int> recommend, Instant at, domain::SurveyKind kind = domain::SurveyKind::kServiceVisit) {
    domain::CsiAnswer answer;
    answer.store_id = store;
    answer.kind = kind;
    answer.source = domain::ScoreSource::kInternal;
    answer.advisor = advisor;
    answer.scores = {{domain::SurveyItem::kOverall, overall}, {domain::SurveyItem::kServiceLounge, overall}};
    answer.average_score = overall;
    answer.dissatisfied = overall <= 6;
    answer.recommend_score = recommend;
    csi_.OnAnswered(survey_id, answer, at);
  }

  CsiQuery January() {
    CsiQuery query;
    query.store_ids = {"S1"};
    query.from = {2027, 1, 1};
    query.to = {2027, 1, 31};
    return query;
  }

  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  testing::FakeCsiStats stats_;
  CsiApp csi_;
};

TEST_F(CsiAppTest, ReplayedEventsCountOnceAndTheStoreLocalMonthDecides) {
  csi_.OnIssued({"srv-1", "S1", domain::SurveyKind::kServiceVisit, domain::ScoreSource::kInternal, "adv-1",
                 At("2027-01-10T02:00:00Z")});
  csi_.OnIssued({"srv-1", "S1", domain::SurveyKind::kServiceVisit, domain::ScoreSource::kInternal, "adv-1",
                 At("2027-01-10T02:00:00Z")});
  csi_.OnIssued({"srv-2", "S1", domain::SurveyKind::kServiceVisit, domain::ScoreSource::kInternal, "adv-1",
                 At("2027-01-11T02:00:00Z")});
  // 17:00 UTC on 31 January is 1 February in Shanghai: counted in February.
  csi_.OnIssued({"srv-3", "S1", domain::SurveyKind::kServiceVisit, domain::ScoreSource::kInternal, "adv-1",
                 At("2027-01-31T17:00:00Z")});
  Answer("srv-1", "S1", "adv-1", 9, 10, At("2027-01-12T02:00:00Z"));
  Answer("srv-1", "S1", "adv-1", 9, 10, At("2027-01-12T02:00:00Z"));
  csi_.OnExpired({"srv-2", "S1", domain::SurveyKind::kServiceVisit, domain::ScoreSource::kUnspecified, "",
                  At("2027-01-18T02:00:00Z")});

  auto report = csi_.Report(kManagerS1, January());
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  ASSERT_EQ(report->rows.size(), 1U);
  EXPECT_EQ(report->issued, 2);
  EXPECT_EQ(report->expired, 1);
  EXPECT_EQ(report->rows[0].response_count, 1);
  EXPECT_DOUBLE_EQ(*report->rows[0].response_rate, 0.5);
  EXPECT_DOUBLE_EQ(*report->rows[0].nps, 100);
  EXPECT_EQ(report->computed_at, clock_.Now());
  EXPECT_EQ(report->time_zone, "Asia/Shanghai");
  ASSERT_EQ(report->lowest_items.size(), 1U);
  EXPECT_EQ(report->lowest_items[0].item, domain::SurveyItem::kServiceLounge);

  CsiQuery february = January();
  february.from = {2027, 2, 1};
  february.to = {2027, 2, 28};
  EXPECT_EQ(csi_.Report(kManagerS1, february)->issued, 1);
}

TEST_F(CsiAppTest, FiltersByKindAndAdvisorAndGroupsByMonth) {
  Answer("srv-1", "S1", "adv-1", 8, std::nullopt, At("2027-01-12T02:00:00Z"));
  Answer("srv-2", "S1", "adv-2", 4, std::nullopt, At("2027-02-12T02:00:00Z"));
  Answer("srv-3", "S1", "sc-1", 10, std::nullopt, At("2027-02-13T02:00:00Z"), domain::SurveyKind::kSalesDelivery);
  CsiQuery query = January();
  query.to = {2027, 2, 28};
  query.group_by.month = true;
  query.kind = domain::SurveyKind::kServiceVisit;
  auto report = csi_.Report(kAdmin, query);
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->rows.size(), 2U);
  EXPECT_EQ(report->rows[0].key.month, (domain::CsiMonth{2027, 1}));
  EXPECT_DOUBLE_EQ(*report->rows[0].average_score, 8);
  EXPECT_DOUBLE_EQ(*report->rows[1].average_score, 4);
  EXPECT_EQ(report->rows[1].tally.dissatisfied, 1);
  query.kind.reset();
  query.advisor = "sc-1";
  report = csi_.Report(kAdmin, query);
  ASSERT_EQ(report->rows.size(), 1U);
  EXPECT_EQ(report->rows[0].key.month, (domain::CsiMonth{2027, 2}));
  EXPECT_DOUBLE_EQ(*report->rows[0].average_score, 10);
}

TEST_F(CsiAppTest, CasesAreFiledByTheMonthTheyWereOpenedInWhateverOrderTheirEventsCome) {
  CaseNote opened{"case-1", "S1", "adv-1", {}, At("2027-01-30T02:00:00Z")};
  csi_.OnCase(opened);
  CaseNote step{"case-1", "S1"};
  step.progressed = true;
  csi_.OnCase(step);
  CaseNote resolved{"case-1", "S1"};
  resolved.opened_at = At("2027-01-30T02:00:00Z");
  resolved.progressed = true;
  resolved.resolved_at = At("2027-02-01T02:00:00Z");
  resolved.within_deadline = true;
  resolved.customer_satisfied = true;
  csi_.OnCase(resolved);
  csi_.OnCase(resolved);  // replayed
  // A case whose Opened event was never seen is still filed by its Resolved event.
  CaseNote late{"case-2", "S1"};
  late.opened_at = At("2027-01-05T02:00:00Z");
  late.resolved_at = At("2027-01-05T06:00:00Z");
  csi_.OnCase(late);
  auto report = csi_.Report(kManagerS1, January());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->rows.size(), 1U);
  const auto& cases = report->rows[0].complaints;
  EXPECT_EQ(cases.opened, 2);
  EXPECT_EQ(cases.resolved, 2);
  EXPECT_EQ(cases.resolved_within_deadline, 1);
  EXPECT_EQ(cases.customer_satisfied, 1);
  EXPECT_DOUBLE_EQ(*cases.median_hours, 26);  // 4 h and 48 h
  EXPECT_DOUBLE_EQ(*cases.p90_hours, 48);
}

TEST_F(CsiAppTest, RefusesAnotherStoresCallerAndNamesBadInput) {
  CsiQuery query = January();
  query.store_ids = {"S2"};
  auto report = csi_.Report(kManagerS1, query);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kPermissionDenied);

  query.store_ids = {"S1", "S9"};
  report = csi_.Report(kAdmin, query);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().field, "store_ids[1]");

  query = January();
  query.to = {2026, 12, 31};
  report = csi_.Report(kAdmin, query);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().field, "period.end");

  query = January();
  query.from = {2024, 1, 1};
  report = csi_.Report(kAdmin, query);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().field, "period");

  // No store named: every store the caller may see (only S1 for its manager).
  Answer("srv-9", "S2", "adv-9", 2, std::nullopt, At("2027-01-12T02:00:00Z"));
  query = January();
  query.store_ids.clear();
  report = csi_.Report(kManagerS1, query);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->store_ids, std::vector<std::string>{"S1"});
  EXPECT_TRUE(report->rows.empty());
}

}  // namespace
}  // namespace careloop::surveys::app
