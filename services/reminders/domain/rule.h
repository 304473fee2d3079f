#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/reminders/domain/maintenance.h"

namespace careloop::reminders::domain {

/// A store rule that creates reminders of one kind (mirrors careloop.reminder.v1.ReminderRule).
/// A rule with an empty store is the group-wide default; a rule with models applies only to
/// vehicles of those models (manufacturer-specific intervals). Every default of domain.md is a
/// rule (see DefaultRule).
struct Rule final {
  std::string rule_id;
  std::string store_id;  ///< empty: the group-wide default
  ReminderKind kind = ReminderKind::kFirstMaintenance;
  bool enabled = true;
  int interval_months = 0;     ///< from the anchor (delivery, last maintenance, …) to the due date
  int interval_days = 0;       ///< added to interval_months
  int interval_km = 0;         ///< mileage from the anchor; with months, whichever comes first
  std::vector<int> lead_days;  ///< one firing per value, days before the due date, descending; empty: on the day
  TimeOfDay fire_time{10 * 60};
  std::string channel_plan_id;  ///< empty: the store's default plan
  std::string template_id;      ///< empty: the store's default template of the kind
  std::vector<std::string> models;
  std::vector<std::string> excluded_churn_stages;  ///< churn stage words ("long_lost") that get nothing
  int follow_up_days =
      0;  ///< an ignored reminder (fired, no visit within this many days) is followed up once; 0: never
  int return_window_days = 30;  ///< a visit within this many days of a reminder counts as a return (care report)
  Instant updated_at{};
  std::string updated_by;

  /// Whether this rule is specific to `model` (its model list names it).
  [[nodiscard]] bool Covers(const std::string& model) const;
};

/// The group default of `kind`, from domain.md: first maintenance 3 months/5,000 km after
/// delivery, second 6 months/10,000 km after the first, regular every 6 months/10,000 km (each
/// 7 days ahead, followed up once 14 days after an ignored reminder); insurance renewal 30, 15
/// and 7 days before the policy ends; warranty 36 months/100,000 km, 30 days ahead; annual
/// inspection 30 days ahead; birthday and holiday greetings on the day at 09:00; survey
/// invitation 3 days after the visit; everything else at 10:00. Return-to-workshop window 30
/// days for every kind. Its id is GroupRuleId(kind).
[[nodiscard]] Rule DefaultRule(ReminderKind kind);

/// The kind a KindName names ("first_maintenance"), if any.
[[nodiscard]] std::optional<ReminderKind> KindNamed(std::string_view name);

/// Deterministic id of the rule of a scope (store, kind, models in any order), so that the
/// same scope upserted twice is one rule.
[[nodiscard]] std::string RuleId(const std::string& store_id, ReminderKind kind, std::vector<std::string> models);
[[nodiscard]] std::string GroupRuleId(ReminderKind kind);

/// The rule governing `kind` for a vehicle of `model` at `store_id`, most specific first:
/// store + model > store > group + model > group > DefaultRule(kind). A disabled rule still
/// governs (it stops its kind there). Rules of other kinds are ignored.
[[nodiscard]] Rule Resolve(const std::vector<Rule>& rules, const std::string& store_id, ReminderKind kind,
                           const std::string& model);

/// Local quiet hours, [start, end) wrapping midnight when start > end (21:00–08:00).
struct QuietHours final {
  TimeOfDay start{21 * 60};
  TimeOfDay end{8 * 60};
  [[nodiscard]] bool Contains(TimeOfDay time) const;
};

/// Whether reminders of `kind` need an interval (months, days or km) from an anchor.
[[nodiscard]] bool NeedsInterval(ReminderKind kind);

/// Checks a rule before it is stored: the first bad field is named (`rule.lead_days`,
/// `rule.fire_time`, `rule.models`, `rule.interval_months`, …) with the reason.
[[nodiscard]] Status Validate(const Rule& rule, const QuietHours& quiet);

/// Whether the rule plans nothing for a customer in churn stage `stage` (a word of
/// excluded_churn_stages; empty — not known — is never excluded).
[[nodiscard]] bool Excludes(const Rule& rule, std::string_view stage);

/// The maintenance policy of the three maintenance rules (first, second, regular) of a vehicle.
[[nodiscard]] MaintenancePolicy PolicyOf(const Rule& first, const Rule& second, const Rule& regular);

/// When something counted from `anchor` (odometer `anchor_km`) falls due under `rule`:
/// interval_months + interval_days later, or earlier when the estimated odometer reaches
/// anchor_km + interval_km — whichever first (per AverageKmPerDay over `readings`). A rule
/// without km is by time only; one without months/days by mileage only, and then the date is
/// invalid when there is no estimate.
[[nodiscard]] MaintenanceDue DueByRule(Date anchor, int anchor_km, const Rule& rule,
                                       const std::vector<OdometerReading>& readings);

/// The lead time of a single-firing rule: its largest lead, or 0 (on the day).
[[nodiscard]] int FirstLead(const Rule& rule);

}  // namespace careloop::reminders::domain
