#pragma once

#include <memory>
#include <string>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "services/dispatch/app/ports.h"

namespace careloop::dispatch::adapters {

/// ContactDirectory over the customers service's GetContact, GetContacts and FindCustomer, with this service's own
/// bearer token (role "service"). Each call has a deadline, so a slow peer cannot stall a consumer.
class GrpcContactDirectory final : public app::ContactDirectory {
 public:
  GrpcContactDirectory(const std::string& customers_address, std::string service_token,
                       std::chrono::milliseconds deadline = std::chrono::milliseconds(3000));
  [[nodiscard]] Result<domain::Contact> Lookup(const std::string& customer_id) override;
  /// customers.FindCustomer by mobile, then the contact by the id found.
  [[nodiscard]] Result<std::optional<domain::Contact>> FindByMobile(const std::string& mobile) override;
  /// customers.GetContacts, in calls of at most kMaxPerCall ids.
  [[nodiscard]] Result<app::ContactBatch> LookupMany(const std::vector<std::string>& customer_ids) override;
  static constexpr size_t kMaxPerCall = 500;  ///< the customers service's limit per GetContacts

 private:
  /// A call context with this service's bearer token and the deadline.
  [[nodiscard]] std::unique_ptr<grpc::ClientContext> NewContext() const;

  std::unique_ptr<careloop::customer::v1::CustomersService::Stub> stub_;
  std::string token_;
  std::chrono::milliseconds deadline_;
};

}  // namespace careloop::dispatch::adapters
