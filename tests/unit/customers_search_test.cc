// Search plans: churn stages as anchor-date ranges (exact against the classification rules on
// every day), facets of a record, and filters that contradict each other.
#include <gtest/gtest.h>

#include "services/customers/domain/search.h"

namespace careloop::customers::domain {
namespace {

const ClassificationPolicy kPolicy;

bool InRange(const DateRange& range, const Date& d) {
  return (!range.from.IsSet() || d >= range.from) && (!range.to.IsSet() || d <= range.to);
}

TEST(ChurnAnchorRange, AgreesWithTheClassificationOnEveryDay) {
  // For a spread of "todays" (month ends, leap days), every anchor over three years falls in
  // exactly the range of the stage ChurnStageAt gives it.
  for (const Date today : {Date{2026, 11, 22}, Date{2026, 8, 31}, Date{2028, 2, 29}, Date{2027, 3, 1},
                           Date{2026, 12, 31}, Date{2027, 5, 31}}) {
    for (int back = -10; back < 3 * 366; ++back) {
      const Date anchor = today.PlusDays(-back);
      const ChurnStage actual = ChurnStageAt(anchor, today, kPolicy);
      for (ChurnStage stage :
           {ChurnStage::kActive, ChurnStage::kAtRisk, ChurnStage::kLapsing, ChurnStage::kLost, ChurnStage::kLongLost}) {
        EXPECT_EQ(InRange(ChurnAnchorRange(stage, today, kPolicy), anchor), stage == actual)
            << "today " << today.ToString() << " anchor " << anchor.ToString() << " stage " << ChurnStageName(stage);
      }
    }
  }
}

TEST(PlanSearch, ChurnStagesBecomeAnchorRangesOnTheDayAsked) {
  CustomerFilter filter;
  filter.churn_stages = {ChurnStage::kAtRisk};
  auto plan = PlanSearch(filter, {2026, 11, 22}, kPolicy);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->dates.size(), 1u);
  EXPECT_EQ(plan->dates[0].facets, (std::vector<std::string>{facet::kLastVisit, facet::kChurnAnchor}));
  ASSERT_EQ(plan->dates[0].any_of.size(), 1u);
  // At risk on 2026-11-22: last visit from 2026-02-23 (just under 9 months) to 2026-05-22 (6 months).
  EXPECT_EQ(plan->dates[0].any_of[0].from, (Date{2026, 2, 23}));
  EXPECT_EQ(plan->dates[0].any_of[0].to, (Date{2026, 5, 22}));
}

TEST(PlanSearch, EqualityFiltersBecomeFacetConditions) {
  CustomerFilter filter;
  filter.city = "杭州市";
  filter.models = {"Passat", "Tiguan"};
  filter.value_tiers = {ValueTier::kHigh};
  filter.consents = {{Channel::kSms, ConsentState::kGranted}, {Channel::kWeChat, ConsentState::kUnspecified}};
  filter.opinion_leader = false;
  filter.birthday_month = 3;
  auto plan = PlanSearch(filter, {2026, 11, 22}, kPolicy);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  auto has = [&](const char* name, const char* value) {
    for (const auto& condition : plan->all_of) {
      for (const auto& f : condition.any_of) {
        if (f.name == name && f.value == value) {
          return true;
        }
      }
    }
    return false;
  };
  EXPECT_TRUE(has(facet::kCity, "杭州市"));
  EXPECT_TRUE(has(facet::kModel, "Passat"));
  EXPECT_TRUE(has(facet::kModel, "Tiguan"));
  EXPECT_TRUE(has(facet::kTier, "high"));
  EXPECT_TRUE(has(facet::kConsent, "sms:granted"));
  EXPECT_TRUE(has(facet::kBirthdayMonth, "3"));
  // "No WeChat consent recorded" and "not an opinion leader" are exclusions.
  const std::vector<Facet> expected_none{
      {facet::kFlag, "opinion_leader"}, {facet::kConsent, "wechat:granted"}, {facet::kConsent, "wechat:denied"}};
  EXPECT_EQ(plan->none_of, expected_none);
}

TEST(PlanSearch, VehicleAgeBecomesADeliveryRange) {
  CustomerFilter filter;
  filter.min_vehicle_age_months = 12;
  filter.max_vehicle_age_months = 35;
  auto plan = PlanSearch(filter, {2026, 11, 22}, kPolicy);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->dates.size(), 1u);
  EXPECT_EQ(plan->dates[0].facets, std::vector<std::string>{facet::kDelivery});
  EXPECT_EQ(plan->dates[0].any_of[0].from, (Date{2023, 11, 23}));  // under 36 months old
  EXPECT_EQ(plan->dates[0].any_of[0].to, (Date{2025, 11, 22}));    // at least 12 months old
}

struct Contradiction {
  const char* what;
  CustomerFilter filter;
  const char* field;
};

