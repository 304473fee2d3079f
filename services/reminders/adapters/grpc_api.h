#pragma once

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/reminders/app/appointments_app.h"
#include "services/reminders/app/campaigns_app.h"
#include "services/reminders/app/care_report_app.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/app/rules_app.h"

namespace careloop::reminders::adapters {

/// The use cases behind the API: the reminders always; a part left null (a test serving only
/// what it exercises) answers FAILED_PRECONDITION naming it. The service serves every part.
struct RemindersParts final {
  app::RemindersApp& reminders;
  app::RulesApp* rules = nullptr;
  app::AppointmentsApp* appointments = nullptr;
  app::CareReportApp* care = nullptr;
  app::CampaignsApp* campaigns = nullptr;
};

/// careloop.reminder.v1.RemindersService. Methods not overridden answer UNIMPLEMENTED.
class RemindersApi final : public careloop::reminder::v1::RemindersService::CallbackService {
 public:
  RemindersApi(RemindersParts parts, grpcx::HandlerContext handler)
      : app_(parts.reminders), parts_(parts), handler_(handler) {}

  grpc::ServerUnaryReactor* ListReminders(grpc::CallbackServerContext* context,
                                          const careloop::reminder::v1::ListRemindersRequest* request,
                                          careloop::reminder::v1::ListRemindersResponse* response) override;

  grpc::ServerUnaryReactor* GetReminder(grpc::CallbackServerContext* context,
                                        const careloop::reminder::v1::GetReminderRequest* request,
                                        careloop::reminder::v1::GetReminderResponse* response) override;
  // grpc_api_get_many.cc.
  grpc::ServerUnaryReactor* GetReminders(grpc::CallbackServerContext* context,
                                         const careloop::reminder::v1::GetRemindersRequest* request,
                                         careloop::reminder::v1::GetRemindersResponse* response) override;

  grpc::ServerUnaryReactor* CancelReminder(grpc::CallbackServerContext* context,
                                           const careloop::reminder::v1::CancelReminderRequest* request,
                                           careloop::reminder::v1::CancelReminderResponse* response) override;

  // Rules: grpc_api_rules.cc.
  grpc::ServerUnaryReactor* ListRules(grpc::CallbackServerContext* context,
                                      const careloop::reminder::v1::ListRulesRequest* request,
                                      careloop::reminder::v1::ListRulesResponse* response) override;
  grpc::ServerUnaryReactor* UpsertRule(grpc::CallbackServerContext* context,
                                       const careloop::reminder::v1::UpsertRuleRequest* request,
                                       careloop::reminder::v1::UpsertRuleResponse* response) override;

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

  // Care report (grpc_api_report.cc).
  grpc::ServerUnaryReactor* GetCareReport(grpc::CallbackServerContext* context,
                                          const careloop::reminder::v1::GetCareReportRequest* request,
                                          careloop::reminder::v1::GetCareReportResponse* response) override;

  // Campaigns: grpc_api_campaigns.cc.
  grpc::ServerUnaryReactor* CreateCampaign(grpc::CallbackServerContext* context,
                                           const careloop::reminder::v1::CreateCampaignRequest* request,
                                           careloop::reminder::v1::CreateCampaignResponse* response) override;
  grpc::ServerUnaryReactor* GetCampaign(grpc::CallbackServerContext* context,
                                        const careloop::reminder::v1::GetCampaignRequest* request,
                                        careloop::reminder::v1::GetCampaignResponse* response) override;
  grpc::ServerUnaryReactor* ListCampaigns(grpc::CallbackServerContext* context,
                                          const careloop::reminder::v1::ListCampaignsRequest* request,
                                          careloop::reminder::v1::ListCampaignsResponse* response) override;
  grpc::ServerUnaryReactor* CancelCampaign(grpc::CallbackServerContext* context,
                                           const careloop::reminder::v1::CancelCampaignRequest* request,
                                           careloop::reminder::v1::CancelCampaignResponse* response) override;
  grpc::ServerUnaryReactor* PreviewCampaign(grpc::CallbackServerContext* context,
                                            const careloop::reminder::v1::PreviewCampaignRequest* request,
                                            careloop::reminder::v1::PreviewCampaignResponse* response) override;

 private:
  template <typename Part>
  [[nodiscard]] static Result<Part*> Served(Part* part, const char* what) {
    if (part == nullptr) {
      return Error{ErrorCode::kFailedPrecondition, "", std::string("this reminders instance serves no ") + what};
    }
    return part;
  }

  app::RemindersApp& app_;
  RemindersParts parts_;
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::reminders::adapters
