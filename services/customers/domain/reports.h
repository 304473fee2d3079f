#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/customers/domain/history.h"
#include "services/customers/domain/search.h"

namespace careloop::customers::domain {

// The after-sales programme's headline figures per store (domain.md "Customer value": the
// loyal-customer share 忠诚客户占比; "Churn stages"): counted with the same filters as a search,
// kept as a snapshot at each month's end so trends can be read, the current month live. A past
// month without a snapshot (before the service ran, or one a clock jump passed) is rebuilt from
// the records: delivery dates and history say which cars a customer held then and what stage
// they were in (see Reconstruction).

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

/// The store rules of the reports (customers.reports.* settings).
struct ReportRules final {
  /// The loyal-customer share's base is the customers a store holds (保有客户) past a settling-in
  /// period: those with a car they still own that was delivered at least this many months before
  /// the day counted. A brand-new store has no base yet, so its share is "not applicable".
  int settling_months = 12;
  /// Per-store exceptions to settling_months.
  std::map<std::string, int> settling_months_by_store;
  [[nodiscard]] int SettlingMonthsOf(const std::string& store_id) const;
};

/// One count a snapshot needs: its name (the snapshot's field) and the customers it counts.
struct FigureQuery final {
  std::string name;
  CustomerFilter filter;
};

/// Every count of a store's figures on `day`. Customers are those with at least one car they
/// still own; churn stages are as of `day` (a month's last day for a snapshot); the loyalty base
/// ("settled:*") those of them with such a car delivered `settling_months` or more before `day`.
[[nodiscard]] std::vector<FigureQuery> FigureQueries(Date day, int settling_months);

/// Where a month's figures come from.
enum class FigureSource {
  kLive,           ///< the current month, counted now
  kSnapshot,       ///< the snapshot taken as the month ended
  kReconstructed,  ///< rebuilt from the records (see Reconstruction)
};

/// Values a snapshot keeps beside its counts: the settling period its base was counted with, and
/// for one rebuilt from the records rather than counted at the month's end, a mark saying so and
/// the earliest delivery on record then (days since the epoch; absent when there was none).
inline constexpr const char* kSettlingMonthsValue = "settling_months";
inline constexpr const char* kReconstructedValue = "reconstructed";
inline constexpr const char* kRecordsSinceValue = "records_since";

/// The figures of one store and month, from named counts (FigureQueries' names, plus the
/// movements counted as they happen: "entered:<stage>", "won_back:<stage>", "referral_purchases").
struct StoreFigures final {
  int64_t customers = 0;  ///< 保有客户: customers with a car they still own
  int64_t high_value = 0;
  int64_t active = 0;
  /// The loyal-customer share's base: customers held past the settling-in period.
  int64_t loyalty_base = 0;
  /// The settling-in period the base was counted with; 0 when the figures predate the rule (a
  /// snapshot taken before it existed has no base).
  int settling_months = 0;
  int64_t loyal = 0;  ///< in the base: high-value or active (counted once)
  std::map<ValueCriterion, int64_t> criteria;
  std::map<ChurnStage, int64_t> churn;
  std::map<ChurnStage, std::map<ChurnReason, int64_t>> reasons;
  std::map<ChurnStage, int64_t> entered;   ///< moved into the stage during the month
  std::map<ChurnStage, int64_t> won_back;  ///< moved from the stage back to active during the month
  int64_t referral_purchases = 0;          ///< referred people who bought during the month
  bool reconstructed = false;              ///< rebuilt from the records (kReconstructedValue)
  Date records_since;                      ///< when reconstructed: the earliest delivery on record

  /// loyal / loyalty_base; nullopt ("not applicable") when the base is empty — never 100 % or 0 %
  /// for a store that holds nobody past the settling-in period yet.
  [[nodiscard]] std::optional<double> loyal_share() const {
    return loyalty_base == 0 ? std::nullopt : std::optional(static_cast<double>(loyal) / loyalty_base);
  }
};
[[nodiscard]] StoreFigures FiguresFrom(const std::map<std::string, int64_t>& counts);

/// Counter names for the movements, shared by the writer and FiguresFrom.
[[nodiscard]] std::string EnteredCounter(ChurnStage stage);
[[nodiscard]] std::string WonBackCounter(ChurnStage from);
inline constexpr const char* kReferralPurchasesCounter = "referral_purchases";

/// The month a customer's move from churn stage `from` to `to`, found on `today`, counts in (the
/// "entered" and "won back" movements): a move to a worse stage happens with time, so it counts in
/// the month the stage began for a customer whose stage counts from `anchor` — also when it is
/// noticed later (after a clock jump, or downtime), so it lands in the month whose snapshot shows
/// it, not in this one; any other move counts in this month.
[[nodiscard]] Month MovementMonth(ChurnStage from, ChurnStage to, Date anchor, Date today,
                                  const ClassificationPolicy& policy);

/// A customer as the records show them on a past day: the cars they had by then (delivered on or
/// before it; a car without a delivery date from the day the customer came on record), the
/// history up to it, and their classification on that day. What has no history of its own is
/// taken as it stands today: whether a car is still theirs, staff flags, the churn reason.
struct Standing final {
  Customer customer;
  Classification classification;
};
/// nullopt when the customer held no car they still own on `day` (not one of the store's
/// customers then).
[[nodiscard]] std::optional<Standing> StandingOn(const Customer& customer, const History& history, Date day,
                                                 const ClassificationPolicy& policy);

/// Whether a report filter (planned for the day `standing` was classified on) counts `standing`:
/// the same rule the store's search applies to FigureQueries' filters (owners, tiers, criteria,
/// churn stages, churn reasons, delivery dates). Throws std::logic_error for a filter that uses
/// anything else.
[[nodiscard]] bool CountedBy(const CustomerFilter& filter, const Standing& standing);

/// Month-end figures rebuilt from the records, for months without a snapshot: every customer of the
/// store is added once (with their history), and each month's counts are those of FigureQueries on
/// its last day. Movements compare each customer's stage at the end of the month before with the
/// end of the month (entered the new stage; won back when it is active again); referral purchases
/// are the referrals recorded as bought within the month.
class Reconstruction final {
 public:
  Reconstruction(std::vector<Month> months, int settling_months, ClassificationPolicy policy);
  void Add(const Customer& customer, const History& history);
  /// The counts of `month` (one of the months asked), with kReconstructedValue and
  /// kRecordsSinceValue: the earliest delivery of a car the store's customers still own.
  [[nodiscard]] std::map<std::string, int64_t> CountsOf(Month month) const;

 private:
  std::vector<Month> months_;
  int settling_months_;
  ClassificationPolicy policy_;
  std::map<Month, std::vector<FigureQuery>> queries_;
  std::map<Month, std::map<std::string, int64_t>> counts_;
  Date records_since_;
};

}  // namespace careloop::customers::domain
