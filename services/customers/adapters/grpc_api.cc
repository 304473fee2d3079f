// CustomersService, records: create, read, find, update, consent, contact details, timeline.
// History items are in grpc_api_history.cc, search, segments and reports in grpc_api_search.cc,
// the streaming import in grpc_api_import.cc; request decoding in grpc_requests.h.
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

namespace {

/// What GetContact (and each entry of GetContacts) answers about a customer.
void ContactToProto(const domain::Customer& customer, pb::GetContactResponse& response) {
  const pb::Customer record = ToProto(customer);
  response.set_customer_id(record.customer_id());
  response.set_store_id(record.store_id());
  response.set_name(record.name());
  response.set_mobile(record.mobile());
  response.set_gender(record.gender());
  *response.mutable_consents() = record.consents();
  *response.mutable_vehicles() = record.vehicles();
  response.set_wechat_openid(record.wechat_openid());
  response.set_home_phone(record.home_phone());
  response.set_office_phone(record.office_phone());
  response.set_owner_staff_id(record.owner_staff_id());
}

}  // namespace

grpc::ServerUnaryReactor* CustomersApi::CreateCustomer(grpc::CallbackServerContext* context,
                                                       const pb::CreateCustomerRequest* request,
                                                       pb::CreateCustomerResponse* response) {
  return grpcx::RunUnary(context, handler_, "CreateCustomer", [&](const auth::Principal& caller) -> Status {
    auto gender = FromClient(kGenders, request->gender(), "gender");
    if (!gender.ok()) {
      return gender.error();
    }
    auto profile = ProfileFrom(request->details(), "details.");
    if (!profile.ok()) {
      return profile.error();
    }
    domain::NewCustomer input;
    input.store_id = request->store_id();
    input.name = request->name();
    input.mobile = request->mobile();
    input.gender = gender.value();
    if (request->has_birthday()) {
      input.birthday = FromProto(request->birthday());
    }
    input.profile = std::move(profile).value();
    auto customer = app_.CreateCustomer(caller, input, request->request_id());
    if (!customer.ok()) {
      return customer.error();
    }
    *response->mutable_customer() = ForCaller(caller, customer.value());
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
    *response->mutable_customer() = ForCaller(caller, customer.value());
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
    input.series = request->series();
    input.configuration = request->configuration();
    input.brand = request->brand();
    input.warranty_end_date = DateOr(request->warranty_end_date(), request->has_warranty_end_date());
    input.warranty_end_km = request->warranty_end_km();
    input.next_inspection_date = DateOr(request->next_inspection_date(), request->has_next_inspection_date());
    auto vehicle = app_.AddVehicle(caller, request->customer_id(), input, request->transfer());
    if (!vehicle.ok()) {
      return vehicle.error();
    }
    *response->mutable_vehicle() = ToProto(vehicle.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::UpdateVehicle(grpc::CallbackServerContext* context,
                                                      const pb::UpdateVehicleRequest* request,
                                                      pb::UpdateVehicleResponse* response) {
  return grpcx::RunUnary(context, handler_, "UpdateVehicle", [&](const auth::Principal& caller) -> Status {
    domain::VehicleChange change;
    if (request->has_plate()) {
      change.plate = request->plate();
    }
    if (request->has_assigned_advisor()) {
      change.assigned_advisor = request->assigned_advisor();
    }
    if (request->has_status()) {
      auto status = FromClient(kVehicleStatuses, request->status(), "status");
      if (!status.ok()) {
        return status.error();
      }
      change.status = status.value();
    }
    auto vehicle =
        app_.UpdateVehicle(caller, request->customer_id(), request->vehicle_id(), change, request->request_id());
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
    // UNSPECIFIED passes here: the app answers that a visit type is required.
    auto visit_type = FromClient(kVisitTypes, request->visit_type(), "visit_type");
    if (!visit_type.ok()) {
      return visit_type.error();
    }
    domain::NewVisit input;
    input.vehicle_id = request->vehicle_id();
    if (request->has_visit_date()) {
      input.visit_date = FromProto(request->visit_date());
    }
    input.odometer_km = request->odometer_km();
    input.visit_type = visit_type.value();
    input.advisor = request->advisor();
    input.amount_fen = request->amount_fen();
    input.repair_order_number = request->repair_order_number();
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
    *response->add_customers() = ForCaller(caller, customer.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::SetConsent(grpc::CallbackServerContext* context,
                                                   const pb::SetConsentRequest* request,
                                                   pb::SetConsentResponse* response) {
  return grpcx::RunUnary(context, handler_, "SetConsent", [&](const auth::Principal& caller) -> Status {
    auto channel = FromClient(kChannels, request->channel(), "channel");
    if (!channel.ok()) {
      return channel.error();
    }
    auto state = FromClient(kConsentStates, request->state(), "state");
    if (!state.ok()) {
      return state.error();
    }
    auto customer = app_.SetConsent(caller, request->customer_id(), channel.value(), state.value(), request->source());
    if (!customer.ok()) {
      return customer.error();
    }
    for (const auto& consent : customer->consents) {
      if (consent.channel == channel.value()) {
        *response->mutable_consent() = ToProto(consent);
      }
    }
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
    ContactToProto(customer.value(), *response);
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::GetContacts(grpc::CallbackServerContext* context,
                                                    const pb::GetContactsRequest* request,
                                                    pb::GetContactsResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetContacts", [&](const auth::Principal& caller) -> Status {
    const std::vector<std::string> ids(request->customer_ids().begin(), request->customer_ids().end());
    auto contacts = app_.GetContacts(caller, ids);
    if (!contacts.ok()) {
      return contacts.error();
    }
    for (const auto& customer : contacts->found) {
      ContactToProto(customer, *response->add_contacts());
    }
    for (const auto& id : contacts->not_found) {
      response->add_not_found_customer_ids(id);
    }
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::GetTimeline(grpc::CallbackServerContext* context,
                                                    const pb::GetTimelineRequest* request,
                                                    pb::GetTimelineResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetTimeline", [&](const auth::Principal& caller) -> Status {
    auto kinds = SelectionFrom(kTimelineKinds, request->kinds(), "kinds");
    if (!kinds.ok()) {
      return kinds.error();
    }
    auto entries = app_.Timeline(caller, request->customer_id(), kinds.value(), request->vehicle_id());
    if (!entries.ok()) {
      return entries.error();
    }
    // Pages are offsets into the newest-first list (a timeline only grows at its head, so a
    // page read later may repeat an entry but never skips one).
    const int size = request->page().page_size() <= 0 ? 50 : std::min(request->page().page_size(), 500);
    size_t offset = 0;
    if (!request->page().page_token().empty()) {
      try {
        offset = std::stoul(request->page().page_token());
      } catch (const std::exception&) {
        return InvalidArgument("page.page_token", "is not a token this service issued");
      }
    }
    for (size_t i = offset; i < entries->size() && i < offset + static_cast<size_t>(size); ++i) {
      *response->add_entries() = ToProto((*entries)[i], request->customer_id());
    }
    if (offset + static_cast<size_t>(size) < entries->size()) {
      response->mutable_page()->set_next_page_token(std::to_string(offset + static_cast<size_t>(size)));
    }
    response->mutable_page()->set_total_count(static_cast<int64_t>(entries->size()));
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::UpdateCustomer(grpc::CallbackServerContext* context,
                                                       const pb::UpdateCustomerRequest* request,
                                                       pb::UpdateCustomerResponse* response) {
  return grpcx::RunUnary(context, handler_, "UpdateCustomer", [&](const auth::Principal& caller) -> Status {
    auto values = UpdateValuesFrom(request->customer());
    if (!values.ok()) {
      return values.error();
    }
    const std::vector<std::string> fields(request->update_mask().paths().begin(), request->update_mask().paths().end());
    auto customer = app_.UpdateCustomer(caller, request->customer().customer_id(), values.value(), fields,
                                        request->expected_revision(), request->request_id());
    if (!customer.ok()) {
      return customer.error();
    }
    *response->mutable_customer() = ForCaller(caller, customer.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::SetStaffFlags(grpc::CallbackServerContext* context,
                                                      const pb::SetStaffFlagsRequest* request,
                                                      pb::SetStaffFlagsResponse* response) {
  return grpcx::RunUnary(context, handler_, "SetStaffFlags", [&](const auth::Principal& caller) -> Status {
    auto customer = app_.SetStaffFlags(
        caller, request->customer_id(),
        request->has_opinion_leader() ? std::optional(request->opinion_leader()) : std::nullopt,
        request->has_fleet_customer() ? std::optional(request->fleet_customer()) : std::nullopt, request->request_id());
    if (!customer.ok()) {
      return customer.error();
    }
    *response->mutable_customer() = ForCaller(caller, customer.value());
    return Ok{};
  });
}
}  // namespace careloop::customers::adapters
