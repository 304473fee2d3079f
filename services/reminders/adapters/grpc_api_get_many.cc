// RemindersService.GetReminders: many reminders in one call (RemindersApp::GetMany).
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/proto_mapping.h"

namespace careloop::reminders::adapters {

grpc::ServerUnaryReactor* RemindersApi::GetReminders(grpc::CallbackServerContext* context,
                                                     const pb::GetRemindersRequest* request,
                                                     pb::GetRemindersResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetReminders", [&](const auth::Principal& caller) -> Status {
    const std::vector<std::string> ids(request->reminder_ids().begin(), request->reminder_ids().end());
    auto found = app_.GetMany(caller, ids);
    if (!found.ok()) {
      return found.error();
    }
    for (const auto& reminder : found->reminders) {
      *response->add_reminders() = ToProto(reminder);
    }
    for (const auto& id : found->not_found) {
      response->add_not_found_reminder_ids(id);
    }
    return Ok{};
  });
}

}  // namespace careloop::reminders::adapters
