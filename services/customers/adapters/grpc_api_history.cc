// CustomersService, history: visits, odometer readings, policies, inspections, referrals,
// purchases, packages and complaints.
#include "services/customers/adapters/grpc_api.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/log/log.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/customers/adapters/grpc_requests.h"
#include "services/customers/adapters/national_id_cipher.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::adapters {

using careloop::events::FromProto;

grpc::ServerUnaryReactor* CustomersApi::RecordOdometerReading(grpc::CallbackServerContext* context,
                                                              const pb::RecordOdometerReadingRequest* request,
                                                              pb::RecordOdometerReadingResponse* response) {
  return grpcx::RunUnary(context, handler_, "RecordOdometerReading", [&](const auth::Principal& caller) -> Status {
    domain::OdometerReading input;
    input.vehicle_id = request->vehicle_id();
    input.odometer_km = request->odometer_km();
    input.reading_date = DateOr(request->reading_date(), request->has_reading_date());
    input.source = request->source();
    auto vehicle = app_.RecordOdometerReading(caller, request->customer_id(), input, request->request_id());
    if (!vehicle.ok()) {
      return vehicle.error();
    }
    *response->mutable_vehicle() = ToProto(vehicle.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::RecordInsurancePolicy(grpc::CallbackServerContext* context,
                                                              const pb::RecordInsurancePolicyRequest* request,
                                                              pb::RecordInsurancePolicyResponse* response) {
  return grpcx::RunUnary(context, handler_, "RecordInsurancePolicy", [&](const auth::Principal& caller) -> Status {
    domain::InsurancePolicy input;
    input.vehicle_id = request->vehicle_id();
    input.insurer = request->insurer();
    input.policy_number = request->policy_number();
    input.compulsory = request->compulsory();
    input.start_date = DateOr(request->start_date(), request->has_start_date());
    input.end_date = DateOr(request->end_date(), request->has_end_date());
    input.premium_fen = request->premium_fen();
    input.bought_through_store = request->bought_through_store();
    auto policy = app_.RecordPolicy(caller, request->customer_id(), input, request->request_id());
    if (!policy.ok()) {
      return policy.error();
    }
    *response->mutable_policy() = ToProto(request->customer_id(), policy.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::RecordInspection(grpc::CallbackServerContext* context,
                                                         const pb::RecordInspectionRequest* request,
                                                         pb::RecordInspectionResponse* response) {
  return grpcx::RunUnary(context, handler_, "RecordInspection", [&](const auth::Principal& caller) -> Status {
    domain::Inspection input;
    input.vehicle_id = request->vehicle_id();
    input.inspection_date = DateOr(request->inspection_date(), request->has_inspection_date());
    input.next_due_date = DateOr(request->next_due_date(), request->has_next_due_date());
    input.done_through_store = request->done_through_store();
    auto inspection = app_.RecordInspection(caller, request->customer_id(), input, request->request_id());
    if (!inspection.ok()) {
      return inspection.error();
    }
    *response->mutable_inspection() = ToProto(request->customer_id(), inspection.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::RecordReferral(grpc::CallbackServerContext* context,
                                                       const pb::RecordReferralRequest* request,
                                                       pb::RecordReferralResponse* response) {
  return grpcx::RunUnary(context, handler_, "RecordReferral", [&](const auth::Principal& caller) -> Status {
    domain::Referral input;
    input.referral_id = request->referral_id();
    input.referred_customer_id = request->referred_customer_id();
    input.referral_date = DateOr(request->referral_date(), request->has_referral_date());
    input.purchased = request->purchased();
    input.purchase_date = DateOr(request->purchase_date(), request->has_purchase_date());
    auto referral = app_.RecordReferral(caller, request->customer_id(), input, request->request_id());
    if (!referral.ok()) {
      return referral.error();
    }
    *response->mutable_referral() = ToProto(request->customer_id(), referral.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::RecordPurchase(grpc::CallbackServerContext* context,
                                                       const pb::RecordPurchaseRequest* request,
                                                       pb::RecordPurchaseResponse* response) {
  return grpcx::RunUnary(context, handler_, "RecordPurchase", [&](const auth::Principal& caller) -> Status {
    auto kind = FromClient(kPurchaseKinds, request->kind(), "kind");
    if (!kind.ok()) {
      return kind.error();
    }
    domain::Purchase input;
    input.kind = kind.value();
    input.vehicle_id = request->vehicle_id();
    input.replaced_vehicle_id = request->replaced_vehicle_id();
    input.purchase_date = DateOr(request->purchase_date(), request->has_purchase_date());
    auto purchase = app_.RecordPurchase(caller, request->customer_id(), input, request->request_id());
    if (!purchase.ok()) {
      return purchase.error();
    }
    *response->mutable_purchase() = ToProto(request->customer_id(), purchase.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::RecordPackage(grpc::CallbackServerContext* context,
                                                      const pb::RecordPackageRequest* request,
                                                      pb::RecordPackageResponse* response) {
  return grpcx::RunUnary(context, handler_, "RecordPackage", [&](const auth::Principal& caller) -> Status {
    auto kind = FromClient(kPackageKinds, request->kind(), "kind");
    if (!kind.ok()) {
      return kind.error();
    }
    domain::PrepaidPackage input;
    input.vehicle_id = request->vehicle_id();
    input.kind = kind.value();
    input.display_name = request->display_name();
    input.purchase_date = DateOr(request->purchase_date(), request->has_purchase_date());
    input.valid_until = DateOr(request->valid_until(), request->has_valid_until());
    input.services_total = request->services_total();
    input.amount_fen = request->amount_fen();
    auto package = app_.RecordPackage(caller, request->customer_id(), input, request->request_id());
    if (!package.ok()) {
      return package.error();
    }
    *response->mutable_prepaid_package() = ToProto(request->customer_id(), package.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::RecordComplaint(grpc::CallbackServerContext* context,
                                                        const pb::RecordComplaintRequest* request,
                                                        pb::RecordComplaintResponse* response) {
  return grpcx::RunUnary(context, handler_, "RecordComplaint", [&](const auth::Principal& caller) -> Status {
    auto severity = FromClient(kComplaintSeverities, request->severity(), "severity");
    if (!severity.ok()) {
      return severity.error();
    }
    // An unset outcome is a complaint still open.
    auto outcome = request->outcome() == pb::COMPLAINT_OUTCOME_UNSPECIFIED
                       ? Result<domain::ComplaintOutcome>(domain::ComplaintOutcome::kOpen)
                       : FromClient(kComplaintOutcomes, request->outcome(), "outcome");
    if (!outcome.ok()) {
      return outcome.error();
    }
    domain::Complaint input;
    input.complaint_id = request->complaint_id();
    input.vehicle_id = request->vehicle_id();
    input.case_id = request->case_id();
    input.severity = severity.value();
    input.summary = request->summary();
    input.outcome = outcome.value();
    input.opened_date = DateOr(request->opened_date(), request->has_opened_date());
    input.closed_date = DateOr(request->closed_date(), request->has_closed_date());
    auto complaint = app_.RecordComplaint(caller, request->customer_id(), input, request->request_id());
    if (!complaint.ok()) {
      return complaint.error();
    }
    *response->mutable_complaint() = ToProto(request->customer_id(), complaint.value());
    return Ok{};
  });
}

}  // namespace careloop::customers::adapters
