#pragma once

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/reminders/app/campaigns_app.h"
#include "services/reminders/app/reminders_app.h"

namespace careloop::reminders::adapters {

/// careloop.reminder.v1.RemindersService. Methods not overridden answer UNIMPLEMENTED.
class RemindersApi final : public careloop::reminder::v1::RemindersService::CallbackService {
 public:
  RemindersApi(app::RemindersApp& app, grpcx::HandlerContext handler) : app_(app), handler_(handler) {}
  /// With campaigns (grpc_api_campaigns.cc); without them the campaign methods answer UNIMPLEMENTED.
  RemindersApi(app::RemindersApp& app, app::CampaignsApp& campaigns, grpcx::HandlerContext handler)
      : app_(app), campaigns_(&campaigns), handler_(handler) {}

  grpc::ServerUnaryReactor* ListReminders(grpc::CallbackServerContext* context,
                                          const careloop::reminder::v1::ListRemindersRequest* request,
                                          careloop::reminder::v1::ListRemindersResponse* response) override;

  grpc::ServerUnaryReactor* GetReminder(grpc::CallbackServerContext* context,
                                        const careloop::reminder::v1::GetReminderRequest* request,
                                        careloop::reminder::v1::GetReminderResponse* response) override;

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
  /// The campaigns use cases, or UNIMPLEMENTED when this server was built without them.
  [[nodiscard]] Result<app::CampaignsApp*> Campaigns() const;

  app::RemindersApp& app_;
  app::CampaignsApp* campaigns_ = nullptr;
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::reminders::adapters
