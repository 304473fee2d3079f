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
  grpc::ServerUnaryReactor* UpdateVehicle(grpc::CallbackServerContext* context,
                                          const careloop::customer::v1::UpdateVehicleRequest* request,
                                          careloop::customer::v1::UpdateVehicleResponse* response) override;
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
  grpc::ServerUnaryReactor* GetContacts(grpc::CallbackServerContext* context,
                                        const careloop::customer::v1::GetContactsRequest* request,
                                        careloop::customer::v1::GetContactsResponse* response) override;

  grpc::ServerUnaryReactor* SearchCustomers(grpc::CallbackServerContext* context,
                                            const careloop::customer::v1::SearchCustomersRequest* request,
                                            careloop::customer::v1::SearchCustomersResponse* response) override;
  grpc::ServerUnaryReactor* GetTimeline(grpc::CallbackServerContext* context,
                                        const careloop::customer::v1::GetTimelineRequest* request,
                                        careloop::customer::v1::GetTimelineResponse* response) override;
  grpc::ServerUnaryReactor* UpdateCustomer(grpc::CallbackServerContext* context,
                                           const careloop::customer::v1::UpdateCustomerRequest* request,
                                           careloop::customer::v1::UpdateCustomerResponse* response) override;
  grpc::ServerUnaryReactor* SetStaffFlags(grpc::CallbackServerContext* context,
                                          const careloop::customer::v1::SetStaffFlagsRequest* request,
                                          careloop::customer::v1::SetStaffFlagsResponse* response) override;
  grpc::ServerUnaryReactor* RecordInsurancePolicy(
      grpc::CallbackServerContext* context, const careloop::customer::v1::RecordInsurancePolicyRequest* request,
      careloop::customer::v1::RecordInsurancePolicyResponse* response) override;
  grpc::ServerUnaryReactor* RecordInspection(grpc::CallbackServerContext* context,
                                             const careloop::customer::v1::RecordInspectionRequest* request,
                                             careloop::customer::v1::RecordInspectionResponse* response) override;
  grpc::ServerUnaryReactor* RecordReferral(grpc::CallbackServerContext* context,
                                           const careloop::customer::v1::RecordReferralRequest* request,
                                           careloop::customer::v1::RecordReferralResponse* response) override;
  grpc::ServerUnaryReactor* RecordPurchase(grpc::CallbackServerContext* context,
                                           const careloop::customer::v1::RecordPurchaseRequest* request,
                                           careloop::customer::v1::RecordPurchaseResponse* response) override;
  grpc::ServerUnaryReactor* RecordPackage(grpc::CallbackServerContext* context,
                                          const careloop::customer::v1::RecordPackageRequest* request,
                                          careloop::customer::v1::RecordPackageResponse* response) override;
  grpc::ServerUnaryReactor* RecordComplaint(grpc::CallbackServerContext* context,
                                            const careloop::customer::v1::RecordComplaintRequest* request,
                                            careloop::customer::v1::RecordComplaintResponse* response) override;

  grpc::ServerUnaryReactor* GetLoyaltyReport(grpc::CallbackServerContext* context,
                                             const careloop::customer::v1::GetLoyaltyReportRequest* request,
                                             careloop::customer::v1::GetLoyaltyReportResponse* response) override;
  grpc::ServerUnaryReactor* GetChurnReport(grpc::CallbackServerContext* context,
                                           const careloop::customer::v1::GetChurnReportRequest* request,
                                           careloop::customer::v1::GetChurnReportResponse* response) override;

  grpc::ServerUnaryReactor* RecordOdometerReading(
      grpc::CallbackServerContext* context, const careloop::customer::v1::RecordOdometerReadingRequest* request,
      careloop::customer::v1::RecordOdometerReadingResponse* response) override;

 private:
  app::CustomersApp& app_;
  grpcx::HandlerContext handler_;
};

}  // namespace careloop::customers::adapters
