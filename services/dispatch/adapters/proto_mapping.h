#pragma once

#include "careloop/dispatch/v1/events.pb.h"
#include "careloop/dispatch/v1/message.pb.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::adapters {

namespace pb = careloop::dispatch::v1;

/// The ledger stores and the API returns careloop.dispatch.v1.Message.
[[nodiscard]] pb::Message ToProto(const domain::Message& message);
[[nodiscard]] domain::Message FromProto(const pb::Message& message);
[[nodiscard]] pb::SuppressionReason ToProto(domain::Suppression reason);
[[nodiscard]] careloop::reminder::v1::ReminderKind ToProto(domain::CareKind kind);

[[nodiscard]] pb::ReplyClassification ToProto(domain::ReplyKind kind);

/// Sets the message's cause on a Message or an event: a survey's id as survey_id, a reminder's as
/// reminder_id — never one in the other's field.
template <typename Proto>
void SetCauseId(Proto& proto, const domain::Message& message) {
  if (message.kind == domain::CareKind::kSurveyInvitation) {
    proto.set_survey_id(message.cause_id);
  } else {
    proto.set_reminder_id(message.cause_id);
  }
}

}  // namespace careloop::dispatch::adapters
