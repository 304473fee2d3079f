#include "services/dispatch/adapters/proto_mapping_policy.h"

#include "common/events/proto_event.h"
#include "services/dispatch/adapters/enum_tables.h"

namespace careloop::dispatch::adapters {
namespace {

namespace common_pb = careloop::common::v1;

common_pb::TimeOfDay ToProto(TimeOfDay time) {
  common_pb::TimeOfDay out;
  out.set_hours(time.minutes / 60);
  out.set_minutes(time.minutes % 60);
  return out;
}

pb::QuietHours ToProto(const domain::QuietHours& quiet) {
  pb::QuietHours out;
  *out.mutable_start() = ToProto(quiet.start);
  *out.mutable_end() = ToProto(quiet.end);
  return out;
}

Result<TimeOfDay> FromProto(const common_pb::TimeOfDay& time, const std::string& field) {
  if (time.hours() < 0 || time.hours() > 23 || time.minutes() < 0 || time.minutes() > 59) {
    return InvalidArgument(field, "must be a time of day (hours 0-23, minutes 0-59), got " +
                                      std::to_string(time.hours()) + ":" + std::to_string(time.minutes()));
  }
  return TimeOfDay{time.hours() * 60 + time.minutes()};
}

Result<domain::QuietHours> FromProto(const pb::QuietHours& quiet, const std::string& field) {
  auto start = FromProto(quiet.start(), field + ".start");
  if (!start.ok()) {
    return start.error();
  }
  auto end = FromProto(quiet.end(), field + ".end");
  if (!end.ok()) {
    return end.error();
  }
  return domain::QuietHours{start.value(), end.value()};
}

pb::SameDayRule ToProto(domain::SameDayRule rule) {
  switch (rule) {
    case domain::SameDayRule::kLowerPriorityYields: return pb::SAME_DAY_RULE_LOWER_PRIORITY_YIELDS;
    case domain::SameDayRule::kDefer: return pb::SAME_DAY_RULE_DEFER;
    case domain::SameDayRule::kSendBoth: return pb::SAME_DAY_RULE_SEND_BOTH;
  }
  return pb::SAME_DAY_RULE_UNSPECIFIED;
}

}  // namespace

pb::ContactPolicy ToProto(const domain::StorePolicy& policy) {
  pb::ContactPolicy out;
  out.set_store_id(policy.store_id);
  *out.mutable_marketing_quiet_hours() = ToProto(policy.marketing_quiet);
  *out.mutable_service_quiet_hours() = ToProto(policy.care_quiet);
  if (policy.critical_quiet) {
    *out.mutable_critical_quiet_hours() = ToProto(*policy.critical_quiet);
  }
  out.set_max_marketing_per_day(policy.max_marketing_per_day);
  out.set_max_marketing_per_week(policy.max_marketing_per_week);
  out.set_max_care_per_day(policy.max_care_per_day);
  out.set_max_care_per_week(policy.max_care_per_week);
  out.set_same_day_rule(ToProto(policy.same_day_rule));
  for (domain::CareKind kind : policy.priority) {
    out.add_priority(kCareKinds.ToProto(kind).value_or(careloop::reminder::v1::REMINDER_KIND_UNSPECIFIED));
  }
  for (domain::CareKind kind : {domain::CareKind::kAppointmentConfirmation}) {
    out.add_service_kinds(kCareKinds.ToProto(kind).value_or(careloop::reminder::v1::REMINDER_KIND_UNSPECIFIED));
  }
  if (policy.updated_at != Instant{}) {
    *out.mutable_updated_at() = events::ToTimestamp(policy.updated_at);
  }
  out.set_updated_by(policy.updated_by);
  return out;
}

Result<domain::StorePolicy> FromProto(const pb::ContactPolicy& policy) {
  domain::StorePolicy out;
  out.store_id = policy.store_id();
  auto marketing = FromProto(policy.marketing_quiet_hours(), "policy.marketing_quiet_hours");
  if (!marketing.ok()) {
    return marketing.error();
  }
  out.marketing_quiet = marketing.value();
  auto care = FromProto(policy.service_quiet_hours(), "policy.service_quiet_hours");
  if (!care.ok()) {
    return care.error();
  }
  out.care_quiet = care.value();
  if (policy.has_critical_quiet_hours()) {
    auto critical = FromProto(policy.critical_quiet_hours(), "policy.critical_quiet_hours");
    if (!critical.ok()) {
      return critical.error();
    }
    out.critical_quiet = critical.value();
  }
  out.max_marketing_per_day = policy.max_marketing_per_day();
  out.max_marketing_per_week = policy.max_marketing_per_week();
  out.max_care_per_day = policy.max_care_per_day();
  out.max_care_per_week = policy.max_care_per_week();
  switch (policy.same_day_rule()) {
    case pb::SAME_DAY_RULE_UNSPECIFIED:
    case pb::SAME_DAY_RULE_LOWER_PRIORITY_YIELDS: out.same_day_rule = domain::SameDayRule::kLowerPriorityYields; break;
    case pb::SAME_DAY_RULE_DEFER: out.same_day_rule = domain::SameDayRule::kDefer; break;
    case pb::SAME_DAY_RULE_SEND_BOTH: out.same_day_rule = domain::SameDayRule::kSendBoth; break;
    default:
      return InvalidArgument("policy.same_day_rule",
                             "unknown rule " + std::to_string(static_cast<int>(policy.same_day_rule())));
  }
  for (int i = 0; i < policy.priority_size(); ++i) {
    const auto kind = kCareKinds.FromProto(policy.priority(i));
    if (!kind) {
      return InvalidArgument("policy.priority", "entry " + std::to_string(i) + " is not a known reminder kind (" +
                                                    std::to_string(policy.priority(i)) + ")");
    }
    out.priority.push_back(*kind);
  }
  if (policy.has_updated_at()) {
    out.updated_at = events::FromTimestamp(policy.updated_at());
  }
  out.updated_by = policy.updated_by();
  return out;
}

pb::Template ToProto(const domain::StoreTemplate& tmpl) {
  pb::Template out;
  out.set_template_id(tmpl.template_id);
  out.set_store_id(tmpl.store_id);
  out.set_kind(kCareKinds.ToProto(tmpl.kind).value_or(careloop::reminder::v1::REMINDER_KIND_UNSPECIFIED));
  out.set_channel(tmpl.channel == domain::TemplateChannel::kWechat ? common_pb::CHANNEL_WECHAT
                                                                   : common_pb::CHANNEL_SMS);
  out.set_language("zh-CN");
  out.set_name(tmpl.name);
  out.set_body(tmpl.body);
  out.set_provider_template_code(tmpl.provider_template_code);
  out.set_signature(tmpl.sign_name);
  out.set_marketing(domain::ClassOf(tmpl.kind) == domain::MessageClass::kMarketing);
  out.set_enabled(tmpl.enabled);
  out.set_display_name(tmpl.display_name);
  for (const auto& keyword : tmpl.keywords) {
    auto* added = out.add_keywords();
    added->set_key(keyword.key);
    added->set_value(keyword.value);
  }
  if (tmpl.updated_at != Instant{}) {
    *out.mutable_updated_at() = events::ToTimestamp(tmpl.updated_at);
  }
  return out;
}

Result<domain::TemplateChannel> TemplateChannelFromProto(int channel, const std::string& field) {
  switch (channel) {
    case common_pb::CHANNEL_SMS: return domain::TemplateChannel::kSms;
    case common_pb::CHANNEL_WECHAT: return domain::TemplateChannel::kWechat;
    default:
      return InvalidArgument(field,
                             "templates are for SMS or WECHAT (a call task's script is written with the task), "
                             "got " +
                                 std::to_string(channel));
  }
}

Result<domain::StoreTemplate> FromProto(const pb::Template& tmpl) {
  domain::StoreTemplate out;
  const auto kind = kCareKinds.FromProto(tmpl.kind());
  if (!kind) {
    return InvalidArgument(
        "message_template.kind",
        tmpl.kind() == 0 ? "is required" : "is not a known reminder kind (" + std::to_string(tmpl.kind()) + ")");
  }
  out.kind = *kind;
  auto channel = TemplateChannelFromProto(tmpl.channel(), "message_template.channel");
  if (!channel.ok()) {
    return channel.error();
  }
  out.channel = channel.value();
  out.template_id = tmpl.template_id();
  out.store_id = tmpl.store_id();
  out.name = tmpl.name();
  out.body = tmpl.body();
  out.provider_template_code = tmpl.provider_template_code();
  out.sign_name = tmpl.signature();
  out.enabled = tmpl.enabled();
  out.display_name = tmpl.display_name();
  for (const auto& keyword : tmpl.keywords()) {
    out.keywords.push_back({keyword.key(), keyword.value()});
  }
  if (tmpl.has_updated_at()) {
    out.updated_at = events::FromTimestamp(tmpl.updated_at());
  }
  return out;
}

}  // namespace careloop::dispatch::adapters
