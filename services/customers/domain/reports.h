#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/customers/domain/search.h"

namespace careloop::customers::domain {

// The after-sales programme's headline figures per store (domain.md "Customer value": the
// loyal-customer share 忠诚客户占比; "Churn stages"): counted with the same filters as a search,
// kept as a snapshot at each month's end so trends can be read, the current month live.

/// A calendar month, "2026-10".
struct Month final {
  int year = 0;
  int month = 0;
  [[nodiscard]] static std::optional<Month> Parse(std::string_view text);
  [[nodiscard]] static Month Of(Date date) { return {date.year, date.month}; }
  [[nodiscard]] std::string ToString() const;
  [[nodiscard]] Date FirstDay() const { return {year, month, 1}; }
  [[nodiscard]] Date LastDay() const { return Next().FirstDay().PlusDays(-1); }
  [[nodiscard]] Month Next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }
  [[nodiscard]] Month Previous() const { return month == 1 ? Month{year - 1, 12} : Month{year, month - 1}; }
  auto operator<=>(const Month&) const = default;
};

/// One count a snapshot needs: its name (the snapshot's field) and the customers it counts.
struct FigureQuery final {
  std::string name;
  CustomerFilter filter;
};

/// Every count of a store's figures. Customers are those with at least one car they still own;
/// churn stages are as of the day the counts are taken (a month's last day for a snapshot).
[[nodiscard]] std::vector<FigureQuery> FigureQueries();

/// The figures of one store and month, from named counts (FigureQueries' names, plus the
/// movements counted as they happen: "entered:<stage>", "won_back:<stage>", "referral_purchases").
struct StoreFigures final {
  int64_t customers = 0;
  int64_t high_value = 0;
  int64_t active = 0;
  int64_t loyal = 0;  ///< high-value or active (counted once)
  std::map<ValueCriterion, int64_t> criteria;
  std::map<ChurnStage, int64_t> churn;
  std::map<ChurnStage, std::map<ChurnReason, int64_t>> reasons;
  std::map<ChurnStage, int64_t> entered;   ///< moved into the stage during the month
  std::map<ChurnStage, int64_t> won_back;  ///< moved from the stage back to active during the month
  int64_t referral_purchases = 0;          ///< referred people who bought during the month

  /// loyal / customers, 0 when there are no customers.
  [[nodiscard]] double loyal_share() const { return customers == 0 ? 0.0 : static_cast<double>(loyal) / customers; }
};
[[nodiscard]] StoreFigures FiguresFrom(const std::map<std::string, int64_t>& counts);

/// Counter names for the movements, shared by the writer and FiguresFrom.
[[nodiscard]] std::string EnteredCounter(ChurnStage stage);
[[nodiscard]] std::string WonBackCounter(ChurnStage from);
inline constexpr const char* kReferralPurchasesCounter = "referral_purchases";

}  // namespace careloop::customers::domain
