#include "services/customers/domain/classification.h"

#include <algorithm>

namespace careloop::customers::domain {
namespace {

// The churn anchor: the last visit, else the last delivery, else registration.
Date Anchor(const CustomerFacts& facts) {
  if (!facts.visits.empty()) {
    return *std::max_element(facts.visits.begin(), facts.visits.end());
  }
  if (!facts.deliveries.empty()) {
    return *std::max_element(facts.deliveries.begin(), facts.deliveries.end());
  }
  return facts.registered;
}

bool Within(const Date& date, const Date& since, const Date& today) {
  return date >= since && date <= today;
}

// Consecutive calendar years ending in the latest of `years`, if that is this year or last
// year (a customer who stopped insuring with us three years ago is no longer loyal).
int LongestRecentRun(std::vector<int> years, int this_year) {
  if (years.empty() || *std::max_element(years.begin(), years.end()) < this_year - 1) {
    return 0;
  }
  std::sort(years.begin(), years.end());
  years.erase(std::unique(years.begin(), years.end()), years.end());
  int run = 1;
  for (size_t i = years.size() - 1; i > 0 && years[i - 1] == years[i] - 1; --i) {
    ++run;
  }
  return run;
}

// The first day after `today` on which the classification may change with no new fact: a churn
// boundary, a visit or referral leaving the 12-month window, a warranty end entering or leaving
// the "just left warranty" window, a new calendar year for the loyalty run. Checking on a day
// that turns out to change nothing is harmless; missing a day would leave a stale segment, so
// month arithmetic's clamped ends (31 May + 6 months = 30 Nov) contribute both neighbours.
std::optional<Date> NextTimeDrivenChange(const CustomerFacts& facts, Date anchor, Date today,
                                         const ClassificationPolicy& policy) {
  std::optional<Date> next;
  auto consider = [&](Date candidate) {
    if (candidate > today && (!next || candidate < *next)) {
      next = candidate;
    }
  };
  for (int months : {policy.at_risk_months, policy.lapsing_months, policy.lost_months}) {
    consider(anchor.PlusMonths(months));
  }
  consider(anchor.PlusMonths(policy.long_lost_after_months).PlusDays(1));
  auto leaves_window = [&](Date d, int months) {
    consider(d.PlusMonths(months));
    consider(d.PlusMonths(months).PlusDays(1));
  };
  for (const Date& visit : facts.visits) {
    leaves_window(visit, policy.window_months);
  }
  for (const Date& purchase : facts.referral_purchases) {
    consider(purchase);
    leaves_window(purchase, policy.window_months);
  }
  for (const Date& end : facts.warranty_ends) {
    consider(end.PlusDays(1));
    leaves_window(end, policy.just_left_warranty_months);
  }
  if (!facts.insured_here_years.empty() || !facts.inspected_here_years.empty()) {
    consider(Date{today.year + 1, 1, 1});
  }
  return next;
}

}  // namespace

std::string_view ChurnStageName(ChurnStage stage) {
  switch (stage) {
    case ChurnStage::kActive: return "active";
    case ChurnStage::kAtRisk: return "at_risk";
    case ChurnStage::kLapsing: return "lapsing";
    case ChurnStage::kLost: return "lost";
    case ChurnStage::kLongLost: return "long_lost";
  }
  return "unknown";
}

std::string_view ValueCriterionName(ValueCriterion criterion) {
  switch (criterion) {
    case ValueCriterion::kAddOnOrReplacementPurchase: return "add_on_or_replacement_purchase";
    case ValueCriterion::kReferredABuyerRecently: return "referred_a_buyer_recently";
    case ValueCriterion::kFrequentVisitor: return "frequent_visitor";
    case ValueCriterion::kJustLeftWarranty: return "just_left_warranty";
    case ValueCriterion::kLoyalInsuranceOrInspection: return "loyal_insurance_or_inspection";
    case ValueCriterion::kFleetCustomer: return "fleet_customer";
    case ValueCriterion::kOpinionLeader: return "opinion_leader";
    case ValueCriterion::kMajorComplaint: return "major_complaint";
  }
  return "unknown";
}

std::string_view LifecycleStageName(LifecycleStage stage) {
  switch (stage) {
    case LifecycleStage::kSuspect: return "suspect";
    case LifecycleStage::kProspect: return "prospect";
    case LifecycleStage::kCustomer: return "customer";
    case LifecycleStage::kRepeatCustomer: return "repeat_customer";
    case LifecycleStage::kChampion: return "champion";
  }
  return "unknown";
}

ChurnStage ChurnStageAt(Date anchor, Date today, const ClassificationPolicy& policy) {
  if (today > anchor.PlusMonths(policy.long_lost_after_months)) {
    return ChurnStage::kLongLost;
  }
  if (today >= anchor.PlusMonths(policy.lost_months)) {
    return ChurnStage::kLost;
  }
  if (today >= anchor.PlusMonths(policy.lapsing_months)) {
    return ChurnStage::kLapsing;
  }
  if (today >= anchor.PlusMonths(policy.at_risk_months)) {
    return ChurnStage::kAtRisk;
  }
  return ChurnStage::kActive;
}

Classification Classify(const CustomerFacts& facts, Date today, const ClassificationPolicy& policy) {
  Classification result;
  const Date anchor = Anchor(facts);
  result.churn = ChurnStageAt(anchor, today, policy);
  result.next_change = NextTimeDrivenChange(facts, anchor, today, policy);

  const Date window_start = today.PlusMonths(-policy.window_months);
  auto& criteria = result.value_criteria;
  if (facts.add_on_or_replacement || facts.deliveries.size() >= 2) {
    criteria.insert(ValueCriterion::kAddOnOrReplacementPurchase);
  }
  if (std::any_of(facts.referral_purchases.begin(), facts.referral_purchases.end(),
                  [&](const Date& d) { return Within(d, window_start, today); })) {
    criteria.insert(ValueCriterion::kReferredABuyerRecently);
  }
  const auto recent_visits = std::count_if(facts.visits.begin(), facts.visits.end(),
                                           [&](const Date& d) { return Within(d, window_start, today); });
  if (recent_visits >= policy.frequent_visits) {
    criteria.insert(ValueCriterion::kFrequentVisitor);
  }
  const Date warranty_window = today.PlusMonths(-policy.just_left_warranty_months);
  if (std::any_of(facts.warranty_ends.begin(), facts.warranty_ends.end(),
                  [&](const Date& end) { return end < today && end >= warranty_window; })) {
    criteria.insert(ValueCriterion::kJustLeftWarranty);
  }
  if (LongestRecentRun(facts.insured_here_years, today.year) >= policy.loyal_years ||
      LongestRecentRun(facts.inspected_here_years, today.year) >= policy.loyal_years) {
    criteria.insert(ValueCriterion::kLoyalInsuranceOrInspection);
  }
  if (facts.fleet) {
    criteria.insert(ValueCriterion::kFleetCustomer);
  }
  if (facts.opinion_leader) {
    criteria.insert(ValueCriterion::kOpinionLeader);
  }
  if (facts.major_complaint) {
    criteria.insert(ValueCriterion::kMajorComplaint);
  }

  if (!facts.referral_purchases.empty()) {
    result.lifecycle = LifecycleStage::kChampion;
  } else if (facts.deliveries.size() >= 2 || (!facts.deliveries.empty() && !facts.visits.empty())) {
    result.lifecycle = LifecycleStage::kRepeatCustomer;
  } else if (!facts.deliveries.empty()) {
    result.lifecycle = LifecycleStage::kCustomer;
  } else if (facts.showed_interest) {
    result.lifecycle = LifecycleStage::kProspect;
  } else {
    result.lifecycle = LifecycleStage::kSuspect;
  }
  return result;
}

bool SameSegment(const Classification& a, const Classification& b) {
  return a.churn == b.churn && a.value_criteria == b.value_criteria && a.lifecycle == b.lifecycle;
}

}  // namespace careloop::customers::domain
