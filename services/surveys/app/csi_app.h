#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/app/csi_ports.h"
#include "services/surveys/domain/csi_figures.h"

namespace careloop::surveys::app {

/// A survey as SurveyIssued / SurveyExpired announce it.
struct SurveyNote final {
  std::string survey_id;
  std::string store_id;
  domain::SurveyKind kind = domain::SurveyKind::kServiceVisit;
  domain::ScoreSource source = domain::ScoreSource::kUnspecified;
  std::string advisor;
  Instant at{};  ///< issued_at or expired_at
};

/// A report request.
struct CsiQuery final {
  std::vector<std::string> store_ids;  ///< empty: every store the caller may see
  Date from;                           ///< first day of the period (rounded to its month)
  Date to;                             ///< last day of the period (rounded to its month)
  std::optional<domain::SurveyKind> kind;
  std::optional<domain::ScoreSource> source;
  std::string advisor;  ///< only this advisor; empty: all
  domain::CsiGrouping group_by;
};

/// A report: rows, the lowest items, and what it covers.
struct CsiReport final {
  std::vector<std::string> store_ids;
  domain::CsiMonth first;
  domain::CsiMonth last;
  std::vector<domain::CsiRowFigures> rows;
  std::vector<domain::ItemAverage> lowest_items;
  int64_t issued = 0;
  int64_t expired = 0;
  Instant computed_at{};
  std::string time_zone;  ///< the stores' zone (IANA name); empty when they differ
};

/// The CSI read model's use cases: count the survey topic's events, report on them.
class CsiApp final {
 public:
  static constexpr int kMaxMonths = 24;  ///< the longest period one report covers
  static constexpr size_t kLowestItems = 3;

  CsiApp(CsiStats& stats, const clock::Clock& clock, const config::StoreCatalog& stores)
      : stats_(stats), clock_(clock), stores_(stores) {}

  /// SurveyIssued: counts the survey issued in its store-local month (once per survey).
  void OnIssued(const SurveyNote& issued);
  /// SurveyExpired: counts it expired (once per survey).
  void OnExpired(const SurveyNote& expired);
  /// SurveyAnswered: counts the answer, its item scores and recommend score (once per survey).
  /// `answer.month` is derived here from `answered_at`.
  void OnAnswered(const std::string& survey_id, domain::CsiAnswer answer, Instant answered_at);
  /// ComplaintCaseOpened / Updated / Resolved. The month is derived here from opened_at.
  void OnCase(CaseNote note);

  /// The report; the caller must be allowed every store asked for.
  [[nodiscard]] Result<CsiReport> Report(const auth::Principal& caller, const CsiQuery& query);

 private:
  [[nodiscard]] domain::CsiMonth MonthAt(const std::string& store_id, Instant at) const;

  CsiStats& stats_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::surveys::app
