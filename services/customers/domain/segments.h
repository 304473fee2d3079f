#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/customers/domain/classification.h"
#include "services/customers/domain/search.h"

namespace careloop::customers::domain {

/// Segment dimensions customers can be counted by.
enum class SegmentDimension { kStore, kValueTier, kChurnStage, kLifecycleStage };

/// One group of a segment count; the dimensions not grouped by are empty.
struct SegmentCount final {
  std::string store_id;
  std::string value_tier;  ///< "high" | "standard"
  std::optional<ChurnStage> churn;
  std::optional<LifecycleStage> lifecycle;
  int64_t customers = 0;
};

/// One combination of the grouped dimensions' values (store aside), as a narrower filter.
struct SegmentGroup final {
  SegmentCount key;       ///< the group's values; `customers` unset
  CustomerFilter filter;  ///< `filter` narrowed to the group
};

/// Every combination of the values of `by` (store aside: stores are counted per store by the
/// caller), each as `filter` narrowed to it. A value the filter itself rules out (grouping by
/// churn stage when it asks for lost customers only) makes no group.
[[nodiscard]] std::vector<SegmentGroup> SegmentGroups(const CustomerFilter& filter,
                                                      const std::vector<SegmentDimension>& by);

/// Adds `counted` to `result`: its own row when grouping by store, else into the row of the
/// same group from an earlier store. Empty groups are left out.
void AddSegmentCount(std::vector<SegmentCount>& result, const SegmentCount& counted, bool by_store);

}  // namespace careloop::customers::domain
