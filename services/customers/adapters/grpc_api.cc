#include "services/customers/adapters/grpc_api.h"

#include "common/events/proto_event.h"
#include "services/customers/adapters/proto_mapping.h"

namespace careloop::customers::adapters {

using careloop::events::FromProto;

grpc::ServerUnaryReactor* CustomersApi::CreateCustomer(grpc::CallbackServerContext* context,
                                                       const pb::CreateCustomerRequest* request,
                                                       pb::CreateCustomerResponse* response) {
  return grpcx::RunUnary(context, handler_, "CreateCustomer", [&](const auth::Principal& caller) -> Status {
    domain::NewCustomer input;
    input.store_id = request->store_id();
    input.name = request->name();
    input.mobile = request->mobile();
    input.gender = adapters::FromProto(request->gender());
    if (request->has_birthday()) {
      input.birthday = FromProto(request->birthday());
    }
    auto customer = app_.CreateCustomer(caller, input, request->request_id());
    if (!customer.ok()) {
      return customer.error();
    }
    *response->mutable_customer() = ToProto(customer.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::GetCustomer(grpc::CallbackServerContext* context,
                                                    const pb::GetCustomerRequest* request,
                                                    pb::GetCustomerResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetCustomer", [&](const auth::Principal& caller) -> Status {
    auto customer = app_.GetCustomer(caller, request->customer_id());
    if (!customer.ok()) {
      return customer.error();
    }
    *response->mutable_customer() = ToProto(customer.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::AddVehicle(grpc::CallbackServerContext* context,
                                                   const pb::AddVehicleRequest* request,
                                                   pb::AddVehicleResponse* response) {
  return grpcx::RunUnary(context, handler_, "AddVehicle", [&](const auth::Principal& caller) -> Status {
    domain::NewVehicle input;
    input.vin = request->vin();
    input.plate = request->plate();
    input.model = request->model();
    input.series = request->series();
    if (request->has_purchase_date()) {
      input.purchase_date = FromProto(request->purchase_date());
    }
    if (request->has_delivery_date()) {
      input.delivery_date = FromProto(request->delivery_date());
    }
    input.sales_consultant = request->sales_consultant();
    input.assigned_advisor = request->assigned_advisor();
    input.odometer_km = request->odometer_km();
    auto vehicle = app_.AddVehicle(caller, request->customer_id(), input);
    if (!vehicle.ok()) {
      return vehicle.error();
    }
    *response->mutable_vehicle() = ToProto(vehicle.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::RecordServiceVisit(grpc::CallbackServerContext* context,
                                                           const pb::RecordServiceVisitRequest* request,
                                                           pb::RecordServiceVisitResponse* response) {
  return grpcx::RunUnary(context, handler_, "RecordServiceVisit", [&](const auth::Principal& caller) -> Status {
    domain::NewVisit input;
    input.vehicle_id = request->vehicle_id();
    if (request->has_visit_date()) {
      input.visit_date = FromProto(request->visit_date());
    }
    input.odometer_km = request->odometer_km();
    input.visit_type = adapters::FromProto(request->visit_type());
    input.advisor = request->advisor();
    input.amount_fen = request->amount_fen();
    auto visit = app_.RecordVisit(caller, request->customer_id(), input, request->request_id());
    if (!visit.ok()) {
      return visit.error();
    }
    *response->mutable_visit() = ToProto(visit.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::FindCustomer(grpc::CallbackServerContext* context,
                                                     const pb::FindCustomerRequest* request,
                                                     pb::FindCustomerResponse* response) {
  return grpcx::RunUnary(context, handler_, "FindCustomer", [&](const auth::Principal& caller) -> Status {
    auto customer = app_.FindCustomer(caller, request->mobile(), request->plate(), request->vin());
    if (!customer.ok()) {
      return customer.error();
    }
    if (!request->store_id().empty() && customer->store_id != request->store_id()) {
      return Error{ErrorCode::kNotFound, "store_id", "no such customer in store " + request->store_id()};
    }
    *response->add_customers() = ToProto(customer.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::GetContact(grpc::CallbackServerContext* context,
                                                   const pb::GetContactRequest* request,
                                                   pb::GetContactResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetContact", [&](const auth::Principal& caller) -> Status {
    auto customer = app_.GetContact(caller, request->customer_id());
    if (!customer.ok()) {
      return customer.error();
    }
    const pb::Customer record = ToProto(customer.value());
    response->set_customer_id(record.customer_id());
    response->set_store_id(record.store_id());
    response->set_name(record.name());
    response->set_mobile(record.mobile());
    response->set_gender(record.gender());
    *response->mutable_consents() = record.consents();
    *response->mutable_vehicles() = record.vehicles();
    return Ok{};
  });
}

}  // namespace careloop::customers::adapters
