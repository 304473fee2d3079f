#include "services/dispatch/adapters/grpc_cause_check.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <map>

#include "common/grpc/server.h"

namespace careloop::dispatch::adapters {

namespace reminder_pb = careloop::reminder::v1;

GrpcCauseCheck::GrpcCauseCheck(const std::string& reminders_address, std::string service_token,
                               std::chrono::milliseconds deadline)
    : stub_(reminder_pb::RemindersService::NewStub(
          grpc::CreateChannel(reminders_address, grpc::InsecureChannelCredentials()))),
      token_(std::move(service_token)),
      deadline_(deadline) {}

namespace {

// Fired and unanswered; or fired, unanswered and already waiting for its next occurrence
// (the follow-up of an ignored maintenance reminder is scheduled the moment it fires).
bool Wants(const reminder_pb::Reminder& reminder, int occurrence) {
  return reminder.status() == reminder_pb::REMINDER_STATUS_DUE ||
         (reminder.status() == reminder_pb::REMINDER_STATUS_SCHEDULED && reminder.occurrence() > occurrence);
}

}  // namespace

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
  return Wants(response.reminder(), request.occurrence);
}

Result<std::vector<bool>> GrpcCauseCheck::StillWantedMany(const std::vector<domain::SendRequest>& requests) {
  std::vector<bool> wanted(requests.size(), true);  // survey invitations are wanted
  std::vector<size_t> asked;                        // indexes of the requests whose reminder is asked
  for (size_t i = 0; i < requests.size(); ++i) {
    if (requests[i].kind != domain::CareKind::kSurveyInvitation) {
      asked.push_back(i);
    }
  }
  for (size_t from = 0; from < asked.size(); from += kMaxPerCall) {
    const size_t to = std::min(asked.size(), from + kMaxPerCall);
    reminder_pb::GetRemindersRequest query;
    for (size_t k = from; k < to; ++k) {
      query.add_reminder_ids(requests[asked[k]].cause_id);
    }
    grpc::ClientContext context;
    grpcx::AddBearer(context, token_);
    context.set_deadline(std::chrono::system_clock::now() + deadline_);
    reminder_pb::GetRemindersResponse response;
    const grpc::Status status = stub_->GetReminders(&context, query, &response);
    if (!status.ok()) {
      return Error{ErrorCode::kUnavailable, "", "reminders.GetReminders: " + status.error_message()};
    }
    std::map<std::string, const reminder_pb::Reminder*> found;
    for (const auto& reminder : response.reminders()) {
      found[reminder.reminder_id()] = &reminder;
    }
    for (size_t k = from; k < to; ++k) {
      const domain::SendRequest& request = requests[asked[k]];
      const auto it = found.find(request.cause_id);
      // Not found: the reminders service does not know it (any more), as StillWanted answers.
      wanted[asked[k]] = it != found.end() && Wants(*it->second, request.occurrence);
    }
  }
  return wanted;
}

}  // namespace careloop::dispatch::adapters
