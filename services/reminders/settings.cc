#include "services/reminders/settings.h"

#include "common/config/section.h"
#include "services/reminders/app/rules_app.h"

namespace careloop::reminders {
namespace {

domain::Rule GroupRule(domain::ReminderKind kind, int months, int km, std::vector<int> lead_days, TimeOfDay at) {
  domain::Rule rule = domain::DefaultRule(kind);
  rule.interval_months = months;
  rule.interval_km = km;
  rule.lead_days = std::move(lead_days);
  rule.fire_time = at;
  return rule;
}

// A kind's default group rule at another time of day (the `care` keys).
domain::Rule TimedGroupRule(domain::ReminderKind kind, TimeOfDay at) {
  domain::Rule rule = domain::DefaultRule(kind);
  rule.fire_time = at;
  return rule;
}

// The group rules the long-standing `maintenance`/`insurance`/`care` keys describe.
std::vector<domain::Rule> GroupRules(const Settings& settings) {
  const domain::MaintenancePolicy& m = settings.maintenance;
  const std::vector<int> lead = m.lead_days > 0 ? std::vector<int>{m.lead_days} : std::vector<int>{};
  return {
      GroupRule(domain::ReminderKind::kFirstMaintenance, m.first_months, m.first_km, lead, m.send_at),
      GroupRule(domain::ReminderKind::kSecondMaintenance, m.second_months, m.second_km, lead, m.send_at),
      GroupRule(domain::ReminderKind::kRegularMaintenance, m.regular_months, m.regular_km, lead, m.send_at),
      GroupRule(domain::ReminderKind::kInsuranceRenewal, 0, 0, settings.insurance.lead_days,
                settings.insurance.send_at),
      TimedGroupRule(domain::ReminderKind::kBirthday, settings.care.birthday_at),
      TimedGroupRule(domain::ReminderKind::kWinBack, settings.care.win_back_at),
      TimedGroupRule(domain::ReminderKind::kAppointmentDayBefore, settings.care.appointment_day_before_at),
      TimedGroupRule(domain::ReminderKind::kAppointmentNoShow, settings.care.appointment_no_show_at),
  };
}

domain::Rule ParseRule(const config::Section& entry, const config::ServiceSettings& service) {
  const std::string word = entry.Require("kind", "the reminder kind, e.g. first_maintenance");
  const auto kind = domain::KindNamed(word);
  if (!kind) {
    throw config::ConfigError(entry.PathOf("kind"), "unknown reminder kind '" + word + "'");
  }
  domain::Rule rule = domain::DefaultRule(*kind);
  rule.store_id = entry.Get<std::string>("store", "");
  if (!rule.store_id.empty() && service.FindStore(rule.store_id) == nullptr) {
    throw config::ConfigError(entry.PathOf("store"), "is not one of the configured stores");
  }
  rule.models = entry.Get<std::vector<std::string>>("models", {});
  rule.enabled = entry.Get<bool>("enabled", rule.enabled);
  rule.interval_months = entry.Get<int>("interval_months", rule.interval_months);
  rule.interval_days = entry.Get<int>("interval_days", rule.interval_days);
  rule.interval_km = entry.Get<int>("interval_km", rule.interval_km);
  rule.lead_days = entry.Get<std::vector<int>>("lead_days", rule.lead_days);
  rule.fire_time = entry.GetTime("fire_time", rule.fire_time);
  rule.template_id = entry.Get<std::string>("template_id", rule.template_id);
  rule.channel_plan_id = entry.Get<std::string>("channel_plan_id", rule.channel_plan_id);
  rule.follow_up_days = entry.Get<int>("follow_up_days", rule.follow_up_days);
  rule.return_window_days = entry.Get<int>("return_window_days", rule.return_window_days);
  rule.excluded_churn_stages = entry.Get<std::vector<std::string>>("excluded_churn_stages", rule.excluded_churn_stages);
  rule.rule_id = domain::RuleId(rule.store_id, rule.kind, rule.models);
  if (Status valid = app::ValidateForStores(rule, service.stores); !valid.ok()) {
    const std::string& field = valid.error().field;
    throw config::ConfigError(entry.PathOf(field.starts_with("rule.") ? field.substr(5) : field),
                              valid.error().message);
  }
  return rule;
}

// `survey_invitations.reminder_*`: the non-responder reminder's delay (group and per store) and
// its latest moment before the survey expires.
void ReadSurveyReminders(const config::Section& invitations, const config::ServiceSettings& service,
                         domain::SurveyReminderTiming& timing) {
  timing.reminder_after_days = invitations.GetInt("reminder_after_days", timing.reminder_after_days, 0, 30);
  const int lead_hours = static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(timing.min_lead).count());
  timing.min_lead = std::chrono::hours{invitations.GetInt("reminder_min_lead_hours", lead_hours, 0, 24 * 30)};
  const config::Section by_store = invitations.Child("reminder_after_days_by_store");
  if (!by_store.node().IsDefined() || !by_store.node().IsMap()) {
    return;
  }
  for (const auto& entry : by_store.node()) {
    const std::string store_id = entry.first.as<std::string>();
    if (service.FindStore(store_id) == nullptr) {
      throw config::ConfigError(by_store.PathOf(store_id), "is not a configured store");
    }
    timing.reminder_after_days_by_store[store_id] = by_store.GetInt(store_id, timing.reminder_after_days, 0, 30);
  }
}

}  // namespace

