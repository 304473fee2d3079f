#include "services/dispatch/adapters/call_task_mapping.h"

#include "common/events/proto_event.h"
#include "services/dispatch/adapters/enum_tables.h"
#include "services/dispatch/adapters/proto_mapping.h"

namespace careloop::dispatch::adapters {
namespace {

namespace common_pb = careloop::common::v1;

bool IsSet(Instant instant) {
  return instant.time_since_epoch().count() != 0;
}

// Unset instants stay unset fields (no 1970 timestamps).
template <class Setter>
void SetIfSet(Instant instant, Setter mutable_field) {
  if (IsSet(instant)) {
    *mutable_field() = events::ToTimestamp(instant);
  }
}

Instant InstantOf(bool has, const google::protobuf::Timestamp& timestamp) {
  return has ? events::FromTimestamp(timestamp) : Instant{};
}

common_pb::Channel ChannelOf(domain::TaskChannel channel) {
  return channel == domain::TaskChannel::kFaceToFace ? common_pb::CHANNEL_FACE_TO_FACE : common_pb::CHANNEL_PHONE_CALL;
}

// The task's cause as the contract names it: a survey's id as survey_id, a reminder's as reminder_id.
template <class Proto>
void SetCause(Proto& proto, const domain::CallTask& task) {
  if (task.kind == domain::CareKind::kSurveyInvitation) {
    proto.set_survey_id(task.cause_id);
  } else {
    proto.set_reminder_id(task.cause_id);
  }
}

}  // namespace

pb::CallTask ToProto(const domain::CallTask& task) {
  pb::CallTask out;
  out.set_call_task_id(task.task_id);
  out.set_customer_id(task.customer_id);
  out.set_store_id(task.store_id);
  out.set_vehicle_id(task.vehicle_id);
  out.set_assignee(task.assignee);
  out.set_channel(ChannelOf(task.channel));
  out.set_reminder_kind(ToProto(task.kind));
  SetCause(out, task);
  out.set_occurrence(task.occurrence);
  out.set_message_id(task.message_id);
  out.set_case_id(task.case_id);
  out.set_script(task.script);
  SetIfSet(task.due_at, [&] { return out.mutable_due_at(); });
  out.set_status(kTaskStatuses.ToProto(task.status).value_or(pb::CALL_TASK_STATUS_UNSPECIFIED));
  if (task.outcome) {
    out.set_outcome(kCallOutcomes.ToProto(*task.outcome).value_or(pb::CALL_OUTCOME_UNSPECIFIED));
  }
  out.set_notes(task.notes);
  SetIfSet(task.callback_at, [&] { return out.mutable_callback_at(); });
  SetIfSet(task.created_at, [&] { return out.mutable_created_at(); });
  SetIfSet(task.completed_at, [&] { return out.mutable_completed_at(); });
  out.set_completed_by(task.completed_by);
  out.set_reason(task.reason);
  out.set_customer_name(task.customer_name);
  out.set_vehicle_label(task.car);
  out.set_late(task.late);
  out.set_escalated_to(task.escalated_to);
  SetIfSet(task.escalated_at, [&] { return out.mutable_escalated_at(); });
  out.set_appointment_id(task.appointment_id);
  return out;
}

domain::CallTask FromProto(const pb::CallTask& task) {
  domain::CallTask out;
  out.task_id = task.call_task_id();
  out.customer_id = task.customer_id();
  out.store_id = task.store_id();
  out.vehicle_id = task.vehicle_id();
  out.assignee = task.assignee();
  out.channel = task.channel() == common_pb::CHANNEL_FACE_TO_FACE ? domain::TaskChannel::kFaceToFace
                                                                  : domain::TaskChannel::kPhoneCall;
  out.kind = kCareKinds.FromProto(task.reminder_kind()).value_or(domain::CareKind::kWinBack);
  out.cause_id = out.kind == domain::CareKind::kSurveyInvitation ? task.survey_id() : task.reminder_id();
  out.survey_id = task.survey_id();
  out.occurrence = task.occurrence();
  out.message_id = task.message_id();
  out.case_id = task.case_id();
  out.script = task.script();
  out.due_at = InstantOf(task.has_due_at(), task.due_at());
  out.status = kTaskStatuses.FromProto(task.status()).value_or(domain::TaskStatus::kOpen);
  out.outcome = kCallOutcomes.FromProto(task.outcome());
  out.notes = task.notes();
  out.callback_at = InstantOf(task.has_callback_at(), task.callback_at());
  out.created_at = InstantOf(task.has_created_at(), task.created_at());
  out.completed_at = InstantOf(task.has_completed_at(), task.completed_at());
  out.completed_by = task.completed_by();
  out.reason = task.reason();
  out.customer_name = task.customer_name();
  out.car = task.vehicle_label();
  out.late = task.late();
  out.escalated_to = task.escalated_to();
  out.escalated_at = InstantOf(task.has_escalated_at(), task.escalated_at());
  out.appointment_id = task.appointment_id();
  return out;
}

pb::CallTaskCreated CreatedEvent(const domain::CallTask& task) {
  pb::CallTaskCreated created;
  created.set_call_task_id(task.task_id);
  created.set_customer_id(task.customer_id);
  created.set_store_id(task.store_id);
  created.set_vehicle_id(task.vehicle_id);
  created.set_assignee(task.assignee);
  created.set_channel(ChannelOf(task.channel));
  created.set_reminder_kind(ToProto(task.kind));
  SetCause(created, task);
  created.set_occurrence(task.occurrence);
  created.set_message_id(task.message_id);
  created.set_case_id(task.case_id);
  SetIfSet(task.due_at, [&] { return created.mutable_due_at(); });
  *created.mutable_occurred_at() = events::ToTimestamp(task.created_at);
  return created;
}

pb::CallTaskCompleted CompletedEvent(const domain::CallTask& task) {
  pb::CallTaskCompleted completed;
  completed.set_call_task_id(task.task_id);
  completed.set_customer_id(task.customer_id);
  completed.set_store_id(task.store_id);
  if (task.outcome) {
    completed.set_outcome(kCallOutcomes.ToProto(*task.outcome).value_or(pb::CALL_OUTCOME_UNSPECIFIED));
  }
  completed.set_completed_by(task.completed_by);
  *completed.mutable_completed_at() = events::ToTimestamp(task.completed_at);
  SetCause(completed, task);
  completed.set_occurrence(task.occurrence);
  completed.set_reminder_kind(ToProto(task.kind));
  completed.set_late(task.late);
  SetIfSet(task.callback_at, [&] { return completed.mutable_callback_at(); });
  completed.set_appointment_id(task.appointment_id);
  completed.set_channel(ChannelOf(task.channel));
  completed.set_vehicle_id(task.vehicle_id);
  return completed;
}

pb::CallTaskEscalated EscalatedEvent(const domain::CallTask& task) {
  pb::CallTaskEscalated escalated;
  escalated.set_call_task_id(task.task_id);
  escalated.set_customer_id(task.customer_id);
  escalated.set_store_id(task.store_id);
  escalated.set_assignee(task.assignee);
  escalated.set_escalated_to(task.escalated_to);
  SetIfSet(task.due_at, [&] { return escalated.mutable_due_at(); });
  *escalated.mutable_occurred_at() = events::ToTimestamp(task.escalated_at);
  escalated.set_reminder_kind(ToProto(task.kind));
  if (task.kind != domain::CareKind::kSurveyInvitation) {
    escalated.set_reminder_id(task.cause_id);
  }
  return escalated;
}

pb::CallTaskRescheduled RescheduledEvent(const domain::CallTask& task, const std::string& why, Instant now) {
  pb::CallTaskRescheduled rescheduled;
  rescheduled.set_call_task_id(task.task_id);
  rescheduled.set_customer_id(task.customer_id);
  rescheduled.set_store_id(task.store_id);
  rescheduled.set_assignee(task.assignee);
  SetIfSet(task.due_at, [&] { return rescheduled.mutable_due_at(); });
  rescheduled.set_reason(why);
  *rescheduled.mutable_occurred_at() = events::ToTimestamp(now);
  return rescheduled;
}

}  // namespace careloop::dispatch::adapters
