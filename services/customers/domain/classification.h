#pragma once

#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "common/base/time.h"

namespace careloop::customers::domain {

/// Churn stages by time since the last workshop visit (domain.md "Churn stages").
enum class ChurnStage {
  kActive,    ///< 非流失: under 6 months
  kAtRisk,    ///< 半流失: 6 up to 9 months
  kLapsing,   ///< 准流失: 9 up to 12 months
  kLost,      ///< 流失: 12 up to and including 24 months
  kLongLost,  ///< over 24 months: out of routine care, kept for win-back campaigns
};

/// The eight marks of a high-value customer (domain.md "Customer value"); any one is enough.
enum class ValueCriterion {
  kAddOnOrReplacementPurchase,  ///< 增购/换购
  kReferredABuyerRecently,      ///< a referral who bought, within 12 months
  kFrequentVisitor,             ///< at least 4 workshop visits in 12 months
  kJustLeftWarranty,            ///< 刚出保修期
  kLoyalInsuranceOrInspection,  ///< insurance or inspection through the store for 2+ years
  kFleetCustomer,               ///< 集团车用户
  kOpinionLeader,               ///< 意见领袖 (set by staff)
  kMajorComplaint,              ///< 有过重大抱怨: to be cared for deliberately
};

/// Lifecycle stages, from prospect to champion (domain.md "Lifecycle stages").
enum class LifecycleStage { kSuspect, kProspect, kCustomer, kRepeatCustomer, kChampion };

[[nodiscard]] std::string_view ChurnStageName(ChurnStage stage);
[[nodiscard]] std::string_view ValueCriterionName(ValueCriterion criterion);
[[nodiscard]] std::string_view LifecycleStageName(LifecycleStage stage);

/// The thresholds, each a store setting; defaults are domain.md's.
struct ClassificationPolicy final {
  int at_risk_months = 6;
  int lapsing_months = 9;
  int lost_months = 12;
  int long_lost_after_months = 24;
  int frequent_visits = 4;             ///< visits within `window_months` that make a frequent visitor
  int window_months = 12;              ///< the "last 12 months" of criteria 2 and 3
  int just_left_warranty_months = 12;  ///< warranty ended at most this long ago
  int loyal_years = 2;                 ///< years of insurance or inspection through the store
};

/// What the rules need to know about a customer; the store assembles it from the record.
struct CustomerFacts final {
  Date registered;                        ///< when the customer came on record
  std::vector<Date> deliveries;           ///< one per car bought here
  std::vector<Date> visits;               ///< workshop visits
  bool add_on_or_replacement = false;     ///< recorded 增购/换购
  std::vector<Date> referral_purchases;   ///< when people this customer referred bought
  std::vector<Date> warranty_ends;        ///< warranty end of each car
  std::vector<int> insured_here_years;    ///< years with a policy bought through the store
  std::vector<int> inspected_here_years;  ///< years with an inspection done through the store
  bool fleet = false;
  bool opinion_leader = false;
  bool major_complaint = false;
  bool showed_interest = false;  ///< a prospect: test drive, quote, visit to the showroom
};

/// Everything the classification says about a customer on one day.
struct Classification final {
  ChurnStage churn = ChurnStage::kActive;
  std::set<ValueCriterion> value_criteria;  ///< which of the eight hold
  LifecycleStage lifecycle = LifecycleStage::kSuspect;
  std::optional<Date> next_change;  ///< the next day the classification may change by itself

  [[nodiscard]] bool high_value() const { return !value_criteria.empty(); }
  bool operator==(const Classification&) const = default;
};

/// The churn stage of a customer whose last visit (or, never having visited, delivery or
/// registration) was on `anchor`, on `today`. Calendar months: a visit on 31 May reaches six
/// months on 30 November. Each boundary belongs to the later stage, except 24 months, which is
/// still "lost" (long lost is *over* 24 months).
[[nodiscard]] ChurnStage ChurnStageAt(Date anchor, Date today, const ClassificationPolicy& policy);

/// Classifies on `today`.
[[nodiscard]] Classification Classify(const CustomerFacts& facts, Date today, const ClassificationPolicy& policy);

/// True when two classifications put the customer in the same segment (same churn stage,
/// criteria and lifecycle stage; when the next change is due does not matter).
[[nodiscard]] bool SameSegment(const Classification& a, const Classification& b);

}  // namespace careloop::customers::domain
