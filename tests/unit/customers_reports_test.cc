// Report figures: months, the counts a snapshot takes, and how they add up.
#include <gtest/gtest.h>

#include "services/customers/domain/reports.h"

namespace careloop::customers::domain {
namespace {

TEST(Month, ParsesPrintsAndSteps) {
  ASSERT_TRUE(Month::Parse("2026-10").has_value());
  EXPECT_EQ(Month::Parse("2026-10")->ToString(), "2026-10");
  EXPECT_FALSE(Month::Parse("2026-13").has_value());
  EXPECT_FALSE(Month::Parse("2026/10").has_value());
  EXPECT_FALSE(Month::Parse("26-10").has_value());
  EXPECT_EQ((Month{2028, 2}.LastDay()), (Date{2028, 2, 29}));
  EXPECT_EQ((Month{2026, 12}.Next()), (Month{2027, 1}));
  EXPECT_EQ((Month{2027, 1}.Previous()), (Month{2026, 12}));
}

TEST(FigureQueries, EveryQueryPlansOnAnyDay) {
  for (const auto& query : FigureQueries()) {
    EXPECT_TRUE(PlanSearch(query.filter, {2026, 10, 31}, ClassificationPolicy{}).ok()) << query.name;
    EXPECT_TRUE(query.filter.with_active_vehicle) << query.name << " must count owners only";
  }
}

TEST(FiguresFrom, LoyalCountsHighValueOrActiveOnce) {
  const StoreFigures f = FiguresFrom({{"customers", 10},
                                      {"high_value", 4},
                                      {"active", 5},
                                      {"high_value_and_active", 3},
                                      {"churn:lost", 2},
                                      {"reason:lost:price", 1},
                                      {EnteredCounter(ChurnStage::kActive), 2},
                                      {WonBackCounter(ChurnStage::kLost), 1},
                                      {kReferralPurchasesCounter, 3}});
  EXPECT_EQ(f.loyal, 6);
  EXPECT_DOUBLE_EQ(f.loyal_share(), 0.6);
  EXPECT_EQ(f.churn.at(ChurnStage::kLost), 2);
  EXPECT_EQ(f.reasons.at(ChurnStage::kLost).at(ChurnReason::kPrice), 1);
  EXPECT_EQ(f.entered.at(ChurnStage::kActive), 2);
  EXPECT_EQ(f.won_back.at(ChurnStage::kLost), 1);
  EXPECT_EQ(f.referral_purchases, 3);
  EXPECT_DOUBLE_EQ(FiguresFrom({}).loyal_share(), 0.0);
}

}  // namespace
}  // namespace careloop::customers::domain
