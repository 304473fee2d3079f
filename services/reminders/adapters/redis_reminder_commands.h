#pragma once

// Internal to the reminders' Redis store (redis_reminder_repository.cc, redis_reminder_replan.cc):
// the commands that write a reminder with its event, shared by both files.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/outbox/outbox.h"
#include "common/redis/client.h"
#include "services/reminders/adapters/proto_mapping.h"
#include "services/reminders/adapters/redis_keys.h"

namespace careloop::reminders::adapters::store {

inline constexpr const char* kSource = "/careloop/reminders";
inline constexpr int kMaxAttempts = 8;

inline int64_t Ms(Instant instant) {
  return instant.time_since_epoch().count();
}

// Event ids derive from the reminder and what happened to it, so a re-run of the same step
// (after a crash between write and acknowledgement) publishes an event consumers dedupe.
inline redis::Command Publish(const google::protobuf::Message& payload, const std::string& customer_id,
                              const std::string& event_id, Instant time) {
  return outbox::AppendCommand(keys::kOutbox, kafka::kReminderTopic,
                               events::MakeEvent(payload, kSource, customer_id, event_id, time));
}

// The fields every reminder event names the reminder by.
template <typename Event>
Event About(const domain::Reminder& reminder, Instant now) {
  Event event;
  event.set_reminder_id(reminder.reminder_id);
  event.set_customer_id(reminder.customer_id);
  event.set_store_id(reminder.store_id);
  event.set_vehicle_id(reminder.vehicle_id);
  event.set_kind(ToProto(reminder.kind));
  *event.mutable_occurred_at() = events::ToTimestamp(now);
  return event;
}

// What else the reminder came from (campaign, appointment, case, holiday), on the events that
// announce its schedule and its firing.
template <typename Event>
void SetLinks(const domain::Reminder& reminder, Event& event) {
  event.set_campaign_id(reminder.campaign_id);
  event.set_appointment_id(reminder.appointment_id);
  event.set_case_id(reminder.case_id);
  if (reminder.holiday) {
    event.set_holiday(ToProto(*reminder.holiday));
  }
}

inline redis::Command PublishMissed(const domain::Reminder& reminder, Instant now) {
  auto missed = About<pb::ReminderMissed>(reminder, now);
  *missed.mutable_service_due_date() = events::ToProto(reminder.service_due_date);
  missed.set_reason(reminder.reason);
  return Publish(missed, reminder.customer_id, DerivedId("evt-", {"missed", reminder.reminder_id}), now);
}

inline std::vector<redis::Command> ScheduleCommands(const domain::Reminder& reminder, Instant now) {
  const std::string due = std::to_string(Ms(reminder.due_at));
  std::vector<redis::Command> writes{
      {"ZADD", keys::OfCustomer(reminder.customer_id), due, reminder.reminder_id},
      {"ZADD", keys::OfStore(reminder.store_id), due, reminder.reminder_id},
  };
  if (reminder.status == domain::ReminderStatus::kMissed) {
    writes.push_back(PublishMissed(reminder, now));
    return writes;
  }
  auto scheduled = About<pb::ReminderScheduled>(reminder, now);
  *scheduled.mutable_due_at() = events::ToTimestamp(reminder.due_at);
  *scheduled.mutable_service_due_date() = events::ToProto(reminder.service_due_date);
  scheduled.set_occurrence(reminder.occurrence);
  scheduled.set_service_due_km(reminder.service_due_km);
  scheduled.set_rule_id(reminder.rule_id);
  SetLinks(reminder, scheduled);
  writes.push_back({"ZADD", keys::kTimers, due, reminder.reminder_id});
  if (!reminder.vehicle_id.empty()) {  // customer-level reminders (greetings, campaigns) have no car
    writes.push_back({"SADD", keys::PendingOfVehicle(reminder.vehicle_id), reminder.reminder_id});
  }
  writes.push_back(
      Publish(scheduled, reminder.customer_id, DerivedId("evt-", {"scheduled", reminder.reminder_id}), now));
  return writes;
}

// Closes an open reminder — done, cancelled or missed, as `closed` says —: the record, off the
// timers, leases and the vehicle's open set, and `announce` (its event) published with it.
inline std::vector<redis::Command> CloseCommands(const domain::Reminder& closed, redis::Command announce) {
  std::vector<redis::Command> writes{
      {"SET", keys::Reminder(closed.reminder_id), ToProto(closed).SerializeAsString()},
      {"ZREM", keys::kTimers, closed.reminder_id},
      {"ZREM", keys::kLeases, closed.reminder_id},
  };
  if (!closed.vehicle_id.empty()) {
    writes.push_back({"SREM", keys::PendingOfVehicle(closed.vehicle_id), closed.reminder_id});
  }
  writes.push_back(std::move(announce));
  return writes;
}

// Marks an open reminder done (answered by `visit_id`), with ReminderCompleted.
inline std::vector<redis::Command> CompleteCommands(domain::Reminder reminder, const std::string& visit_id,
                                                    const std::string& reason, Instant now) {
  reminder.status = domain::ReminderStatus::kDone;
  reminder.reason = "done: " + reason;
  auto completed = About<pb::ReminderCompleted>(reminder, now);
  completed.set_visit_id(visit_id);
  return CloseCommands(
      reminder, Publish(completed, reminder.customer_id, DerivedId("evt-", {"completed", reminder.reminder_id}), now));
}

// Cancels an open reminder with ReminderCancelled and `reason`.
inline std::vector<redis::Command> CancelCommands(domain::Reminder reminder, const std::string& reason, Instant now) {
  reminder.status = domain::ReminderStatus::kCancelled;
  reminder.reason = "cancelled: " + reason;
  auto event = About<pb::ReminderCancelled>(reminder, now);
  event.set_occurrence(reminder.occurrence);
  event.set_reason(reason);
  return CloseCommands(
      reminder, Publish(event, reminder.customer_id, DerivedId("evt-", {"cancelled", reminder.reminder_id}), now));
}

inline std::vector<std::string> Ids(const redis::Reply& reply) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < reply.Size(); ++i) {
    ids.emplace_back(redis::ElementStr(reply.Element(i)));
  }
  return ids;
}

