#include "services/reminders/domain/rule.h"

#include <algorithm>
#include <cmath>

#include "common/base/ids.h"
#include "services/reminders/domain/win_back.h"

namespace careloop::reminders::domain {
namespace {

// Longer than any manufacturer's interval or any sensible lead time: a typo, not a rule.
constexpr int kMaxIntervalMonths = 120;
constexpr int kMaxIntervalDays = 3650;
constexpr int kMaxIntervalKm = 500'000;
constexpr int kMaxLeadDays = 365;
constexpr int kMaxFollowUpDays = 180;
constexpr int kMaxReturnWindowDays = 365;

const std::vector<std::string_view> kChurnStageWords = {"active", "at_risk", "lapsing", "lost", "long_lost"};

Rule Base(ReminderKind kind) {
  Rule rule;
  rule.rule_id = GroupRuleId(kind);
  rule.kind = kind;
  return rule;
}

// How specific a rule is for (store, model); -1 when it does not apply.
int Specificity(const Rule& rule, const std::string& store_id, const std::string& model) {
  const bool store_match = rule.store_id == store_id && !store_id.empty();
  if (!rule.store_id.empty() && !store_match) {
    return -1;
  }
  if (!rule.models.empty() && !rule.Covers(model)) {
    return -1;
  }
  return (store_match ? 2 : 0) + (rule.models.empty() ? 0 : 1);
}

}  // namespace

bool Rule::Covers(const std::string& model) const {
  return !model.empty() && std::find(models.begin(), models.end(), model) != models.end();
}

std::optional<ReminderKind> KindNamed(std::string_view name) {
  for (int k = 0; k <= static_cast<int>(ReminderKind::kSeasonalCheck); ++k) {
    if (KindName(static_cast<ReminderKind>(k)) == name) {
      return static_cast<ReminderKind>(k);
    }
  }
  return std::nullopt;
}

std::string RuleId(const std::string& store_id, ReminderKind kind, std::vector<std::string> models) {
  std::sort(models.begin(), models.end());
  models.erase(std::unique(models.begin(), models.end()), models.end());
  std::string joined;
  for (const auto& model : models) {
    joined += model;
    joined += '\n';
  }
  return DerivedId("rule-", {store_id.empty() ? "*" : store_id, KindName(kind), joined});
}

std::string GroupRuleId(ReminderKind kind) {
  return RuleId("", kind, {});
}

Rule DefaultRule(ReminderKind kind) {
  Rule rule = Base(kind);
  const MaintenancePolicy maintenance;
  switch (kind) {
    case ReminderKind::kFirstMaintenance:
      rule.interval_months = maintenance.first_months;
      rule.interval_km = maintenance.first_km;
      break;
    case ReminderKind::kSecondMaintenance:
      rule.interval_months = maintenance.second_months;
      rule.interval_km = maintenance.second_km;
      break;
    case ReminderKind::kRegularMaintenance:
      rule.interval_months = maintenance.regular_months;
      rule.interval_km = maintenance.regular_km;
      break;
    case ReminderKind::kInsuranceRenewal: rule.lead_days = {30, 15, 7}; break;
    case ReminderKind::kWarrantyExpiry:
      rule.interval_months = 36;
      rule.interval_km = 100'000;
      rule.lead_days = {30};
      break;
    case ReminderKind::kAnnualInspection: rule.lead_days = {30}; break;
    case ReminderKind::kBirthday:
    case ReminderKind::kHolidayGreeting: rule.fire_time = TimeOfDay{9 * 60}; break;
    case ReminderKind::kSurveyInvitation: rule.interval_days = 3; break;
    case ReminderKind::kAppointmentDayBefore: rule.fire_time = TimeOfDay{18 * 60}; break;
    case ReminderKind::kWinBack:
    case ReminderKind::kCaseFollowUp:
    case ReminderKind::kSurveyReminder:
    case ReminderKind::kSurveyWindowClose:
    case ReminderKind::kAppointmentConfirmation:
    case ReminderKind::kAppointmentNoShow:
    case ReminderKind::kCampaign:
    case ReminderKind::kSeasonalCheck: break;
  }
  if (IsMaintenance(kind)) {
    rule.lead_days = {maintenance.lead_days};
    rule.fire_time = maintenance.send_at;
    rule.follow_up_days = 14;
  }
  if (IsRoutineCare(kind)) {
    rule.excluded_churn_stages = {"long_lost"};  // domain.md: long lost customers leave routine care
  }
  return rule;
}

Rule Resolve(const std::vector<Rule>& rules, const std::string& store_id, ReminderKind kind, const std::string& model) {
  const Rule* best = nullptr;
  int best_score = -1;
  for (const auto& rule : rules) {
    if (rule.kind != kind) {
      continue;
    }
    const int score = Specificity(rule, store_id, model);
    if (score > best_score) {
      best = &rule;
      best_score = score;
    }
  }
  return best != nullptr ? *best : DefaultRule(kind);
}

bool QuietHours::Contains(TimeOfDay time) const {
  if (start == end) {
    return false;
  }
  if (start < end) {
    return start <= time && time < end;
  }
  return start <= time || time < end;
}

bool NeedsInterval(ReminderKind kind) {
  return IsMaintenance(kind) || kind == ReminderKind::kWarrantyExpiry || kind == ReminderKind::kSurveyInvitation;
}

Status Validate(const Rule& rule, const QuietHours& quiet) {
  const auto range = [](const std::string& field, int value, int min, int max) -> Status {
    if (value < min || value > max) {
      return InvalidArgument("rule." + field, "must be " + std::to_string(min) + "–" + std::to_string(max) + ", got " +
                                                  std::to_string(value));
    }
    return Ok{};
  };
  for (const auto& check : {range("interval_months", rule.interval_months, 0, kMaxIntervalMonths),
                            range("interval_days", rule.interval_days, 0, kMaxIntervalDays),
                            range("interval_km", rule.interval_km, 0, kMaxIntervalKm),
                            range("follow_up_days", rule.follow_up_days, 0, kMaxFollowUpDays),
                            range("return_window_days", rule.return_window_days, 1, kMaxReturnWindowDays)}) {
    if (!check.ok()) {
      return check;
    }
  }
  if (NeedsInterval(rule.kind) && rule.interval_months == 0 && rule.interval_days == 0 && rule.interval_km == 0) {
    return InvalidArgument("rule.interval_months",
                           std::string("a ") + std::string(KindName(rule.kind)) +
                               " rule needs an interval: set interval_months, interval_days or interval_km");
  }
  for (size_t i = 0; i < rule.lead_days.size(); ++i) {
    const int lead = rule.lead_days[i];
    if (lead < 1 || lead > kMaxLeadDays) {
      return InvalidArgument("rule.lead_days", "each must be 1–" + std::to_string(kMaxLeadDays) + " days, got " +
                                                   std::to_string(lead) + " (leave the list empty to fire on the day)");
    }
    if (i > 0 && lead >= rule.lead_days[i - 1]) {
      return InvalidArgument("rule.lead_days", "must be in descending order without repeats");
    }
  }
  if (rule.fire_time.minutes < 0 || rule.fire_time.minutes >= 24 * 60) {
    return InvalidArgument("rule.fire_time", "must be a time of day 00:00–23:59");
  }
  if (quiet.Contains(rule.fire_time)) {
    return InvalidArgument("rule.fire_time", rule.fire_time.ToString() + " is inside the store's quiet hours " +
                                                 quiet.start.ToString() + "–" + quiet.end.ToString());
  }
  for (size_t i = 0; i < rule.models.size(); ++i) {
    if (rule.models[i].empty()) {
      return InvalidArgument("rule.models", "entry " + std::to_string(i + 1) + " is empty");
    }
    if (std::find(rule.models.begin(), rule.models.begin() + static_cast<std::ptrdiff_t>(i), rule.models[i]) !=
        rule.models.begin() + static_cast<std::ptrdiff_t>(i)) {
      return InvalidArgument("rule.models", "'" + rule.models[i] + "' is listed twice");
    }
  }
  for (const auto& stage : rule.excluded_churn_stages) {
    if (std::find(kChurnStageWords.begin(), kChurnStageWords.end(), stage) == kChurnStageWords.end()) {
      return InvalidArgument("rule.excluded_churn_stages", "unknown churn stage '" + stage + "'");
    }
  }
  return Ok{};
}

bool Excludes(const Rule& rule, std::string_view stage) {
  return !stage.empty() && std::find(rule.excluded_churn_stages.begin(), rule.excluded_churn_stages.end(), stage) !=
                               rule.excluded_churn_stages.end();
}

MaintenancePolicy PolicyOf(const Rule& first, const Rule& second, const Rule& regular) {
  MaintenancePolicy policy;
  policy.first_months = first.interval_months;
  policy.first_km = first.interval_km;
  policy.second_months = second.interval_months;
  policy.second_km = second.interval_km;
  policy.regular_months = regular.interval_months;
  policy.regular_km = regular.interval_km;
  policy.lead_days = FirstLead(first);
  policy.send_at = first.fire_time;
  for (const Rule* rule : {&first, &second, &regular}) {
    policy.by_kind[rule->kind] = {FirstLead(*rule), rule->fire_time, rule->rule_id};
  }
  return policy;
}

MaintenanceDue DueByRule(Date anchor, int anchor_km, const Rule& rule, const std::vector<OdometerReading>& readings) {
  MaintenanceDue due;
  if (rule.interval_months > 0 || rule.interval_days > 0) {
    due.due_date = anchor.PlusMonths(rule.interval_months).PlusDays(rule.interval_days);
  }
  if (rule.interval_km <= 0) {
    return due;
  }
  due.due_km = anchor_km + rule.interval_km;
  const auto per_day = AverageKmPerDay(readings);
  if (!per_day || *per_day <= 0) {
    return due;
  }
  // Project from the latest reading, the best estimate of today's odometer.
  const auto latest =
      *std::max_element(readings.begin(), readings.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  const int remaining_km = due.due_km - latest.km;
  const Date by_mileage =
      remaining_km <= 0 ? latest.date : latest.date.PlusDays(static_cast<int64_t>(std::ceil(remaining_km / *per_day)));
  if (!due.due_date.IsValid() || by_mileage < due.due_date) {
    due.due_date = std::max(by_mileage, anchor);
    due.due_by_mileage = true;
  }
  return due;
}

int FirstLead(const Rule& rule) {
  return rule.lead_days.empty() ? 0 : *std::max_element(rule.lead_days.begin(), rule.lead_days.end());
}

}  // namespace careloop::reminders::domain
