#pragma once

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/reminders/app/appointments_app.h"
#include "services/reminders/app/reminders_app.h"

namespace careloop::reminders::adapters {

/// careloop.reminder.v1.RemindersService. Methods not overridden answer UNIMPLEMENTED.
class RemindersApi final : public careloop::reminder::v1::RemindersService::CallbackService {
 public:
  RemindersApi(app::RemindersApp& app, app::AppointmentsApp& appointments, grpcx::HandlerContext handler)
      : app_(app), appointments_(appointments), handler_(handler) {}

  grpc::ServerUnaryReactor* ListReminders(grpc::CallbackServerContext* context,
                                          const careloop::reminder::v1::ListRemindersRequest* request,
                                          careloop::reminder::v1::ListRemindersResponse* response) override;

  grpc::ServerUnaryReactor* GetReminder(grpc::CallbackServerContext* context,
                                        const careloop::reminder::v1::GetReminderRequest* request,
                                        careloop::reminder::v1::GetReminderResponse* response) override;

  // Appointments (grpc_api_appointments.cc).
  grpc::ServerUnaryReactor* BookAppointment(grpc::CallbackServerContext* context,
                                            const careloop::reminder::v1::BookAppointmentRequest* request,
                                            careloop::reminder::v1::BookAppointmentResponse* response) override;
  grpc::ServerUnaryReactor* CancelAppointment(grpc::CallbackServerContext* context,
                                              const careloop::reminder::v1::CancelAppointmentRequest* request,
                                              careloop::reminder::v1::CancelAppointmentResponse* response) override;
  grpc::ServerUnaryReactor* ListAppointments(grpc::CallbackServerContext* context,
                                             const careloop::reminder::v1::ListAppointmentsRequest* request,
                                             careloop::reminder::v1::ListAppointmentsResponse* response) override;

 private:
  app::RemindersApp& app_;
  app::AppointmentsApp& appointments_;
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::reminders::adapters