TEST(PlanSearch, RejectsFiltersNoCustomerCouldMatch) {
  const Date today{2026, 11, 22};
  std::vector<Contradiction> cases;
  {
    CustomerFilter f;
    f.churn_stages = {ChurnStage::kActive};
    f.last_visit = {Date{2024, 1, 1}, Date{2024, 12, 31}};
    cases.push_back({"active, but last visit two years ago", f, "filter.churn_stages"});
  }
  {
    CustomerFilter f;
    f.value_tiers = {ValueTier::kStandard};
    f.value_criteria = {ValueCriterion::kFleetCustomer};
    cases.push_back({"standard tier meeting a high-value criterion", f, "filter.value_criteria"});
  }
  {
    CustomerFilter f;
    f.consents = {{Channel::kSms, ConsentState::kGranted}, {Channel::kSms, ConsentState::kDenied}};
    cases.push_back({"SMS consent both granted and denied", f, "filter.consents"});
  }
  {
    CustomerFilter f;
    f.min_vehicle_age_months = 36;
    f.delivery = {Date{2026, 1, 1}, Date{2026, 6, 30}};
    cases.push_back({"three-year-old car delivered this year", f, "filter.delivery"});
  }
  {
    CustomerFilter f;
    f.min_vehicle_age_months = 24;
    f.max_vehicle_age_months = 12;
    cases.push_back({"minimum age above maximum", f, "filter.min_vehicle_age_months"});
  }
  {
    CustomerFilter f;
    f.last_visit = {Date{2026, 5, 1}, Date{2026, 4, 1}};
    cases.push_back({"range ending before it starts", f, "filter.last_visit"});
  }
  {
    CustomerFilter f;
    f.birthday_month = 13;
    cases.push_back({"a thirteenth month", f, "filter.birthday_month"});
  }
  {
    CustomerFilter f;
    f.opinion_leader = false;
    f.value_criteria = {ValueCriterion::kOpinionLeader};
    cases.push_back({"opinion leaders who are not opinion leaders", f, "filter.opinion_leader"});
  }
  for (const auto& c : cases) {
    auto plan = PlanSearch(c.filter, today, kPolicy);
    ASSERT_FALSE(plan.ok()) << c.what;
    EXPECT_EQ(plan.error().code, ErrorCode::kInvalidArgument) << c.what;
    EXPECT_EQ(plan.error().field, c.field) << c.what << ": " << plan.error().message;
  }
  // The same conditions that can hold together are accepted.
  CustomerFilter possible;
  possible.churn_stages = {ChurnStage::kLost};
  possible.last_visit = {Date{2024, 1, 1}, Date{2025, 6, 30}};
  EXPECT_TRUE(PlanSearch(possible, today, kPolicy).ok());
}

TEST(FacetsOf, FilesTheCustomerUnderWhatSearchesAskFor) {
  Customer c;
  c.customer_id = "cus-1";
  c.store_id = "S001";
  c.registered_on = {2025, 1, 2};
  c.birthday = {1985, 3, 9};
  c.profile.address = {"浙江省", "杭州市", "西湖区", "文三路 90 号", ""};
  c.profile.purchase_purpose = PurchasePurpose::kPrivate;
  c.opinion_leader = true;
  c.consents = {{Channel::kSms, ConsentState::kGranted, {}, "x"}, {Channel::kWeChat, ConsentState::kDenied, {}, "y"}};
  Vehicle active;
  active.vehicle_id = "veh-a";
  active.model = "Passat";
  active.series = "Passat";
  active.assigned_advisor = "sa-1";
  active.delivery_date = {2025, 3, 7};
  Vehicle sold = active;
  sold.vehicle_id = "veh-b";
  sold.model = "Golf";
  sold.status = VehicleStatus::kSold;
  c.vehicles = {active, sold};
  c.last_visit_date = {2026, 6, 1};
  Classification classification;
  classification.value_criteria = {ValueCriterion::kOpinionLeader};
  classification.lifecycle = LifecycleStage::kRepeatCustomer;
  c.classification = classification;

  const Facets f = FacetsOf(c);
  auto has = [&](const char* name, const char* value) {
    return std::find(f.sets.begin(), f.sets.end(), Facet{name, value}) != f.sets.end();
  };
  EXPECT_TRUE(has(facet::kAll, ""));
  EXPECT_TRUE(has(facet::kProvince, "浙江省"));
  EXPECT_TRUE(has(facet::kDistrict, "西湖区"));
  EXPECT_TRUE(has(facet::kModel, "Passat"));
  EXPECT_FALSE(has(facet::kModel, "Golf"));  // sold cars no longer count
  EXPECT_TRUE(has(facet::kTier, "high"));
  EXPECT_TRUE(has(facet::kCriterion, "opinion_leader"));
  EXPECT_TRUE(has(facet::kLifecycle, "repeat_customer"));
  EXPECT_TRUE(has(facet::kConsent, "sms:granted"));
  EXPECT_TRUE(has(facet::kConsent, "wechat:denied"));
  EXPECT_TRUE(has(facet::kBirthdayMonth, "3"));
  EXPECT_TRUE(has(facet::kFlag, "opinion_leader"));
  EXPECT_TRUE(has(facet::kPurpose, "private"));
  // The last visit is the churn anchor too: filed once.
  const std::vector<DatedFacet> dates{{facet::kDelivery, "veh-a", {2025, 3, 7}}, {facet::kLastVisit, "", {2026, 6, 1}}};
  EXPECT_EQ(f.dates, dates);
  // Without visits the churn stage counts from the last delivery, then from registration.
  c.last_visit_date = {};
  EXPECT_EQ(ChurnAnchor(c), (Date{2025, 3, 7}));
  const std::vector<DatedFacet> never_visited{{facet::kDelivery, "veh-a", {2025, 3, 7}},
                                              {facet::kChurnAnchor, "", {2025, 3, 7}}};
  EXPECT_EQ(FacetsOf(c).dates, never_visited);
  c.vehicles.clear();
  EXPECT_EQ(ChurnAnchor(c), (Date{2025, 1, 2}));
}

}  // namespace
}  // namespace careloop::customers::domain