Settings ParseSettings(const config::ServiceSettings& service) {
  const config::Section section(service.section, "reminders");
  Settings settings;
  const config::Section node = section.Child("maintenance");
  domain::MaintenancePolicy& policy = settings.maintenance;
  policy.first_months = node.GetInt("first_months", policy.first_months, 1, 60);
  policy.first_km = node.GetInt("first_km", policy.first_km, 1, 1'000'000);
  policy.second_months = node.GetInt("second_months", policy.second_months, 1, 60);
  policy.second_km = node.GetInt("second_km", policy.second_km, 1, 1'000'000);
  policy.regular_months = node.GetInt("regular_months", policy.regular_months, 1, 60);
  policy.regular_km = node.GetInt("regular_km", policy.regular_km, 1, 1'000'000);
  policy.lead_days = node.GetInt("lead_days", policy.lead_days, 0, 60);
  policy.send_at = node.GetTime("send_at", policy.send_at);
  const config::Section insurance = section.Child("insurance");
  settings.insurance.lead_days = insurance.Get<std::vector<int>>("lead_days", settings.insurance.lead_days);
  for (size_t i = 0; i < settings.insurance.lead_days.size(); ++i) {
    const int lead = settings.insurance.lead_days[i];
    if (lead < 1 || lead > 365) {
      throw config::ConfigError(insurance.PathOf("lead_days"), "each must be 1–365 days, got " + std::to_string(lead));
    }
    if (i > 0 && lead >= settings.insurance.lead_days[i - 1]) {
      throw config::ConfigError(insurance.PathOf("lead_days"), "must be in descending order without repeats");
    }
  }
  settings.insurance.send_at = insurance.GetTime("send_at", settings.insurance.send_at);
  const config::Section care = section.Child("care");
  settings.care.birthday_at = care.GetTime("birthday_at", settings.care.birthday_at);
  settings.care.win_back_at = care.GetTime("win_back_at", settings.care.win_back_at);
  settings.care.appointment_day_before_at =
      care.GetTime("appointment_day_before_at", settings.care.appointment_day_before_at);
  settings.care.appointment_no_show_at = care.GetTime("appointment_no_show_at", settings.care.appointment_no_show_at);
  settings.care.no_show_poll =
      Millis{care.GetInt("no_show_poll_ms", static_cast<int>(settings.care.no_show_poll.count()), 100, 3'600'000)};
  const config::Section invitations = section.Child("survey_invitations");
  domain::SurveyInvitationLimits& limits = settings.survey_invitations;
  limits.delivery_call_days = invitations.GetInt("delivery_call_days", limits.delivery_call_days, 0, 30);
  limits.max_visit_age_days = invitations.GetInt("max_visit_age_days", limits.max_visit_age_days, 0, 90);
  limits.max_delivery_age_days = invitations.GetInt("max_delivery_age_days", limits.max_delivery_age_days, 0, 90);
  if (limits.max_delivery_age_days < limits.delivery_call_days) {
    throw config::ConfigError(invitations.PathOf("max_delivery_age_days"),
                              "must be at least delivery_call_days, or no delivery is ever called");
  }
  ReadSurveyReminders(invitations, service, settings.survey_reminders);
  settings.rules = GroupRules(settings);
  for (auto& rule : settings.rules) {
    rule.rule_id = domain::RuleId(rule.store_id, rule.kind, rule.models);
  }
  const YAML::Node listed = section.node().IsMap() ? section.node()["rules"] : YAML::Node();
  if (listed && !listed.IsSequence()) {
    throw config::ConfigError(section.PathOf("rules"), "must be a list of rules");
  }
  for (size_t i = 0; listed && i < listed.size(); ++i) {
    domain::Rule rule =
        ParseRule(config::Section(listed[i], section.PathOf("rules") + "[" + std::to_string(i) + "]"), service);
    std::erase_if(settings.rules, [&](const domain::Rule& seeded) { return seeded.rule_id == rule.rule_id; });
    settings.rules.push_back(std::move(rule));
  }
  settings.customers_address = section.Require("customers_address", "host:port of careloop-customers");
  settings.timer_batch = section.GetInt("timer_batch", settings.timer_batch, 1, 10'000);
  settings.timer_poll =
      Millis{section.GetInt("timer_poll_ms", static_cast<int>(settings.timer_poll.count()), 10, 60'000)};
  const config::Section campaigns = section.Child("campaigns");
  settings.campaigns.search_page = campaigns.GetInt("search_page", settings.campaigns.search_page, 1, 500);
  settings.campaigns.batch = campaigns.GetInt("batch", settings.campaigns.batch, 1, 10'000);
  settings.campaign_poll =
      Millis{campaigns.GetInt("poll_ms", static_cast<int>(settings.campaign_poll.count()), 10, 60'000)};
  return settings;
}

}  // namespace careloop::reminders
