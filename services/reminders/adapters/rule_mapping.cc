#include "services/reminders/adapters/rule_mapping.h"

#include <cctype>

#include "careloop/customer/v1/customer.pb.h"
#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/reminders/adapters/proto_mapping.h"

namespace careloop::reminders::adapters {
namespace {

namespace customer_pb = careloop::customer::v1;

constexpr std::string_view kChurnPrefix = "CHURN_STAGE_";

// Churn stages travel as the contract's enum and live in the rule as the CLI's words
// ("long_lost"): the contract's value name without its prefix, lower-cased.
std::string ChurnWord(int stage) {
  std::string name = customer_pb::ChurnStage_Name(static_cast<customer_pb::ChurnStage>(stage));
  name = name.starts_with(kChurnPrefix) ? name.substr(kChurnPrefix.size()) : name;
  for (char& c : name) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

std::optional<customer_pb::ChurnStage> ChurnStageOf(const std::string& word) {
  std::string name(kChurnPrefix);
  for (const char c : word) {
    name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  customer_pb::ChurnStage stage{};
  if (!customer_pb::ChurnStage_Parse(name, &stage) || stage == customer_pb::CHURN_STAGE_UNSPECIFIED) {
    return std::nullopt;
  }
  return stage;
}

}  // namespace

pb::ReminderRule ToProto(const domain::Rule& rule) {
  pb::ReminderRule out;
  out.set_rule_id(rule.rule_id);
  out.set_store_id(rule.store_id);
  out.set_kind(ToProto(rule.kind));
  out.set_enabled(rule.enabled);
  out.set_interval_months(rule.interval_months);
  out.set_interval_days(rule.interval_days);
  out.set_interval_km(rule.interval_km);
  for (const int lead : rule.lead_days) {
    out.add_lead_days(lead);
  }
  out.mutable_fire_time()->set_hours(rule.fire_time.minutes / 60);
  out.mutable_fire_time()->set_minutes(rule.fire_time.minutes % 60);
  out.set_channel_plan_id(rule.channel_plan_id);
  out.set_template_id(rule.template_id);
  for (const auto& model : rule.models) {
    out.add_models(model);
  }
  for (const auto& stage : rule.excluded_churn_stages) {
    if (const auto value = ChurnStageOf(stage)) {
      out.add_excluded_churn_stages(*value);
    }
  }
  if (rule.updated_at.time_since_epoch().count() != 0) {
    *out.mutable_updated_at() = events::ToTimestamp(rule.updated_at);
  }
  out.set_updated_by(rule.updated_by);
  out.set_follow_up_days(rule.follow_up_days);
  out.set_return_window_days(rule.return_window_days);
  return out;
}

Result<domain::Rule> RuleFromProto(const pb::ReminderRule& rule) {
  const auto kind = events::FromClient(kReminderKinds, rule.kind(), "rule.kind");
  if (!kind.ok()) {
    return kind.error();
  }
  domain::Rule out;
  out.rule_id = rule.rule_id();
  out.store_id = rule.store_id();
  out.kind = kind.value();
  out.enabled = rule.enabled();
  out.interval_months = rule.interval_months();
  out.interval_days = rule.interval_days();
  out.interval_km = rule.interval_km();
  out.lead_days.assign(rule.lead_days().begin(), rule.lead_days().end());
  if (rule.has_fire_time()) {
    const auto& time = rule.fire_time();
    if (time.hours() < 0 || time.hours() > 23 || time.minutes() < 0 || time.minutes() > 59) {
      return InvalidArgument("rule.fire_time", "must be a time of day 00:00–23:59");
    }
    out.fire_time = TimeOfDay{time.hours() * 60 + time.minutes()};
  } else {
    out.fire_time = domain::DefaultRule(out.kind).fire_time;
  }
  out.channel_plan_id = rule.channel_plan_id();
  out.template_id = rule.template_id();
  out.models.assign(rule.models().begin(), rule.models().end());
  for (const int stage : rule.excluded_churn_stages()) {
    if (stage == customer_pb::CHURN_STAGE_UNSPECIFIED || !customer_pb::ChurnStage_IsValid(stage)) {
      return InvalidArgument("rule.excluded_churn_stages", "unknown churn stage " + std::to_string(stage));
    }
    out.excluded_churn_stages.push_back(ChurnWord(stage));
  }
  if (rule.has_updated_at()) {
    out.updated_at = events::FromTimestamp(rule.updated_at());
  }
  out.updated_by = rule.updated_by();
  out.follow_up_days = rule.follow_up_days();
  out.return_window_days =
      rule.return_window_days() == 0 ? domain::DefaultRule(out.kind).return_window_days : rule.return_window_days();
  return out;
}

}  // namespace careloop::reminders::adapters
