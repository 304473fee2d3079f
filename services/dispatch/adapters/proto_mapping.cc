#include "services/dispatch/adapters/proto_mapping.h"

#include "common/events/proto_event.h"

namespace careloop::dispatch::adapters {
namespace {

namespace reminder_pb = careloop::reminder::v1;

domain::CareKind KindFromProto(reminder_pb::ReminderKind kind) {
  switch (kind) {
    case reminder_pb::REMINDER_KIND_SECOND_MAINTENANCE: return domain::CareKind::kSecondMaintenance;
    case reminder_pb::REMINDER_KIND_REGULAR_MAINTENANCE: return domain::CareKind::kRegularMaintenance;
    case reminder_pb::REMINDER_KIND_SURVEY_INVITATION: return domain::CareKind::kSurveyInvitation;
    default: return domain::CareKind::kFirstMaintenance;
  }
}

pb::MessageStatus ToProto(domain::MessageStatus status) {
  switch (status) {
    case domain::MessageStatus::kQueued: return pb::MESSAGE_STATUS_QUEUED;
    case domain::MessageStatus::kDeferred: return pb::MESSAGE_STATUS_DEFERRED;
    case domain::MessageStatus::kSent: return pb::MESSAGE_STATUS_SENT;
    case domain::MessageStatus::kFailed: return pb::MESSAGE_STATUS_FAILED;
    case domain::MessageStatus::kSuppressed: return pb::MESSAGE_STATUS_SUPPRESSED;
  }
  return pb::MESSAGE_STATUS_UNSPECIFIED;
}

domain::MessageStatus StatusFromProto(pb::MessageStatus status) {
  switch (status) {
    case pb::MESSAGE_STATUS_DEFERRED: return domain::MessageStatus::kDeferred;
    case pb::MESSAGE_STATUS_SENT: return domain::MessageStatus::kSent;
    case pb::MESSAGE_STATUS_FAILED: return domain::MessageStatus::kFailed;
    case pb::MESSAGE_STATUS_SUPPRESSED: return domain::MessageStatus::kSuppressed;
    default: return domain::MessageStatus::kQueued;
  }
}

domain::Suppression SuppressionFromProto(pb::SuppressionReason reason) {
  switch (reason) {
    case pb::SUPPRESSION_REASON_NO_CONSENT: return domain::Suppression::kNoConsent;
    case pb::SUPPRESSION_REASON_FREQUENCY_CAP: return domain::Suppression::kFrequencyCap;
    case pb::SUPPRESSION_REASON_NO_CONTACT: return domain::Suppression::kNoContact;
    case pb::SUPPRESSION_REASON_CUSTOMER_UNKNOWN: return domain::Suppression::kCustomerUnknown;
    default: return domain::Suppression::kNone;
  }
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

}  // namespace

reminder_pb::ReminderKind ToProto(domain::CareKind kind) {
  switch (kind) {
    case domain::CareKind::kFirstMaintenance: return reminder_pb::REMINDER_KIND_FIRST_MAINTENANCE;
    case domain::CareKind::kSecondMaintenance: return reminder_pb::REMINDER_KIND_SECOND_MAINTENANCE;
    case domain::CareKind::kRegularMaintenance: return reminder_pb::REMINDER_KIND_REGULAR_MAINTENANCE;
    case domain::CareKind::kSurveyInvitation: return reminder_pb::REMINDER_KIND_SURVEY_INVITATION;
  }
  return reminder_pb::REMINDER_KIND_UNSPECIFIED;
}

pb::SuppressionReason ToProto(domain::Suppression reason) {
  switch (reason) {
    case domain::Suppression::kNoConsent: return pb::SUPPRESSION_REASON_NO_CONSENT;
    case domain::Suppression::kFrequencyCap: return pb::SUPPRESSION_REASON_FREQUENCY_CAP;
    case domain::Suppression::kNoContact: return pb::SUPPRESSION_REASON_NO_CONTACT;
    case domain::Suppression::kCustomerUnknown: return pb::SUPPRESSION_REASON_CUSTOMER_UNKNOWN;
    case domain::Suppression::kNone: return pb::SUPPRESSION_REASON_UNSPECIFIED;
  }
  return pb::SUPPRESSION_REASON_UNSPECIFIED;
}

pb::Message ToProto(const domain::Message& message) {
  pb::Message out;
  out.set_message_id(message.message_id);
  out.set_customer_id(message.customer_id);
  out.set_store_id(message.store_id);
  out.set_channel(careloop::common::v1::CHANNEL_SMS);
  out.set_provider(message.provider);
  out.set_template_id(message.template_id);
  out.set_status(ToProto(message.status));
  if (message.kind == domain::CareKind::kSurveyInvitation) {
    out.set_survey_id(message.cause_id);
  } else {
    out.set_reminder_id(message.cause_id);
  }
  out.set_occurrence(message.occurrence);
  out.set_reminder_kind(ToProto(message.kind));
  out.set_rendered_text(message.rendered_text);
  out.set_masked_recipient(message.masked_recipient);
  SetIfSet(message.created_at, [&] { return out.mutable_created_at(); });
  SetIfSet(message.sent_at, [&] { return out.mutable_sent_at(); });
  SetIfSet(message.not_before, [&] { return out.mutable_not_before(); });
  out.set_provider_message_id(message.provider_message_id);
  out.set_failure_reason(message.failure_reason);
  out.set_attempt_count(message.attempts);
  out.set_suppression_reason(ToProto(message.suppression));
  return out;
}

domain::Message FromProto(const pb::Message& message) {
  domain::Message out;
  out.message_id = message.message_id();
  out.customer_id = message.customer_id();
  out.store_id = message.store_id();
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
  out.not_before = InstantOf(message.has_not_before(), message.not_before());
  out.provider_message_id = message.provider_message_id();
  out.failure_reason = message.failure_reason();
  out.attempts = message.attempt_count();
  out.suppression = SuppressionFromProto(message.suppression_reason());
  return out;
}

pb::ReplyClassification ToProto(domain::ReplyKind kind) {
  switch (kind) {
    case domain::ReplyKind::kOptOut: return pb::REPLY_CLASSIFICATION_OPT_OUT;
    case domain::ReplyKind::kOptIn: return pb::REPLY_CLASSIFICATION_OPT_IN;
    case domain::ReplyKind::kConfirm: return pb::REPLY_CLASSIFICATION_CONFIRM;
    case domain::ReplyKind::kSurveyAnswer: return pb::REPLY_CLASSIFICATION_SURVEY_ANSWER;
    case domain::ReplyKind::kOther: return pb::REPLY_CLASSIFICATION_OTHER;
  }
  return pb::REPLY_CLASSIFICATION_UNSPECIFIED;
}

}  // namespace careloop::dispatch::adapters
