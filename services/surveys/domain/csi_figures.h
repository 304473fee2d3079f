#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/time.h"
#include "services/surveys/domain/survey_items.h"
#include "services/surveys/domain/survey_rules.h"

// The CSI read model's figures: what a manager reads about satisfaction and complaints. Pure
// arithmetic over counters (one cell per store, month, kind, source, advisor and item) and over
// complaint cases; the counters are filled from the survey topic's own events (see docs/csi.md).
namespace careloop::surveys::domain {

/// A calendar month of a store's local dates.
struct CsiMonth final {
  int year = 0;
  int month = 0;

  /// Parses "YYYY-MM" (years 1901-2100); nullopt for anything else.
  [[nodiscard]] static std::optional<CsiMonth> Parse(std::string_view text);
  [[nodiscard]] static CsiMonth Of(Date date) { return {date.year, date.month}; }
  /// "2026-11"
  [[nodiscard]] std::string ToString() const;
  [[nodiscard]] Date FirstDay() const { return {year, month, 1}; }
  [[nodiscard]] Date LastDay() const { return FirstDay().PlusMonths(1).PlusDays(-1); }
  [[nodiscard]] CsiMonth Plus(int months) const { return Of(FirstDay().PlusMonths(months)); }
  auto operator<=>(const CsiMonth&) const = default;
};

/// The months from `first` to `last`, both included; empty when last is before first.
[[nodiscard]] std::vector<CsiMonth> MonthsBetween(CsiMonth first, CsiMonth last);

/// Internal (the store's own follow-up) or external (the manufacturer's survey) scores.
enum class ScoreSource { kUnspecified = 0, kInternal = 1, kExternal = 2 };

/// The category an item is reported under (overall for kOverall, unspecified for kUnspecified).
[[nodiscard]] SurveyCategory CategoryOf(SurveyItem item);
/// True for an item the catalogue knows.
[[nodiscard]] bool IsKnownItem(int item);

/// Counters of one cell. Survey-level counters live in the cell whose item is kUnspecified;
/// item scores in the cell of their item.
struct CsiTally final {
  int64_t issued = 0;             ///< surveys issued
  int64_t answered = 0;           ///< surveys answered
  int64_t expired = 0;            ///< surveys expired unanswered
  int64_t average_milli = 0;      ///< sum of the answers' average scores, in thousandths
  int64_t dissatisfied = 0;       ///< answers at or below the template's threshold
  int64_t recommend_answers = 0;  ///< answers to the recommend (NPS) question
  int64_t promoters = 0;          ///< … of 9 or 10
  int64_t detractors = 0;         ///< … of 0 to 6
  int64_t scores = 0;             ///< item scores given
  int64_t score_points = 0;       ///< their sum
  int64_t top_scores = 0;         ///< … of them at 9 or 10