inline std::optional<domain::Reminder> Parse(std::string_view blob) {
  pb::Reminder record;
  if (!record.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) {
    return std::nullopt;
  }
  return FromProto(record);
}

// The surveys service's cue of a survey invitation's firing (published with its ReminderDue):
// a reminder with a visit follows up that visit (service survey), one without a delivery.
inline redis::Command PublishSurveyInvitationDue(const domain::Reminder& reminder, Instant fired_at) {
  pb::SurveyInvitationDue due;
  due.set_reminder_id(reminder.reminder_id);
  due.set_customer_id(reminder.customer_id);
  due.set_store_id(reminder.store_id);
  due.set_survey_kind(reminder.visit_id.empty() ? careloop::survey::v1::SURVEY_KIND_SALES_DELIVERY
                                                : careloop::survey::v1::SURVEY_KIND_SERVICE_VISIT);
  due.set_vehicle_id(reminder.vehicle_id);
  due.set_visit_id(reminder.visit_id);
  due.set_advisor(reminder.advisor);
  due.set_occurrence(reminder.occurrence);
  *due.mutable_due_at() = events::ToTimestamp(reminder.due_at);
  *due.mutable_fired_at() = events::ToTimestamp(fired_at);
  if (reminder.anchor_date.IsSet()) {
    *due.mutable_occasion_date() = events::ToProto(reminder.anchor_date);  // the visit's or delivery's day
  }
  return Publish(due, reminder.customer_id,
                 DerivedId("evt-", {"survey-due", reminder.reminder_id, std::to_string(reminder.occurrence)}),
                 fired_at);
}

