#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "services/reminders/app/care_ports.h"

namespace careloop::reminders::adapters {

/// CustomerProfiles over the customers service's GetCustomer, with this service's own bearer
/// token (role "service"). Each call has a deadline, so a slow peer cannot stall a consumer.
class GrpcCustomerProfiles final : public app::CustomerProfiles {
 public:
  GrpcCustomerProfiles(const std::string& customers_address, std::string service_token,
                       std::chrono::milliseconds deadline = std::chrono::milliseconds(3000));
  [[nodiscard]] Result<app::CustomerProfile> Get(const std::string& customer_id) override;

 private:
  std::unique_ptr<careloop::customer::v1::CustomersService::Stub> stub_;
  std::string token_;
  std::chrono::milliseconds deadline_;
};

/// The contract's churn stage in the domain's terms (unspecified: unknown).
[[nodiscard]] domain::ChurnStage ChurnStageOf(careloop::customer::v1::ChurnStage stage);

/// The profile the care use cases read from a customer record.
[[nodiscard]] app::CustomerProfile ProfileOf(const careloop::customer::v1::Customer& customer);

}  // namespace careloop::reminders::adapters
