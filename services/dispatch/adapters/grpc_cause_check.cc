#include "services/dispatch/adapters/grpc_cause_check.h"

#include <grpcpp/grpcpp.h>

#include "common/grpc/server.h"

namespace careloop::dispatch::adapters {

namespace reminder_pb = careloop::reminder::v1;

GrpcCauseCheck::GrpcCauseCheck(const std::string& reminders_address, std::string service_token,
                               std::chrono::milliseconds deadline)
    : stub_(reminder_pb::RemindersService::NewStub(
          grpc::CreateChannel(reminders_address, grpc::InsecureChannelCredentials()))),
      token_(std::move(service_token)),
      deadline_(deadline) {}

Result<bool> GrpcCauseCheck::StillWanted(const domain::SendRequest& request) {
  if (request.kind == domain::CareKind::kSurveyInvitation) {
    return true;
  }
  grpc::ClientContext context;
  grpcx::AddBearer(context, token_);
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  reminder_pb::GetReminderRequest query;
  query.set_reminder_id(request.cause_id);
  reminder_pb::GetReminderResponse response;
  const grpc::Status status = stub_->GetReminder(&context, query, &response);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return false;  // the reminders service does not know it (any more): nothing to remind of
  }
  if (!status.ok()) {
    return Error{ErrorCode::kUnavailable, "", "reminders.GetReminder: " + status.error_message()};
  }
  // Fired and unanswered; or fired, unanswered and already waiting for its next occurrence
  // (the follow-up of an ignored maintenance reminder is scheduled the moment it fires).
  const reminder_pb::Reminder& reminder = response.reminder();
  return reminder.status() == reminder_pb::REMINDER_STATUS_DUE ||
         (reminder.status() == reminder_pb::REMINDER_STATUS_SCHEDULED && reminder.occurrence() > request.occurrence);
}

}  // namespace careloop::dispatch::adapters
