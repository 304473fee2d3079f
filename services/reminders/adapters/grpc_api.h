#pragma once

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/reminders/app/care_report_app.h"
#include "services/reminders/app/reminders_app.h"

namespace careloop::reminders::adapters {

/// careloop.reminder.v1.RemindersService. Methods not overridden answer UNIMPLEMENTED.
class RemindersApi final : public careloop::reminder::v1::RemindersService::CallbackService {
 public:
  RemindersApi(app::RemindersApp& app, app::CareReportApp& care, grpcx::HandlerContext handler)
      : app_(app), care_(care), handler_(handler) {}

  grpc::ServerUnaryReactor* ListReminders(grpc::CallbackServerContext* context,
                                          const careloop::reminder::v1::ListRemindersRequest* request,
                                          careloop::reminder::v1::ListRemindersResponse* response) override;

  grpc::ServerUnaryReactor* GetReminder(grpc::CallbackServerContext* context,
                                        const careloop::reminder::v1::GetReminderRequest* request,
                                        careloop::reminder::v1::GetReminderResponse* response) override;

  /// Defined in grpc_api_report.cc.
  grpc::ServerUnaryReactor* GetCareReport(grpc::CallbackServerContext* context,
                                          const careloop::reminder::v1::GetCareReportRequest* request,
                                          careloop::reminder::v1::GetCareReportResponse* response) override;

 private:
  app::RemindersApp& app_;
  app::CareReportApp& care_;
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::reminders::adapters
