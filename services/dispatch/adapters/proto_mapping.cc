#include "services/dispatch/adapters/proto_mapping.h"

#include "common/events/proto_event.h"
#include "services/dispatch/adapters/channel_plan_mapping.h"
#include "services/dispatch/adapters/enum_tables.h"

namespace careloop::dispatch::adapters {
namespace {

namespace reminder_pb = careloop::reminder::v1;

// Stored records are our own: an unknown value (written by a newer version) reads as the default.
domain::CareKind KindFromProto(reminder_pb::ReminderKind kind) {
  return kCareKinds.FromProto(kind).value_or(domain::CareKind::kFirstMaintenance);
}

pb::MessageStatus ToProto(domain::MessageStatus status) {
  return kMessageStatuses.ToProto(status).value_or(pb::MESSAGE_STATUS_UNSPECIFIED);
}

domain::MessageStatus StatusFromProto(pb::MessageStatus status) {
  return kMessageStatuses.FromProto(status).value_or(domain::MessageStatus::kQueued);
}

domain::Suppression SuppressionFromProto(pb::SuppressionReason reason) {
  return kSuppressions.FromProto(reason).value_or(domain::Suppression::kNone);
}

// Unset instants stay unset fields: calling mutable_x() would create an empty (1970) timestamp.
template <class Setter>
void SetIfSet(Instant instant, Setter mutable_field) {
  if (instant.time_since_epoch().count() != 0) {
    *mutable_field() = events::ToTimestamp(instant);
  }
}

Instant InstantOf(bool has, const google::protobuf::Timestamp& timestamp) {
  return has ? events::FromTimestamp(timestamp) : Instant{};
}

pb::AttemptOutcome ToProto(domain::VendorFault fault) {
  switch (fault) {
    case domain::VendorFault::kNone: return pb::ATTEMPT_OUTCOME_ACCEPTED;
    case domain::VendorFault::kThrottled: return pb::ATTEMPT_OUTCOME_THROTTLED;
    case domain::VendorFault::kTransient: return pb::ATTEMPT_OUTCOME_TRANSIENT;
    case domain::VendorFault::kPermanent: return pb::ATTEMPT_OUTCOME_PERMANENT;
    case domain::VendorFault::kUnknown: return pb::ATTEMPT_OUTCOME_UNKNOWN;
  }
  return pb::ATTEMPT_OUTCOME_UNSPECIFIED;
}

domain::VendorFault FaultFromProto(pb::AttemptOutcome outcome) {
  switch (outcome) {
    case pb::ATTEMPT_OUTCOME_THROTTLED: return domain::VendorFault::kThrottled;
    case pb::ATTEMPT_OUTCOME_TRANSIENT: return domain::VendorFault::kTransient;
    case pb::ATTEMPT_OUTCOME_PERMANENT: return domain::VendorFault::kPermanent;
    case pb::ATTEMPT_OUTCOME_UNKNOWN: return domain::VendorFault::kUnknown;
    default: return domain::VendorFault::kNone;
  }
}

pb::MessageAttempt ToProto(const domain::MessageAttempt& attempt) {
  pb::MessageAttempt out;
  out.set_channel(attempt.channel == "wechat" ? careloop::common::v1::CHANNEL_WECHAT
                                              : careloop::common::v1::CHANNEL_SMS);
  out.set_vendor(attempt.vendor);
  if (attempt.at.time_since_epoch().count() != 0) {
    *out.mutable_at() = events::ToTimestamp(attempt.at);
  }
  out.set_outcome(ToProto(attempt.fault));
  out.set_vendor_code(attempt.code);
  out.set_vendor_reason(attempt.reason);
  out.set_provider_message_id(attempt.provider_message_id);
  return out;
}

domain::MessageAttempt FromProto(const pb::MessageAttempt& attempt) {
  domain::MessageAttempt out;
  out.channel = attempt.channel() == careloop::common::v1::CHANNEL_WECHAT ? "wechat" : "sms";
  out.vendor = attempt.vendor();
  out.at = attempt.has_at() ? events::FromTimestamp(attempt.at()) : Instant{};
  out.fault = FaultFromProto(attempt.outcome());
  out.code = attempt.vendor_code();
  out.reason = attempt.vendor_reason();
  out.provider_message_id = attempt.provider_message_id();
  return out;
}

}  // namespace

reminder_pb::ReminderKind ToProto(domain::CareKind kind) {
  return kCareKinds.ToProto(kind).value_or(reminder_pb::REMINDER_KIND_UNSPECIFIED);
}

pb::SuppressionReason ToProto(domain::Suppression reason) {
  return kSuppressions.ToProto(reason).value_or(pb::SUPPRESSION_REASON_UNSPECIFIED);
}

pb::Message ToProto(const domain::Message& message) {
  pb::Message out;
  out.set_message_id(message.message_id);
  out.set_customer_id(message.customer_id);
  out.set_store_id(message.store_id);
  out.set_channel(ChannelToProto(message.channel));
  out.set_channel_plan_id(message.channel_plan_id);
  out.set_plan_step(message.plan_step);
  out.set_call_task_id(message.call_task_id);
  out.set_provider(message.provider);
  out.set_template_id(message.template_id);
  out.set_status(ToProto(message.status));
  SetCauseId(out, message);
  out.set_occurrence(message.occurrence);
  out.set_reminder_kind(ToProto(message.kind));
  out.set_rendered_text(message.rendered_text);
  out.set_masked_recipient(message.masked_recipient);
  SetIfSet(message.created_at, [&] { return out.mutable_created_at(); });
  SetIfSet(message.sent_at, [&] { return out.mutable_sent_at(); });
  SetIfSet(message.delivered_at, [&] { return out.mutable_delivered_at(); });
  SetIfSet(message.not_before, [&] { return out.mutable_not_before(); });
  out.set_provider_message_id(message.provider_message_id);
  out.set_failure_reason(message.failure_reason);
  out.set_attempt_count(message.attempts);
  out.set_suppression_reason(ToProto(message.suppression));
  out.set_merged_into(message.merged_into);
  for (const auto& attempt : message.attempt_log) {
    *out.add_attempts() = ToProto(attempt);
  }
  out.set_receipt_status_code(message.receipt_code);
  return out;
}

domain::Message FromProto(const pb::Message& message) {
  domain::Message out;
  out.message_id = message.message_id();
  out.customer_id = message.customer_id();
  out.store_id = message.store_id();
  out.channel = ChannelFromProto(message.channel());
  out.channel_plan_id = message.channel_plan_id();
  out.plan_step = message.plan_step();
  out.provider = message.provider();
  out.template_id = message.template_id();
  out.status = StatusFromProto(message.status());
  out.kind = KindFromProto(message.reminder_kind());
  out.cause_id = out.kind == domain::CareKind::kSurveyInvitation ? message.survey_id() : message.reminder_id();
  out.occurrence = message.occurrence();
  out.rendered_text = message.rendered_text();
  out.masked_recipient = message.masked_recipient();
  out.created_at = InstantOf(message.has_created_at(), message.created_at());
  out.sent_at = InstantOf(message.has_sent_at(), message.sent_at());
  out.delivered_at = InstantOf(message.has_delivered_at(), message.delivered_at());
  out.not_before = InstantOf(message.has_not_before(), message.not_before());
  out.provider_message_id = message.provider_message_id();
  out.failure_reason = message.failure_reason();
  out.attempts = message.attempt_count();
  out.suppression = SuppressionFromProto(message.suppression_reason());
  out.merged_into = message.merged_into();
  for (const auto& attempt : message.attempts()) {
    out.attempt_log.push_back(FromProto(attempt));
  }
  out.receipt_code = message.receipt_status_code();
  out.call_task_id = message.call_task_id();
  return out;
}

pb::ReplyClassification ToProto(domain::ReplyKind kind) {
  return kReplyKinds.ToProto(kind).value_or(pb::REPLY_CLASSIFICATION_UNSPECIFIED);
}

}  // namespace careloop::dispatch::adapters
