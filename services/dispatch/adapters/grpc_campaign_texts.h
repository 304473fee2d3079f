#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "services/dispatch/app/campaign_texts.h"

namespace careloop::dispatch::adapters {

/// CampaignTexts over the reminders service's GetCampaign, with this service's own bearer
/// token. Each call has a deadline.
class GrpcCampaignTexts final : public app::CampaignTexts {
 public:
  GrpcCampaignTexts(const std::string& reminders_address, std::string service_token,
                    std::chrono::milliseconds deadline = std::chrono::milliseconds(3000));
  [[nodiscard]] Result<app::CampaignFacts> FactsOf(const std::string& campaign_id) override;

 private:
  std::unique_ptr<careloop::reminder::v1::RemindersService::Stub> stub_;
  std::string token_;
  std::chrono::milliseconds deadline_;
};

}  // namespace careloop::dispatch::adapters
