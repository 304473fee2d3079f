#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "services/reminders/app/campaign_ports.h"

namespace careloop::reminders::adapters {

/// CustomerDirectory over careloop.customer.v1.CustomersService.SearchCustomers, with this
/// service's own bearer token (role "service"). Each call has a deadline.
class GrpcCustomerDirectory final : public app::CustomerDirectory {
 public:
  GrpcCustomerDirectory(const std::string& customers_address, std::string service_token,
                        std::chrono::milliseconds deadline = std::chrono::milliseconds(10'000));
  [[nodiscard]] Result<app::AudiencePage> Search(const domain::Segment& segment, const std::string& page_token,
                                                 int page_size) override;

 private:
  std::unique_ptr<careloop::customer::v1::CustomersService::Stub> stub_;
  std::string token_;
  std::chrono::milliseconds deadline_;
};

}  // namespace careloop::reminders::adapters
