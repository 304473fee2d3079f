#include "services/dispatch/adapters/grpc_campaign_texts.h"

#include <grpcpp/grpcpp.h>

#include "common/grpc/server.h"

namespace careloop::dispatch::adapters {

namespace reminder_pb = careloop::reminder::v1;

GrpcCampaignTexts::GrpcCampaignTexts(const std::string& reminders_address, std::string service_token,
                                     std::chrono::milliseconds deadline)
    : stub_(reminder_pb::RemindersService::NewStub(
          grpc::CreateChannel(reminders_address, grpc::InsecureChannelCredentials()))),
      token_(std::move(service_token)),
      deadline_(deadline) {}

Result<app::CampaignFacts> GrpcCampaignTexts::FactsOf(const std::string& campaign_id) {
  reminder_pb::GetCampaignRequest request;
  request.set_campaign_id(campaign_id);
  reminder_pb::GetCampaignResponse response;
  grpc::ClientContext context;
  grpcx::AddBearer(context, token_);
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  const grpc::Status status = stub_->GetCampaign(&context, request, &response);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return Error{ErrorCode::kNotFound, "campaign_id", status.error_message()};
  }
  if (!status.ok()) {
    return Error{ErrorCode::kUnavailable, "", "reminders.GetCampaign: " + status.error_message()};
  }
  return app::CampaignFacts{response.campaign().message(),
                            response.campaign().status() == reminder_pb::CAMPAIGN_STATUS_CANCELLED};
}

}  // namespace careloop::dispatch::adapters