  CsiTally& operator+=(const CsiTally& other);
  bool operator==(const CsiTally&) const = default;
};

/// One cell of the read model.
struct CsiCell final {
  std::string store_id;
  CsiMonth month;
  SurveyKind kind = SurveyKind::kServiceVisit;
  ScoreSource source = ScoreSource::kUnspecified;
  std::string advisor;                         ///< empty when nobody is rated
  SurveyItem item = SurveyItem::kUnspecified;  ///< kUnspecified: the survey-level counters
  CsiTally tally;
};

/// A survey answer as the read model counts it.
struct CsiAnswer final {
  std::string store_id;
  CsiMonth month;  ///< store-local month of the answer
  SurveyKind kind = SurveyKind::kServiceVisit;
  ScoreSource source = ScoreSource::kUnspecified;
  std::string advisor;
  std::vector<std::pair<SurveyItem, int>> scores;  ///< item and score 1-10 (0: not answered, skipped)
  double average_score = 0;
  bool dissatisfied = false;
  std::optional<int> recommend_score;  ///< 0-10
};

/// The cells an answer adds to: one survey-level cell and one per scored item. Scores out of
/// 1-10 and unknown items are left out; a recommend score outside 0-10 counts as not given.
[[nodiscard]] std::vector<CsiCell> CellsOfAnswer(const CsiAnswer& answer);

/// A complaint case as the read model knows it (from ComplaintCaseOpened/Updated/Resolved).
struct CaseFact final {
  std::string case_id;
  std::string store_id;
  std::string advisor;
  CsiMonth month;  ///< store-local month it was opened in (its cohort)
  std::optional<Instant> opened_at;
  bool progressed = false;  ///< a handling step was recorded (or it was resolved)
  std::optional<Instant> resolved_at;
  bool within_deadline = false;
  bool customer_satisfied = false;  ///< resolved with the customer satisfied
};

/// Complaint figures of a set of cases (cohort: the cases opened in the period).
struct ComplaintFigures final {
  int64_t opened = 0;
  int64_t in_progress_or_beyond = 0;  ///< a step done, or resolved
  int64_t resolved = 0;
  int64_t resolved_within_deadline = 0;
  int64_t customer_satisfied = 0;
  std::optional<double> median_hours;  ///< time to resolve, of the resolved cases
  std::optional<double> p90_hours;
  std::optional<double> average_hours;
  std::optional<double> within_deadline_share;  ///< resolved in time / resolved
};

[[nodiscard]] ComplaintFigures FiguresOfCases(const std::vector<CaseFact>& cases);

/// The median: the middle value, or the mean of the two middle values; empty for no values.
[[nodiscard]] std::optional<double> Median(std::vector<double> values);
/// The nearest-rank percentile (p in (0, 100]): the smallest value with at least p % of the
/// values at or below it; empty for no values.
[[nodiscard]] std::optional<double> Percentile(std::vector<double> values, double p);
/// NPS in points (-100 to 100): % promoters minus % detractors; empty when nobody answered.
[[nodiscard]] std::optional<double> NetPromoterScore(int64_t promoters, int64_t detractors, int64_t answers);
/// part / whole; empty when whole is 0 (not applicable, never 0 %).
[[nodiscard]] std::optional<double> Share(int64_t part, int64_t whole);

/// How report rows are grouped.
struct CsiGrouping final {
  bool store = false;
  bool advisor = false;
  bool item = false;
  bool category = false;
  bool month = false;
};

/// What a report row is about (only the grouped dimensions are set).
struct CsiGroupKey final {
  std::string store_id;
  std::string advisor;
  SurveyItem item = SurveyItem::kUnspecified;
  SurveyCategory category = SurveyCategory::kUnspecified;
  std::optional<CsiMonth> month;
  auto operator<=>(const CsiGroupKey&) const = default;
};

/// One report row.
struct CsiRowFigures final {
  CsiGroupKey key;
  CsiTally tally;
  int64_t response_count = 0;             ///< answers (per item: scores of the item)
  std::optional<double> average_score;    ///< mean of the answers' averages (per item: of its scores)
  std::optional<double> satisfied_share;  ///< item scores at 9-10 / item scores
  std::optional<double> response_rate;    ///< answered / issued (not for item rows)
  std::optional<double> nps;              ///< not for item rows
  ComplaintFigures complaints;            ///< not for item or category rows
};

/// Groups cells and cases into rows, sorted by key. Grouping by item or category reads the item
/// cells (response count = scores of the item); otherwise the survey-level cells. Cases are
/// matched on store, advisor and month (the month they were opened in).
[[nodiscard]] std::vector<CsiRowFigures> GroupCsi(const std::vector<CsiCell>& cells, const std::vector<CaseFact>& cases,
                                                  const CsiGrouping& by);

/// An item's average in a period.
struct ItemAverage final {
  SurveyItem item = SurveyItem::kUnspecified;
  int64_t scores = 0;
  double average = 0;
};

/// The `count` items with the lowest average (ties: fewer scores first, then item order), of the
/// items with at least `min_scores` scores; kOverall is not an item to improve and is left out.
[[nodiscard]] std::vector<ItemAverage> LowestItems(const std::vector<CsiCell>& cells, size_t count,
                                                   int64_t min_scores = 1);

}  // namespace careloop::surveys::domain
