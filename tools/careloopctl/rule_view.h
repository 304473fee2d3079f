#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "careloop/reminder/v1/reminder.pb.h"

namespace careloop::ctl {

/// What `rule set` was told to change; unset options keep the rule's current value.
struct RuleFlags final {
  std::string store;
  std::string kind;  ///< a reminder kind word ("first_maintenance")
  std::optional<std::vector<std::string>> models;
  std::optional<int> interval_months;
  std::optional<int> interval_days;
  std::optional<int> interval_km;
  std::optional<std::string> lead_days;  ///< "30,15,7"; "" or "none": fire on the day
  std::optional<std::string> fire_time;  ///< "HH:MM"
  std::optional<bool> enabled;
  std::optional<int> follow_up_days;
  std::optional<std::string> template_id;
  std::optional<std::string> channel_plan_id;
};

/// "30,15,7" → {30, 15, 7}; "" or "none" → {} (on the day). UsageError naming --lead-days for
/// anything else (the service checks the values themselves).
[[nodiscard]] std::vector<int> ParseLeadDaysFlag(std::string_view text);

/// The rule to send for `flags`: `current` — the rule the store has for that scope, or the one
/// that governs it now (a group rule, copied into the store's scope) — with the flags applied.
/// The rule id is left empty: the service addresses a rule by its scope.
[[nodiscard]] careloop::reminder::v1::ReminderRule RuleToSend(const careloop::reminder::v1::ReminderRule& current,
                                                              const RuleFlags& flags);

/// Of `rules` (ListRules of the store and kind), the one whose scope is exactly the flags'
/// (store, kind, models in any order), else the store's rule without models, else the group's
/// rule without models; nullopt when none.
[[nodiscard]] std::optional<careloop::reminder::v1::ReminderRule> BaseRule(
    const std::vector<careloop::reminder::v1::ReminderRule>& rules, const RuleFlags& flags);

/// The rules as a table: SCOPE (group or store), KIND, MODELS, ON, INTERVAL, LEAD DAYS, FIRE AT,
/// FOLLOW-UP, RULE.
[[nodiscard]] std::string RulesTable(const std::vector<careloop::reminder::v1::ReminderRule>& rules);

}  // namespace careloop::ctl
