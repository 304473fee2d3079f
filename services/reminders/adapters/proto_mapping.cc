#include "services/reminders/adapters/proto_mapping.h"

#include "common/events/proto_event.h"
#include "services/reminders/adapters/enum_tables.h"

namespace careloop::reminders::adapters {

pb::ReminderKind ToProto(domain::ReminderKind kind) {
  return kReminderKinds.ToProto(kind).value_or(pb::REMINDER_KIND_UNSPECIFIED);
}

pb::Holiday ToProto(domain::Holiday holiday) {
  return kHolidays.ToProto(holiday).value_or(pb::HOLIDAY_UNSPECIFIED);
}

namespace {

// Stored records are our own: an unknown value (written by a newer version) reads as the default.
domain::ReminderKind KindFromProto(pb::ReminderKind kind) {
  return kReminderKinds.FromProto(kind).value_or(domain::ReminderKind::kFirstMaintenance);
}

pb::ReminderStatus ToProto(domain::ReminderStatus status) {
  return kReminderStatuses.ToProto(status).value_or(pb::REMINDER_STATUS_UNSPECIFIED);
}

domain::ReminderStatus StatusFromProto(pb::ReminderStatus status) {
  return kReminderStatuses.FromProto(status).value_or(domain::ReminderStatus::kScheduled);
}

}  // namespace

pb::Reminder ToProto(const domain::Reminder& reminder) {
  pb::Reminder out;
  out.set_reminder_id(reminder.reminder_id);
  out.set_customer_id(reminder.customer_id);
  out.set_vehicle_id(reminder.vehicle_id);
  out.set_store_id(reminder.store_id);
  out.set_kind(ToProto(reminder.kind));
  out.set_status(ToProto(reminder.status));
  *out.mutable_due_at() = events::ToTimestamp(reminder.due_at);
  *out.mutable_service_due_date() = events::ToProto(reminder.service_due_date);
  out.set_occurrence(reminder.occurrence);
  out.set_service_due_km(reminder.service_due_km);
  if (reminder.fired_at.time_since_epoch().count() != 0) {
    *out.mutable_fired_at() = events::ToTimestamp(reminder.fired_at);
  }
  out.set_reason(reminder.reason);
  out.set_policy_id(reminder.policy_id);
  out.set_lead_days(reminder.lead_days);
  out.set_rule_id(reminder.rule_id);
  out.set_campaign_id(reminder.campaign_id);
  out.set_appointment_id(reminder.appointment_id);
  out.set_visit_id(reminder.visit_id);
  out.set_case_id(reminder.case_id);
  out.set_advisor(reminder.advisor);
  out.set_survey_id(reminder.survey_id);
  if (reminder.holiday) {
    out.set_holiday(ToProto(*reminder.holiday));
  }
  out.set_template_id(reminder.template_id);
  out.set_channel_plan_id(reminder.channel_plan_id);
  if (reminder.anchor_date.IsValid()) {
    *out.mutable_anchor_date() = events::ToProto(reminder.anchor_date);
  }
  out.set_anchor_km(reminder.anchor_km);
  return out;
}

domain::Reminder FromProto(const pb::Reminder& reminder) {
  domain::Reminder out;
  out.reminder_id = reminder.reminder_id();
  out.customer_id = reminder.customer_id();
  out.vehicle_id = reminder.vehicle_id();
  out.store_id = reminder.store_id();
  out.kind = KindFromProto(reminder.kind());
  out.status = StatusFromProto(reminder.status());
  out.due_at = events::FromTimestamp(reminder.due_at());
  out.service_due_date = events::FromProto(reminder.service_due_date());
  out.occurrence = reminder.occurrence();
  out.service_due_km = reminder.service_due_km();
  out.fired_at = reminder.has_fired_at() ? events::FromTimestamp(reminder.fired_at()) : Instant{};
  out.reason = reminder.reason();
  out.policy_id = reminder.policy_id();
  out.lead_days = reminder.lead_days();
  out.rule_id = reminder.rule_id();
  out.campaign_id = reminder.campaign_id();
  out.appointment_id = reminder.appointment_id();
  out.visit_id = reminder.visit_id();
  out.case_id = reminder.case_id();
  out.advisor = reminder.advisor();
  out.survey_id = reminder.survey_id();
  out.holiday = kHolidays.FromProto(reminder.holiday());
  out.template_id = reminder.template_id();
  out.channel_plan_id = reminder.channel_plan_id();
  if (reminder.has_anchor_date()) {
    out.anchor_date = events::FromProto(reminder.anchor_date());
  }
  out.anchor_km = reminder.anchor_km();
  return out;
}

}  // namespace careloop::reminders::adapters
