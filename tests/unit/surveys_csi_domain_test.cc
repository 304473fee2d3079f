// The CSI figures (services/surveys/domain/csi_figures.h): median and p90 on small sets, NPS edge
// cases, empty months, grouping and the lowest items.
#include <gtest/gtest.h>

#include "services/surveys/domain/csi_figures.h"

namespace careloop::surveys::domain {
namespace {

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

CsiAnswer Answer(const std::string& advisor, std::vector<std::pair<SurveyItem, int>> scores, double average,
                 std::optional<int> recommend = std::nullopt) {
  CsiAnswer answer;
  answer.store_id = "S1";
  answer.month = {2027, 1};
  answer.advisor = advisor;
  answer.scores = std::move(scores);
  answer.average_score = average;
  answer.recommend_score = recommend;
  return answer;
}

std::vector<CsiCell> CellsOf(const std::vector<CsiAnswer>& answers) {
  std::vector<CsiCell> cells;
  for (const auto& answer : answers) {
    for (auto& cell : CellsOfAnswer(answer)) {
      cells.push_back(std::move(cell));
    }
  }
  return cells;
}

TEST(CsiMonthTest, ParsesPrintsAndSpansMonths) {
  EXPECT_EQ(CsiMonth::Parse("2027-02"), (CsiMonth{2027, 2}));
  EXPECT_FALSE(CsiMonth::Parse("2027-13"));
  EXPECT_FALSE(CsiMonth::Parse("2027-2"));
  EXPECT_FALSE(CsiMonth::Parse("27-02-01"));
  EXPECT_EQ((CsiMonth{2027, 2}).ToString(), "2027-02");
  EXPECT_EQ((CsiMonth{2027, 2}).LastDay(), (Date{2027, 2, 28}));
  const auto months = MonthsBetween({2026, 11}, {2027, 2});
  ASSERT_EQ(months.size(), 4U);
  EXPECT_EQ(months[2], (CsiMonth{2027, 1}));
  EXPECT_TRUE(MonthsBetween({2027, 2}, {2027, 1}).empty());
}

TEST(CsiFiguresTest, MedianOfOddAndEvenSetsAndNoneOfAnEmptySet) {
  EXPECT_FALSE(Median({}));
  EXPECT_DOUBLE_EQ(*Median({7}), 7);
  EXPECT_DOUBLE_EQ(*Median({9, 1, 5}), 5);
  EXPECT_DOUBLE_EQ(*Median({4, 1, 10, 2}), 3);  // (2 + 4) / 2
}

TEST(CsiFiguresTest, P90IsTheNearestRank) {
  EXPECT_FALSE(Percentile({}, 90));
  EXPECT_DOUBLE_EQ(*Percentile({5}, 90), 5);
  EXPECT_DOUBLE_EQ(*Percentile({1, 2}, 90), 2);
  // Ten values: the 9th smallest (90 % at or below it), not the largest.
  EXPECT_DOUBLE_EQ(*Percentile({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 90), 9);
  // Eleven values: rank ceil(9.9) = 10.
  EXPECT_DOUBLE_EQ(*Percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100}, 90), 10);
  EXPECT_FALSE(Percentile({1, 2}, 0));
}

TEST(CsiFiguresTest, NpsEdgeCases) {
  EXPECT_FALSE(NetPromoterScore(0, 0, 0));  // nobody answered: no NPS, not 0
  EXPECT_DOUBLE_EQ(*NetPromoterScore(3, 0, 3), 100);
  EXPECT_DOUBLE_EQ(*NetPromoterScore(0, 2, 2), -100);
  EXPECT_DOUBLE_EQ(*NetPromoterScore(0, 0, 4), 0);  // all passives
  EXPECT_DOUBLE_EQ(*NetPromoterScore(2, 1, 4), 25);
}

TEST(CsiFiguresTest, AnAnswerCountsItsItemsAndRecommendScoreAndSkipsWhatIsOutOfRange) {
  const auto cells = CellsOfAnswer(Answer("adv-1",
                                          {{SurveyItem::kServiceAdvisorAttitude, 9},
                                           {SurveyItem::kServiceLounge, 0},        // not answered
                                           {static_cast<SurveyItem>(999), 5},      // unknown item
                                           {SurveyItem::kServiceFaultFixed, 11}},  // out of range
                                          7.25, 6));
  ASSERT_EQ(cells.size(), 2U);
  EXPECT_EQ(cells[0].item, SurveyItem::kUnspecified);
  EXPECT_EQ(cells[0].tally.answered, 1);
  EXPECT_EQ(cells[0].tally.average_milli, 7250);
  EXPECT_EQ(cells[0].tally.recommend_answers, 1);
  EXPECT_EQ(cells[0].tally.detractors, 1);
  EXPECT_EQ(cells[0].tally.promoters, 0);
  EXPECT_EQ(cells[1].item, SurveyItem::kServiceAdvisorAttitude);
  EXPECT_EQ(cells[1].tally.top_scores, 1);
  // A recommend score outside 0-10 is not an answer to the question.
  EXPECT_EQ(CellsOfAnswer(Answer("adv-1", {}, 8, 11))[0].tally.recommend_answers, 0);
  EXPECT_EQ(CellsOfAnswer(Answer("adv-1", {}, 8, 0))[0].tally.detractors, 1);
  EXPECT_EQ(CellsOfAnswer(Answer("adv-1", {}, 8, 9))[0].tally.promoters, 1);
  EXPECT_EQ(CellsOfAnswer(Answer("adv-1", {}, 8, 7))[0].tally.promoters, 0);
}

TEST(CsiFiguresTest, AnEmptyMonthHasOneRowOfNothingOrNoRows) {
  EXPECT_TRUE(GroupCsi({}, {}, {}).empty());
  EXPECT_TRUE(LowestItems({}, 3).empty());
  const auto figures = FiguresOfCases({});
  EXPECT_EQ(figures.opened, 0);
  EXPECT_FALSE(figures.median_hours);
  EXPECT_FALSE(figures.within_deadline_share);
  // Issued but nothing answered: a response rate of 0, no average and no NPS.
  CsiCell issued{"S1", {2027, 1}, SurveyKind::kServiceVisit, ScoreSource::kInternal, "adv-1", SurveyItem::kUnspecified,
                 {}};
  issued.tally.issued = 4;
  const auto rows = GroupCsi({issued}, {}, {});
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_DOUBLE_EQ(*rows[0].response_rate, 0);
  EXPECT_FALSE(rows[0].average_score);
  EXPECT_FALSE(rows[0].nps);
}

TEST(CsiFiguresTest, GroupsByAdvisorWithResponseRateNpsAndCases) {
  auto cells = CellsOf({Answer("adv-1", {{SurveyItem::kServiceAdvisorAttitude, 10}}, 10, 10),
                        Answer("adv-1", {{SurveyItem::kServiceAdvisorAttitude, 4}}, 4, 3),
                        Answer("adv-2", {{SurveyItem::kServiceAdvisorAttitude, 8}}, 8)});
  CsiCell issued{"S1", {2027, 1}, SurveyKind::kServiceVisit, ScoreSource::kInternal, "adv-1", SurveyItem::kUnspecified,
                 {}};
  issued.tally.issued = 4;
  cells.push_back(issued);
  std::vector<CaseFact> cases{
      {"c1", "S1", "adv-1", {2027, 1}, At("2027-01-02T00:00:00Z"), true, At("2027-01-02T10:00:00Z"), true, true},
      {"c2", "S1", "adv-1", {2027, 1}, At("2027-01-03T00:00:00Z"), true, At("2027-01-04T06:00:00Z"), false, false},
      {"c3", "S1", "adv-1", {2027, 1}, At("2027-01-05T00:00:00Z"), false, std::nullopt, false, false},
  };
  const auto rows = GroupCsi(cells, cases, {.advisor = true});
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].key.advisor, "adv-1");
  EXPECT_EQ(rows[0].response_count, 2);
  EXPECT_DOUBLE_EQ(*rows[0].average_score, 7);
  EXPECT_DOUBLE_EQ(*rows[0].response_rate, 0.5);
  EXPECT_DOUBLE_EQ(*rows[0].nps, 0);  // one promoter, one detractor
  EXPECT_DOUBLE_EQ(*rows[0].satisfied_share, 0.5);
  EXPECT_EQ(rows[0].complaints.opened, 3);
  EXPECT_EQ(rows[0].complaints.in_progress_or_beyond, 2);
  EXPECT_EQ(rows[0].complaints.resolved, 2);
  EXPECT_EQ(rows[0].complaints.customer_satisfied, 1);
  EXPECT_DOUBLE_EQ(*rows[0].complaints.median_hours, 20);  // (10 + 30) / 2
  EXPECT_DOUBLE_EQ(*rows[0].complaints.p90_hours, 30);
  EXPECT_DOUBLE_EQ(*rows[0].complaints.within_deadline_share, 0.5);
  EXPECT_EQ(rows[1].key.advisor, "adv-2");
  EXPECT_FALSE(rows[1].response_rate);  // nothing issued recorded for adv-2
  EXPECT_FALSE(rows[1].nps);
  EXPECT_EQ(rows[1].complaints.opened, 0);
}

