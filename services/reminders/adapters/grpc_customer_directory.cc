#include "services/reminders/adapters/grpc_customer_directory.h"

#include <grpcpp/grpcpp.h>

#include "common/grpc/server.h"
#include "services/reminders/adapters/campaign_mapping.h"

namespace careloop::reminders::adapters {

namespace customer_pb = careloop::customer::v1;

GrpcCustomerDirectory::GrpcCustomerDirectory(const std::string& customers_address, std::string service_token,
                                             std::chrono::milliseconds deadline)
    : stub_(customers_address.empty() ? nullptr
                                      : customer_pb::CustomersService::NewStub(grpc::CreateChannel(
                                            customers_address, grpc::InsecureChannelCredentials()))),
      token_(std::move(service_token)),
      deadline_(deadline) {}

Result<app::AudiencePage> GrpcCustomerDirectory::Search(const domain::Segment& segment, const std::string& page_token,
                                                        int page_size) {
  if (!stub_) {
    return Error{ErrorCode::kUnavailable, "", "reminders.customers_address is not configured"};
  }
  customer_pb::SearchCustomersRequest request;
  *request.mutable_filter() = SegmentToProto(segment);
  request.mutable_page()->set_page_size(page_size);
  request.mutable_page()->set_page_token(page_token);
  customer_pb::SearchCustomersResponse response;
  grpc::ClientContext context;
  grpcx::AddBearer(context, token_);
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  const grpc::Status status = stub_->SearchCustomers(&context, request, &response);
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    return InvalidArgument("segment", status.error_message());
  }
  if (!status.ok()) {
    return Error{ErrorCode::kUnavailable, "", "customers.SearchCustomers: " + status.error_message()};
  }
  app::AudiencePage page;
  page.customer_ids.reserve(static_cast<size_t>(response.customers_size()));
  for (const auto& customer : response.customers()) {
    page.customer_ids.push_back(customer.customer_id());
  }
  page.next_page_token = response.page().next_page_token();
  page.total = response.page().total_count();
  return page;
}

}  // namespace careloop::reminders::adapters