// The surveys service's cue of a survey's answer-window timer (published with its ReminderDue):
// SurveyReminderDue for the non-responder reminder, SurveyWindowClosed for the close.
template <typename Event>
Event SurveyWindowEvent(const domain::Reminder& reminder, Instant fired_at) {
  Event event;
  event.set_reminder_id(reminder.reminder_id);
  event.set_customer_id(reminder.customer_id);
  event.set_store_id(reminder.store_id);
  event.set_survey_id(reminder.survey_id);
  event.set_occurrence(reminder.occurrence);
  *event.mutable_due_at() = events::ToTimestamp(reminder.due_at);
  *event.mutable_fired_at() = events::ToTimestamp(fired_at);
  return event;
}

inline redis::Command PublishSurveyWindowDue(const domain::Reminder& reminder, Instant fired_at) {
  const std::string event_id =
      DerivedId("evt-", {"survey-window", reminder.reminder_id, std::to_string(reminder.occurrence)});
  if (reminder.kind == domain::ReminderKind::kSurveyReminder) {
    return Publish(SurveyWindowEvent<pb::SurveyReminderDue>(reminder, fired_at), reminder.customer_id, event_id,
                   fired_at);
  }
  return Publish(SurveyWindowEvent<pb::SurveyWindowClosed>(reminder, fired_at), reminder.customer_id, event_id,
                 fired_at);
}

// A claimed, scheduled reminder marked due at `fired_at`: its record, its lease released and its
// ReminderDue published, to be written in one atomic step.
inline std::vector<redis::Command> DueCommands(domain::Reminder reminder, Instant fired_at) {
  reminder.status = domain::ReminderStatus::kDue;
  reminder.fired_at = fired_at;
  pb::ReminderDue due;
  due.set_reminder_id(reminder.reminder_id);
  due.set_customer_id(reminder.customer_id);
  due.set_vehicle_id(reminder.vehicle_id);
  due.set_store_id(reminder.store_id);
  due.set_kind(ToProto(reminder.kind));
  due.set_occurrence(reminder.occurrence);
  *due.mutable_service_due_date() = events::ToProto(reminder.service_due_date);
  due.set_service_due_km(reminder.service_due_km);
  *due.mutable_due_at() = events::ToTimestamp(reminder.due_at);
  *due.mutable_fired_at() = events::ToTimestamp(fired_at);
  SetLinks(reminder, due);
  due.set_policy_id(reminder.policy_id);
  due.set_lead_days(reminder.lead_days);
  due.set_visit_id(reminder.visit_id);
  due.set_template_id(reminder.template_id);
  due.set_channel_plan_id(reminder.channel_plan_id);
  std::vector<redis::Command> writes{
      {"SET", keys::Reminder(reminder.reminder_id), ToProto(reminder).SerializeAsString()},
      {"ZREM", keys::kLeases, reminder.reminder_id},
      Publish(due, reminder.customer_id,
              DerivedId("evt-", {"due", reminder.reminder_id, std::to_string(reminder.occurrence)}), fired_at),
  };
  if (reminder.kind == domain::ReminderKind::kSurveyInvitation) {
    writes.push_back(PublishSurveyInvitationDue(reminder, fired_at));
  }
  if (reminder.kind == domain::ReminderKind::kCaseFollowUp) {
    // The surveys service's cue (docs/cases.md): it escalates a case still open at its deadline.
    pb::CaseFollowUpDue follow_up;
    follow_up.set_reminder_id(reminder.reminder_id);
    follow_up.set_customer_id(reminder.customer_id);
    follow_up.set_store_id(reminder.store_id);
    follow_up.set_case_id(reminder.case_id);
    follow_up.set_occurrence(reminder.occurrence);
    *follow_up.mutable_due_at() = events::ToTimestamp(reminder.due_at);
    *follow_up.mutable_fired_at() = events::ToTimestamp(fired_at);
    writes.push_back(Publish(
        follow_up, reminder.customer_id,
        DerivedId("evt-", {"case-follow-up", reminder.reminder_id, std::to_string(reminder.occurrence)}), fired_at));
  }
  if (reminder.kind == domain::ReminderKind::kSurveyReminder ||
      reminder.kind == domain::ReminderKind::kSurveyWindowClose) {
    writes.push_back(PublishSurveyWindowDue(reminder, fired_at));
  }
  return writes;
}

}  // namespace careloop::reminders::adapters::store
