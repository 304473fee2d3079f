#include "services/dispatch/adapters/grpc_contact_directory.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>

#include "common/grpc/server.h"

namespace careloop::dispatch::adapters {

namespace customer_pb = careloop::customer::v1;

namespace {

domain::Contact ContactFrom(const customer_pb::GetContactResponse& response) {
  domain::Contact contact;
  contact.customer_id = response.customer_id();
  contact.store_id = response.store_id();
  contact.name = response.name();
  contact.mobile = response.mobile();
  contact.gender = static_cast<int>(response.gender());
  contact.wechat_openid = response.wechat_openid();
  for (const auto& consent : response.consents()) {
    if (consent.channel() == careloop::common::v1::CHANNEL_SMS) {
      contact.sms_consent = consent.state() != customer_pb::CONSENT_STATE_DENIED;
    }
    if (consent.channel() == careloop::common::v1::CHANNEL_WECHAT) {
      contact.wechat_consent = consent.state() != customer_pb::CONSENT_STATE_DENIED;
    }
  }
  for (const auto& vehicle : response.vehicles()) {
    contact.plates[vehicle.vehicle_id()] = vehicle.plate();
    contact.models[vehicle.vehicle_id()] = vehicle.model();
    contact.advisors[vehicle.vehicle_id()] = vehicle.assigned_advisor();
  }
  contact.owner_staff_id = response.owner_staff_id();
  return contact;
}

}  // namespace

GrpcContactDirectory::GrpcContactDirectory(const std::string& customers_address, std::string service_token,
                                           std::chrono::milliseconds deadline)
    : stub_(customer_pb::CustomersService::NewStub(
          grpc::CreateChannel(customers_address, grpc::InsecureChannelCredentials()))),
      token_(std::move(service_token)),
      deadline_(deadline) {}

std::unique_ptr<grpc::ClientContext> GrpcContactDirectory::NewContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  grpcx::AddBearer(*context, token_);
  context->set_deadline(std::chrono::system_clock::now() + deadline_);
  return context;
}

Result<domain::Contact> GrpcContactDirectory::Lookup(const std::string& customer_id) {
  customer_pb::GetContactRequest request;
  request.set_customer_id(customer_id);
  customer_pb::GetContactResponse response;
  const grpc::Status status = stub_->GetContact(NewContext().get(), request, &response);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return Error{ErrorCode::kNotFound, "customer_id", status.error_message()};
  }
  if (!status.ok()) {
    // Auth or permission errors are configuration mistakes; still retryable from here, since a
    // fixed configuration (and restart) makes the same request succeed.
    return Error{ErrorCode::kUnavailable, "", "customers.GetContact: " + status.error_message()};
  }
  return ContactFrom(response);
}

Result<app::ContactBatch> GrpcContactDirectory::LookupMany(const std::vector<std::string>& customer_ids) {
  app::ContactBatch batch;
  for (size_t from = 0; from < customer_ids.size(); from += kMaxPerCall) {
    customer_pb::GetContactsRequest request;
    for (size_t i = from; i < std::min(customer_ids.size(), from + kMaxPerCall); ++i) {
      request.add_customer_ids(customer_ids[i]);
    }
    customer_pb::GetContactsResponse response;
    const grpc::Status status = stub_->GetContacts(NewContext().get(), request, &response);
    if (!status.ok()) {
      // As in Lookup: whatever the reason, asking again later (or after a fixed configuration) helps.
      return Error{ErrorCode::kUnavailable, "", "customers.GetContacts: " + status.error_message()};
    }
    for (const auto& contact : response.contacts()) {
      batch.found.push_back(ContactFrom(contact));
    }
    batch.not_found.insert(batch.not_found.end(), response.not_found_customer_ids().begin(),
                           response.not_found_customer_ids().end());
  }
  return batch;
}

Result<std::optional<domain::Contact>> GrpcContactDirectory::FindByMobile(const std::string& mobile) {
  customer_pb::FindCustomerRequest request;
  request.set_mobile(mobile);
  customer_pb::FindCustomerResponse response;
  const grpc::Status status = stub_->FindCustomer(NewContext().get(), request, &response);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    return std::optional<domain::Contact>();
  }
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    return Error{ErrorCode::kInvalidArgument, "sender", status.error_message()};
  }
  if (!status.ok() || response.customers().empty()) {
    return Error{ErrorCode::kUnavailable, "", "customers.FindCustomer: " + status.error_message()};
  }
  auto contact = Lookup(response.customers(0).customer_id());
  if (!contact.ok()) {
    return contact.error();
  }
  return std::optional(std::move(contact).value());
}

}  // namespace careloop::dispatch::adapters
