#pragma once

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/customers/app/customers_app.h"

namespace careloop::customers::adapters {

/// careloop.customer.v1.CustomersService over the callback API. Thin: decode, call the app,
/// encode. Methods not overridden here answer UNIMPLEMENTED (the README lists the roadmap).
class CustomersApi final : public careloop::customer::v1::CustomersService::CallbackService {
 public:
  CustomersApi(app::CustomersApp& app, grpcx::HandlerContext handler) : app_(app), handler_(handler) {}

  grpc::ServerUnaryReactor* CreateCustomer(grpc::CallbackServerContext* context,
                                           const careloop::customer::v1::CreateCustomerRequest* request,
                                           careloop::customer::v1::CreateCustomerResponse* response) override;
  grpc::ServerUnaryReactor* GetCustomer(grpc::CallbackServerContext* context,
                                        const careloop::customer::v1::GetCustomerRequest* request,
                                        careloop::customer::v1::GetCustomerResponse* response) override;
  grpc::ServerUnaryReactor* AddVehicle(grpc::CallbackServerContext* context,
                                       const careloop::customer::v1::AddVehicleRequest* request,
                                       careloop::customer::v1::AddVehicleResponse* response) override;
  grpc::ServerUnaryReactor* RecordServiceVisit(grpc::CallbackServerContext* context,
                                               const careloop::customer::v1::RecordServiceVisitRequest* request,
                                               careloop::customer::v1::RecordServiceVisitResponse* response) override;
  grpc::ServerUnaryReactor* FindCustomer(grpc::CallbackServerContext* context,
                                         const careloop::customer::v1::FindCustomerRequest* request,
                                         careloop::customer::v1::FindCustomerResponse* response) override;
  /// Client-streaming import: a header, then rows; answers one report when the client is done.
  grpc::ServerReadReactor<careloop::customer::v1::ImportRowsRequest>* ImportRows(
      grpc::CallbackServerContext* context, careloop::customer::v1::ImportRowsResponse* response) override;
  grpc::ServerUnaryReactor* CountSegments(grpc::CallbackServerContext* context,
                                          const careloop::customer::v1::CountSegmentsRequest* request,
                                          careloop::customer::v1::CountSegmentsResponse* response) override;
  grpc::ServerUnaryReactor* SetConsent(grpc::CallbackServerContext* context,
                                       const careloop::customer::v1::SetConsentRequest* request,
                                       careloop::customer::v1::SetConsentResponse* response) override;
  grpc::ServerUnaryReactor* GetContact(grpc::CallbackServerContext* context,
                                       const careloop::customer::v1::GetContactRequest* request,
                                       careloop::customer::v1::GetContactResponse* response) override;

 private:
  app::CustomersApp& app_;
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::customers::adapters
