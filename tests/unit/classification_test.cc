#include <gtest/gtest.h>

#include "services/customers/domain/classification.h"

namespace careloop::customers::domain {
namespace {

const ClassificationPolicy kPolicy;

TEST(ChurnStage, BoundariesFollowDomainTableExactly) {
  const Date visit{2026, 5, 22};
  EXPECT_EQ(ChurnStageAt(visit, {2026, 11, 21}, kPolicy), ChurnStage::kActive);
  EXPECT_EQ(ChurnStageAt(visit, {2026, 11, 22}, kPolicy), ChurnStage::kAtRisk);  // exactly 6 months
  EXPECT_EQ(ChurnStageAt(visit, {2027, 2, 21}, kPolicy), ChurnStage::kAtRisk);
  EXPECT_EQ(ChurnStageAt(visit, {2027, 2, 22}, kPolicy), ChurnStage::kLapsing);   // exactly 9 months
  EXPECT_EQ(ChurnStageAt(visit, {2027, 5, 22}, kPolicy), ChurnStage::kLost);      // exactly 12 months
  EXPECT_EQ(ChurnStageAt(visit, {2028, 5, 22}, kPolicy), ChurnStage::kLost);      // exactly 24: still lost
  EXPECT_EQ(ChurnStageAt(visit, {2028, 5, 23}, kPolicy), ChurnStage::kLongLost);  // over 24 months
}

TEST(ChurnStage, CalendarMonthsClampAtMonthEnd) {
  EXPECT_EQ(ChurnStageAt({2026, 5, 31}, {2026, 11, 29}, kPolicy), ChurnStage::kActive);
  EXPECT_EQ(ChurnStageAt({2026, 5, 31}, {2026, 11, 30}, kPolicy), ChurnStage::kAtRisk);
}

TEST(Classify, NeverVisitedCustomerAgesFromDeliveryAndKnowsItsNextChange) {
  CustomerFacts facts;
  facts.registered = {2026, 1, 5};
  facts.deliveries = {{2026, 1, 10}};
  const Classification c = Classify(facts, {2026, 8, 1}, kPolicy);
  EXPECT_EQ(c.churn, ChurnStage::kAtRisk);
  ASSERT_TRUE(c.next_change.has_value());
  EXPECT_EQ(*c.next_change, (Date{2026, 10, 10}));  // 9 months after delivery: lapsing
  EXPECT_EQ(c.lifecycle, LifecycleStage::kCustomer);
  EXPECT_FALSE(c.high_value());
}

TEST(Classify, FourVisitsInTwelveMonthsMakeAFrequentVisitorButThreeDoNot) {
  CustomerFacts facts;
  facts.deliveries = {{2024, 3, 1}};
  facts.visits = {{2025, 12, 1}, {2026, 2, 1}, {2026, 5, 1}, {2026, 9, 1}};
  EXPECT_TRUE(Classify(facts, {2026, 11, 22}, kPolicy).value_criteria.contains(ValueCriterion::kFrequentVisitor));
  facts.visits[0] = {2025, 11, 21};  // just outside the 12 months
  EXPECT_FALSE(Classify(facts, {2026, 11, 22}, kPolicy).value_criteria.contains(ValueCriterion::kFrequentVisitor));
}

TEST(Classify, EachValueCriterionIsReportedByName) {
  CustomerFacts facts;
  facts.deliveries = {{2020, 3, 1}, {2025, 6, 1}};  // a replacement purchase
  facts.referral_purchases = {{2026, 4, 1}};        // referred a buyer this year
  facts.warranty_ends = {{2026, 3, 1}};             // just left warranty
  facts.insured_here_years = {2024, 2025, 2026};    // three years in a row
  facts.fleet = true;
  facts.opinion_leader = true;
  facts.major_complaint = true;
  const Classification c = Classify(facts, {2026, 11, 22}, kPolicy);
  EXPECT_EQ(c.value_criteria, (std::set<ValueCriterion>{
                                  ValueCriterion::kAddOnOrReplacementPurchase,
                                  ValueCriterion::kReferredABuyerRecently,
                                  ValueCriterion::kJustLeftWarranty,
                                  ValueCriterion::kLoyalInsuranceOrInspection,
                                  ValueCriterion::kFleetCustomer,
                                  ValueCriterion::kOpinionLeader,
                                  ValueCriterion::kMajorComplaint,
                              }));
  EXPECT_EQ(c.lifecycle, LifecycleStage::kChampion);
  EXPECT_EQ(ValueCriterionName(ValueCriterion::kJustLeftWarranty), "just_left_warranty");
}

TEST(Classify, OldReferralsExpiredWarrantyAndGappedInsuranceDoNotCount) {
  CustomerFacts facts;
  facts.deliveries = {{2019, 3, 1}};
  facts.referral_purchases = {{2025, 10, 1}};          // more than 12 months ago
  facts.warranty_ends = {{2024, 3, 1}, {2027, 3, 1}};  // long ago, and not yet
  facts.insured_here_years = {2022, 2024, 2026};       // never two years running
  facts.inspected_here_years = {2021, 2022};           // two years running, but long ago
  const Classification c = Classify(facts, {2026, 11, 22}, kPolicy);
  EXPECT_FALSE(c.high_value());
  EXPECT_EQ(c.churn, ChurnStage::kLongLost);
  // Nothing changes by itself until the new year may end (or start) a loyalty run.
  ASSERT_TRUE(c.next_change.has_value());
  EXPECT_EQ(*c.next_change, (Date{2027, 1, 1}));
}

TEST(Classify, NextChangeFollowsTheCriteriaThatExpireWithTime) {
  CustomerFacts facts;
  facts.deliveries = {{2024, 1, 10}};
  facts.visits = {{2026, 1, 15}, {2026, 4, 2}, {2026, 7, 20}, {2026, 10, 5}};
  Classification c = Classify(facts, {2026, 11, 22}, kPolicy);
  EXPECT_TRUE(c.value_criteria.contains(ValueCriterion::kFrequentVisitor));
  ASSERT_TRUE(c.next_change.has_value());
  EXPECT_EQ(*c.next_change, (Date{2027, 1, 15}));  // the oldest visit reaches 12 months
  // Each day until the check, nothing changed; on the day after the window, the criterion is gone.
  EXPECT_TRUE(Classify(facts, {2027, 1, 15}, kPolicy).value_criteria.contains(ValueCriterion::kFrequentVisitor));
  EXPECT_FALSE(Classify(facts, {2027, 1, 16}, kPolicy).value_criteria.contains(ValueCriterion::kFrequentVisitor));

  facts = {};
  facts.deliveries = {{2023, 12, 1}};
  facts.visits = {{2026, 10, 1}};
  facts.warranty_ends = {{2026, 12, 1}};
  c = Classify(facts, {2026, 11, 22}, kPolicy);
  EXPECT_FALSE(c.value_criteria.contains(ValueCriterion::kJustLeftWarranty));
  EXPECT_EQ(*c.next_change, (Date{2026, 12, 2}));  // the day after the warranty ends
  EXPECT_TRUE(Classify(facts, {2026, 12, 2}, kPolicy).value_criteria.contains(ValueCriterion::kJustLeftWarranty));
}

TEST(Classify, LifecycleFromSuspectToRepeatCustomer) {
  CustomerFacts facts;
  facts.registered = {2026, 11, 1};
  EXPECT_EQ(Classify(facts, {2026, 11, 22}, kPolicy).lifecycle, LifecycleStage::kSuspect);
  facts.showed_interest = true;
  EXPECT_EQ(Classify(facts, {2026, 11, 22}, kPolicy).lifecycle, LifecycleStage::kProspect);
  facts.deliveries = {{2026, 11, 10}};
  EXPECT_EQ(Classify(facts, {2026, 11, 22}, kPolicy).lifecycle, LifecycleStage::kCustomer);
  facts.visits = {{2026, 11, 20}};
  EXPECT_EQ(Classify(facts, {2026, 11, 22}, kPolicy).lifecycle, LifecycleStage::kRepeatCustomer);
}

}  // namespace
}  // namespace careloop::customers::domain
