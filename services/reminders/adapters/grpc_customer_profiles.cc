#include "services/reminders/adapters/grpc_customer_profiles.h"

#include <grpcpp/grpcpp.h>

#include "common/events/proto_event.h"
#include "common/grpc/server.h"

namespace careloop::reminders::adapters {

namespace customer_pb = careloop::customer::v1;

namespace {}  // namespace

domain::ChurnStage ChurnStageOf(customer_pb::ChurnStage stage) {
  switch (stage) {
    case customer_pb::CHURN_STAGE_ACTIVE: return domain::ChurnStage::kActive;
    case customer_pb::CHURN_STAGE_AT_RISK: return domain::ChurnStage::kAtRisk;
    case customer_pb::CHURN_STAGE_LAPSING: return domain::ChurnStage::kLapsing;
    case customer_pb::CHURN_STAGE_LOST: return domain::ChurnStage::kLost;
    case customer_pb::CHURN_STAGE_LONG_LOST: return domain::ChurnStage::kLongLost;
    default: return domain::ChurnStage::kUnknown;
  }
}

namespace {

bool Retired(customer_pb::VehicleStatus status) {
  return status == customer_pb::VEHICLE_STATUS_SOLD || status == customer_pb::VEHICLE_STATUS_SCRAPPED ||
         status == customer_pb::VEHICLE_STATUS_TRANSFERRED;
}

}  // namespace

app::CustomerProfile ProfileOf(const customer_pb::Customer& customer) {
  app::CustomerProfile profile;
  profile.customer_id = customer.customer_id();
  profile.store_id = customer.store_id();
  if (customer.has_birthday() && customer.birthday().year() != 0) {
    // The record has no leap-month flag: a lunar birthday is of the regular month.
    profile.birthday = domain::Birthday{events::FromProto(customer.birthday()), customer.birthday_is_lunar(), false};
  }
  profile.revision = customer.revision();
  profile.merged_into_customer_id = customer.merged_into_customer_id();
  profile.churn_stage = ChurnStageOf(customer.churn_stage());
  profile.last_visit_date = events::FromProto(customer.last_visit_date());
  for (const auto& vehicle : customer.vehicles()) {
    profile.vehicles.push_back({vehicle.vehicle_id(), vehicle.customer_id(), vehicle.assigned_advisor(),
                                vehicle.model(), events::FromProto(vehicle.delivery_date()),
                                events::FromProto(vehicle.purchase_date()), Retired(vehicle.status())});
  }
  return profile;
}

GrpcCustomerProfiles::GrpcCustomerProfiles(const std::string& customers_address, std::string service_token,
                                           std::chrono::milliseconds deadline)
    : stub_(customer_pb::CustomersService::NewStub(
          grpc::CreateChannel(customers_address, grpc::InsecureChannelCredentials()))),
      token_(std::move(service_token)),
      deadline_(deadline) {}

Result<app::CustomerProfile> GrpcCustomerProfiles::Get(const std::string& customer_id) {
  grpc::ClientContext context;
  grpcx::AddBearer(context, token_);
  context.set_deadline(std::chrono::system_clock::now() + deadline_);
  customer_pb::GetCustomerRequest request;
  request.set_customer_id(customer_id);
  customer_pb::GetCustomerResponse response;
  const grpc::Status status = stub_->GetCustomer(&context, request, &response);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return Error{ErrorCode::kNotFound, "customer_id", status.error_message()};
  }
  if (!status.ok()) {
    // Auth or permission errors are configuration mistakes; still retryable from here, since a
    // fixed configuration (and restart) makes the same request succeed.
    return Error{ErrorCode::kUnavailable, "", "customers.GetCustomer: " + status.error_message()};
  }
  return ProfileOf(response.customer());
}

}  // namespace careloop::reminders::adapters
