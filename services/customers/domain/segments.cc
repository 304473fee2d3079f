#include "services/customers/domain/segments.h"

#include <algorithm>

namespace careloop::customers::domain {
namespace {

// Narrows `wanted` to `value`; false when `wanted` already rules the value out.
template <typename T>
bool NarrowTo(std::vector<T>& wanted, T value) {
  const bool allowed = wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
  wanted = {value};
  return allowed;
}

// Every group of `groups` once per value of `values`, narrowed by `narrow` (which says whether
// the filter allows the value); groups the filter rules out are dropped.
template <typename T, typename Narrow>
std::vector<SegmentGroup> Expand(const std::vector<SegmentGroup>& groups, const std::vector<T>& values, Narrow narrow) {
  std::vector<SegmentGroup> next;
  for (const auto& group : groups) {
    for (T value : values) {
      SegmentGroup more = group;
      if (narrow(more, value)) {
        next.push_back(std::move(more));
      }
    }
  }
  return next;
}

}  // namespace

std::vector<SegmentGroup> SegmentGroups(const CustomerFilter& filter, const std::vector<SegmentDimension>& by) {
  auto grouped = [&](SegmentDimension d) { return std::find(by.begin(), by.end(), d) != by.end(); };
  std::vector<SegmentGroup> groups{{SegmentCount{}, filter}};
  if (grouped(SegmentDimension::kValueTier)) {
    groups = Expand(groups, std::vector{ValueTier::kHigh, ValueTier::kStandard}, [](SegmentGroup& g, ValueTier tier) {
      g.key.value_tier = tier == ValueTier::kHigh ? "high" : "standard";
      return NarrowTo(g.filter.value_tiers, tier);
    });
  }
  if (grouped(SegmentDimension::kChurnStage)) {
    groups = Expand(groups,
                    std::vector{ChurnStage::kActive, ChurnStage::kAtRisk, ChurnStage::kLapsing, ChurnStage::kLost,
                                ChurnStage::kLongLost},
                    [](SegmentGroup& g, ChurnStage stage) {
                      g.key.churn = stage;
                      return NarrowTo(g.filter.churn_stages, stage);
                    });
  }
  if (grouped(SegmentDimension::kLifecycleStage)) {
    groups = Expand(groups,
                    std::vector{LifecycleStage::kSuspect, LifecycleStage::kProspect, LifecycleStage::kCustomer,
                                LifecycleStage::kRepeatCustomer, LifecycleStage::kChampion},
                    [](SegmentGroup& g, LifecycleStage stage) {
                      g.key.lifecycle = stage;
                      return NarrowTo(g.filter.lifecycle_stages, stage);
                    });
  }
  return groups;
}

void AddSegmentCount(std::vector<SegmentCount>& result, const SegmentCount& counted, bool by_store) {
  if (counted.customers == 0) {
    return;
  }
  if (!by_store) {
    auto same = std::find_if(result.begin(), result.end(), [&](const SegmentCount& other) {
      return other.value_tier == counted.value_tier && other.churn == counted.churn &&
             other.lifecycle == counted.lifecycle;
    });
    if (same != result.end()) {
      same->customers += counted.customers;
      return;
    }
  }
  result.push_back(counted);
}

}  // namespace careloop::customers::domain
