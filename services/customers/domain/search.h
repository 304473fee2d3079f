#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/customers/domain/classification.h"
#include "services/customers/domain/customer.h"

namespace careloop::customers::domain {

// Searching customers by segment. A customer is indexed under facets (a name and a value,
// e.g. city=杭州市, tier=high) and dated facets (e.g. the delivery date of each car); a filter
// becomes a plan of facet conditions that the store answers with set operations. The rules
// that turn a churn stage into dates live here, so a search by churn stage is exact on the
// day it runs, whatever the background reclassification has caught up with.

/// A value a customer is filed under, e.g. {"city", "杭州市"}. The facet {"all", ""} holds
/// every customer of the store.
struct Facet final {
  std::string name;
  std::string value;
  bool operator==(const Facet&) const = default;
  auto operator<=>(const Facet&) const = default;
};

/// A date a customer is filed under, e.g. {"delivery", <vehicle id>, 2025-03-07}. `key`
/// tells several dates of one facet apart (one per car); empty when there is one.
struct DatedFacet final {
  std::string name;
  std::string key;
  Date date;
  bool operator==(const DatedFacet&) const = default;
  auto operator<=>(const DatedFacet&) const = default;
};

struct Facets final {
  std::vector<Facet> sets;
  std::vector<DatedFacet> dates;
};

/// Facet names.
namespace facet {
inline constexpr const char* kAll = "all";
inline constexpr const char* kTier = "tier";
inline constexpr const char* kCriterion = "criterion";
inline constexpr const char* kLifecycle = "lifecycle";
inline constexpr const char* kProvince = "province";
inline constexpr const char* kCity = "city";
inline constexpr const char* kDistrict = "district";
inline constexpr const char* kModel = "model";
inline constexpr const char* kSeries = "series";
inline constexpr const char* kAdvisor = "advisor";
inline constexpr const char* kPurpose = "purpose";
inline constexpr const char* kFlag = "flag";
inline constexpr const char* kBirthdayMonth = "birthday_month";
inline constexpr const char* kConsent = "consent";
inline constexpr const char* kChurnReason = "churn_reason";
inline constexpr const char* kOwns = "owns";  ///< value "active_vehicle": still owns a car
/// Dated: the day the churn stage counts from, for customers who never visited (last delivery,
/// else registration); a visitor's anchor is their last visit, filed under last_visit only.
inline constexpr const char* kChurnAnchor = "churn_anchor";
inline constexpr const char* kLastVisit = "last_visit";
inline constexpr const char* kDelivery = "delivery";
}  // namespace facet

[[nodiscard]] std::string_view ChannelName(Channel channel);
[[nodiscard]] std::string_view ConsentStateName(ConsentState state);
[[nodiscard]] std::string_view PurchasePurposeName(PurchasePurpose purpose);
[[nodiscard]] std::string_view ChurnReasonName(ChurnReason reason);

/// The day the churn stage of `customer` counts from.
[[nodiscard]] Date ChurnAnchor(const Customer& customer);

/// Every facet `customer` is filed under. Vehicle facets come from active cars only; segment
/// facets from the stored classification (none before the first one).
[[nodiscard]] Facets FacetsOf(const Customer& customer);

/// An inclusive range of days; an unset bound is open.
struct DateRange final {
  Date from;
  Date to;
  [[nodiscard]] bool IsSet() const { return from.IsSet() || to.IsSet(); }
};

enum class ValueTier { kStandard, kHigh };

/// What a search asks for (CustomerFilter in the contract). Every set condition must hold; a
/// list matches any of its values; an empty one matches everything.
struct CustomerFilter final {
  std::vector<std::string> store_ids;
  std::string province, city, district;
  std::vector<std::string> models, series;
  std::vector<ValueTier> value_tiers;
  std::vector<ValueCriterion> value_criteria;
  std::vector<ChurnStage> churn_stages;
  std::vector<LifecycleStage> lifecycle_stages;
  std::vector<std::pair<Channel, ConsentState>> consents;  ///< all must hold
  DateRange last_visit;
  DateRange delivery;
  int birthday_month = 0;  ///< 1-12, 0 = any
  std::string assigned_advisor;
  std::vector<PurchasePurpose> purchase_purposes;
  int min_vehicle_age_months = 0;  ///< 0 = no minimum
  int max_vehicle_age_months = 0;  ///< 0 = no maximum
  std::optional<bool> opinion_leader;
  std::optional<bool> fleet_customer;
  std::vector<ChurnReason> churn_reasons;  ///< reports: recorded churn reasons
  bool with_active_vehicle = false;        ///< reports: only customers who still own a car
};

/// The customer is filed under at least one of `any_of`.
struct FacetCondition final {
  std::vector<Facet> any_of;
};
/// One of the customer's dates under any of `facets` falls in one of the (inclusive) ranges.
struct DateCondition final {
  std::vector<std::string> facets;
  std::vector<DateRange> any_of;
};

/// A filter as facet conditions on one store's customers, on one day.
struct SearchPlan final {
  std::vector<FacetCondition> all_of;
  std::vector<Facet> none_of;
  std::vector<DateCondition> dates;
};

/// The anchors (last-visit days) that put a customer in `stage` on `today`.
[[nodiscard]] DateRange ChurnAnchorRange(ChurnStage stage, Date today, const ClassificationPolicy& policy);

/// Turns `filter` into conditions for `today`. INVALID_ARGUMENT naming the field for values out
/// of range (a birthday month of 13, a range that ends before it starts) and for filters that
/// contradict each other, so no customer could ever match (e.g. churn stage "active" with a
/// last visit two years ago, or only standard-tier customers who meet a high-value criterion).
/// Store ids are not checked here (the app knows the stores and the caller).
[[nodiscard]] Result<SearchPlan> PlanSearch(const CustomerFilter& filter, Date today,
                                            const ClassificationPolicy& policy);

}  // namespace careloop::customers::domain
