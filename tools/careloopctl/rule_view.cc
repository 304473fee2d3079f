#include "tools/careloopctl/rule_view.h"

#include <algorithm>
#include <charconv>

#include "common/base/time.h"
#include "services/reminders/adapters/enum_tables.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace rv1 = careloop::reminder::v1;

std::vector<std::string> SortedModels(const rv1::ReminderRule& rule) {
  std::vector<std::string> models(rule.models().begin(), rule.models().end());
  std::sort(models.begin(), models.end());
  return models;
}

std::string Interval(const rv1::ReminderRule& rule) {
  std::vector<std::string> parts;
  if (rule.interval_months() > 0) {
    parts.push_back(std::to_string(rule.interval_months()) + " months");
  }
  if (rule.interval_days() > 0) {
    parts.push_back(std::to_string(rule.interval_days()) + " days");
  }
  if (rule.interval_km() > 0) {
    parts.push_back(std::to_string(rule.interval_km()) + " km");
  }
  return parts.empty() ? "-" : JoinWords(parts, " / ");
}

std::string LeadDays(const rv1::ReminderRule& rule) {
  std::vector<std::string> leads;
  for (const int lead : rule.lead_days()) {
    leads.push_back(std::to_string(lead));
  }
  return leads.empty() ? "on the day" : JoinWords(leads, ",");
}

std::string FireTime(const rv1::ReminderRule& rule) {
  return TimeOfDay{rule.fire_time().hours() * 60 + rule.fire_time().minutes()}.ToString();
}

}  // namespace

std::vector<int> ParseLeadDaysFlag(std::string_view text) {
  std::vector<int> leads;
  if (text.empty() || text == "none") {
    return leads;
  }
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view part = text.substr(start, comma - start);
    int value = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || error != std::errc{} || end != part.data() + part.size()) {
      throw UsageError("--lead-days: '" + std::string(text) + "' is not a comma-separated list of days (e.g. 30,15,7)");
    }
    leads.push_back(value);
    start = comma + 1;
  }
  return leads;
}

rv1::ReminderRule RuleToSend(const rv1::ReminderRule& current, const RuleFlags& flags) {
  rv1::ReminderRule rule = current;
  rule.clear_rule_id();
  rule.clear_updated_at();
  rule.clear_updated_by();
  rule.set_store_id(flags.store);
  rule.set_kind(*reminders::adapters::kReminderKinds.ProtoOfWord(flags.kind));
  if (flags.models) {
    rule.clear_models();
    for (const auto& model : *flags.models) {
      rule.add_models(model);
    }
  }
  if (flags.interval_months) {
    rule.set_interval_months(*flags.interval_months);
  }
  if (flags.interval_days) {
    rule.set_interval_days(*flags.interval_days);
  }
  if (flags.interval_km) {
    rule.set_interval_km(*flags.interval_km);
  }
  if (flags.lead_days) {
    rule.clear_lead_days();
    for (const int lead : ParseLeadDaysFlag(*flags.lead_days)) {
      rule.add_lead_days(lead);
    }
  }
  if (flags.fire_time) {
    const auto time = TimeOfDay::Parse(*flags.fire_time);
    if (!time) {
      throw UsageError("--fire-time: '" + *flags.fire_time + "' is not a time of day HH:MM");
    }
    rule.mutable_fire_time()->set_hours(time->minutes / 60);
    rule.mutable_fire_time()->set_minutes(time->minutes % 60);
  }
  if (flags.enabled) {
    rule.set_enabled(*flags.enabled);
  }
  if (flags.follow_up_days) {
    rule.set_follow_up_days(*flags.follow_up_days);
  }
  if (flags.template_id) {
    rule.set_template_id(*flags.template_id);
  }
  if (flags.channel_plan_id) {
    rule.set_channel_plan_id(*flags.channel_plan_id);
  }
  return rule;
}

std::optional<rv1::ReminderRule> BaseRule(const std::vector<rv1::ReminderRule>& rules, const RuleFlags& flags) {
  std::vector<std::string> wanted = flags.models.value_or(std::vector<std::string>{});
  std::sort(wanted.begin(), wanted.end());
  const auto find = [&](const std::string& store, const std::vector<std::string>& models) {
    return std::find_if(rules.begin(), rules.end(), [&](const rv1::ReminderRule& rule) {
      return rule.store_id() == store && SortedModels(rule) == models;
    });
  };
  for (const auto& [store, models] :
       {std::pair{flags.store, wanted}, std::pair{flags.store, std::vector<std::string>{}},
        std::pair{std::string(), std::vector<std::string>{}}}) {
    if (const auto found = find(store, models); found != rules.end()) {
      return *found;
    }
  }
  return std::nullopt;
}

std::string RulesTable(const std::vector<rv1::ReminderRule>& rules) {
  Table table({"SCOPE", "KIND", "MODELS", "ON", "INTERVAL", "LEAD DAYS", "FIRE AT", "FOLLOW-UP", "RULE"});
  for (const auto& rule : rules) {
    const auto models = SortedModels(rule);
    table.AddRow({rule.store_id().empty() ? "group" : rule.store_id(),
                  ShortEnumName(rv1::ReminderKind_Name(rule.kind()), "REMINDER_KIND_"),
                  models.empty() ? "all" : JoinWords(models, ","), rule.enabled() ? "yes" : "no", Interval(rule),
                  LeadDays(rule), FireTime(rule),
                  rule.follow_up_days() > 0 ? std::to_string(rule.follow_up_days()) + " days" : "-", rule.rule_id()});
  }
  return table.Render();
}

}  // namespace careloop::ctl
