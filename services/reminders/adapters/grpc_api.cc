#include "services/reminders/adapters/grpc_api.h"

#include "services/reminders/adapters/proto_mapping.h"

namespace careloop::reminders::adapters {

grpc::ServerUnaryReactor* RemindersApi::ListReminders(grpc::CallbackServerContext* context,
                                                      const pb::ListRemindersRequest* request,
                                                      pb::ListRemindersResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListReminders", [&](const auth::Principal& caller) -> Status {
    auto reminders = app_.List(caller, request->customer_id(), request->store_id());
    if (!reminders.ok()) {
      return reminders.error();
    }
    for (const auto& reminder : reminders.value()) {
      pb::Reminder record = ToProto(reminder);
      if (request->status() != pb::REMINDER_STATUS_UNSPECIFIED && record.status() != request->status()) {
        continue;
      }
      *response->add_reminders() = std::move(record);
    }
    response->mutable_page()->set_total_count(response->reminders_size());
    return Ok{};
  });
}

}  // namespace careloop::reminders::adapters