TEST(CsiFiguresTest, GroupsByItemAndCategoryAndFindsTheLowestItems) {
  const auto cells =
      CellsOf({Answer("adv-1",
                      {{SurveyItem::kOverall, 3},
                       {SurveyItem::kServiceLounge, 6},
                       {SurveyItem::kServiceWorkshopTidy, 9},
                       {SurveyItem::kServiceFaultFixed, 5}},
                      5.75),
               Answer("adv-2", {{SurveyItem::kServiceLounge, 8}, {SurveyItem::kServiceFaultFixed, 5}}, 6.5)});
  const auto items = GroupCsi(cells, {}, {.item = true});
  ASSERT_EQ(items.size(), 4U);
  EXPECT_EQ(items[1].key.item, SurveyItem::kServiceWorkshopTidy);
  EXPECT_EQ(items[2].key.item, SurveyItem::kServiceLounge);
  EXPECT_EQ(items[2].response_count, 2);
  EXPECT_DOUBLE_EQ(*items[2].average_score, 7);
  EXPECT_FALSE(items[2].response_rate);
  const auto categories = GroupCsi(cells, {}, {.category = true});
  ASSERT_EQ(categories.size(), 3U);  // workshop environment, repair quality, overall
  EXPECT_EQ(categories[0].key.category, SurveyCategory::kWorkshopEnvironment);
  EXPECT_EQ(categories[0].response_count, 3);
  EXPECT_DOUBLE_EQ(*categories[0].average_score, 23.0 / 3);
  EXPECT_EQ(categories[2].key.category, SurveyCategory::kOverall);
  const auto lowest = LowestItems(cells, 2);
  ASSERT_EQ(lowest.size(), 2U);  // the overall item is not an item to improve
  EXPECT_EQ(lowest[0].item, SurveyItem::kServiceFaultFixed);
  EXPECT_DOUBLE_EQ(lowest[0].average, 5);
  EXPECT_EQ(lowest[1].item, SurveyItem::kServiceLounge);
  EXPECT_EQ(CategoryOf(SurveyItem::kSalesFairPrice), SurveyCategory::kPriceAndPayment);
  EXPECT_EQ(CategoryOf(SurveyItem::kServiceRepairTimeReasonable), SurveyCategory::kTimeliness);
}

}  // namespace
}  // namespace careloop::surveys::domain
