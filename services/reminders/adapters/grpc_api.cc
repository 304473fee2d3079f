#include "services/reminders/adapters/grpc_api.h"

#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/reminders/adapters/proto_mapping.h"

namespace careloop::reminders::adapters {
namespace {

// The most reminders one due date range answers.
constexpr size_t kMaxDueInRange = 5000;

}  // namespace

grpc::ServerUnaryReactor* RemindersApi::ListReminders(grpc::CallbackServerContext* context,
                                                      const pb::ListRemindersRequest* request,
                                                      pb::ListRemindersResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListReminders", [&](const auth::Principal& caller) -> Status {
    const auto status = events::FilterFromClient(kReminderStatuses, request->status(), "status");
    if (!status.ok()) {
      return status.error();
    }
    // A due date range is the care calendar's question: the store's reminders due on those days.
    Result<std::vector<domain::Reminder>> reminders = std::vector<domain::Reminder>{};
    if (request->has_due()) {
      auto care = Served(parts_.care, "care calendar");
      if (!care.ok()) {
        return care.error();
      }
      reminders = care.value()->Upcoming(caller, request->store_id(), events::FromProto(request->due().start_date()),
                                         events::FromProto(request->due().end_date()), kMaxDueInRange);
    } else {
      reminders = app_.List(caller, request->customer_id(), request->store_id());
    }
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
