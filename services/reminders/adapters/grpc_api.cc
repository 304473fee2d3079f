#include "services/reminders/adapters/grpc_api.h"

#include "common/events/enum_input.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/reminders/adapters/proto_mapping.h"

namespace careloop::reminders::adapters {

grpc::ServerUnaryReactor* RemindersApi::ListReminders(grpc::CallbackServerContext* context,
                                                      const pb::ListRemindersRequest* request,
                                                      pb::ListRemindersResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListReminders", [&](const auth::Principal& caller) -> Status {
    const auto status = events::FilterFromClient(kReminderStatuses, request->status(), "status");
    if (!status.ok()) {
      return status.error();
    }
    auto reminders = app_.List(caller, request->customer_id(), request->store_id());
    if (!reminders.ok()) {
      return reminders.error();
    }
    for (const auto& reminder : reminders.value()) {
      if (!status.value() || reminder.status == *status.value()) {
        *response->add_reminders() = ToProto(reminder);
      }
    }
    response->mutable_page()->set_total_count(response->reminders_size());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* RemindersApi::GetReminder(grpc::CallbackServerContext* context,
                                                    const pb::GetReminderRequest* request,
                                                    pb::GetReminderResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetReminder", [&](const auth::Principal& caller) -> Status {
    auto reminder = app_.Get(caller, request->reminder_id());
    if (!reminder.ok()) {
      return reminder.error();
    }
    *response->mutable_reminder() = ToProto(reminder.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* RemindersApi::CancelReminder(grpc::CallbackServerContext* context,
                                                       const pb::CancelReminderRequest* request,
                                                       pb::CancelReminderResponse* response) {
  return grpcx::RunUnary(context, handler_, "CancelReminder", [&](const auth::Principal& caller) -> Status {
    auto reminder = app_.Cancel(caller, request->reminder_id(), request->reason());
    if (!reminder.ok()) {
      return reminder.error();
    }
    *response->mutable_reminder() = ToProto(reminder.value());
    return Ok{};
  });
}

}  // namespace careloop::reminders::adapters
