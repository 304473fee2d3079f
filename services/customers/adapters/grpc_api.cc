#include "services/customers/adapters/grpc_api.h"

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/log/log.h"
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

namespace {

domain::DeliveryRow DeliveryFrom(const pb::ImportRow& row) {
  domain::DeliveryRow out;
  out.customer.name = row.name();
  out.customer.mobile = row.mobile();
  out.customer.gender = adapters::FromProto(row.gender());
  if (row.has_birthday()) {
    out.customer.birthday = FromProto(row.birthday());
  }
  out.vehicle.vin = row.vin();
  out.vehicle.plate = row.plate();
  out.vehicle.model = row.model();
  out.vehicle.series = row.series();
  if (row.has_purchase_date()) {
    out.vehicle.purchase_date = FromProto(row.purchase_date());
  }
  if (row.has_delivery_date()) {
    out.vehicle.delivery_date = FromProto(row.delivery_date());
  }
  out.vehicle.sales_consultant = row.sales_consultant();
  out.vehicle.assigned_advisor = row.assigned_advisor();
  out.vehicle.odometer_km = row.odometer_km();
  return out;
}

domain::VisitRow VisitFrom(const pb::ImportRow& row) {
  domain::VisitRow out;
  out.vin = row.vin();
  out.plate = row.plate();
  if (row.has_visit_date()) {
    out.visit.visit_date = FromProto(row.visit_date());
  }
  out.visit.odometer_km = row.odometer_km();
  out.visit.visit_type = adapters::FromProto(row.visit_type());
  out.visit.advisor = row.visit_advisor();
  out.visit.amount_fen = row.amount_fen();
  return out;
}

pb::ImportLineOutcome ToProto(app::ImportOutcome::Kind kind) {
  switch (kind) {
    case app::ImportOutcome::Kind::kCreated: return pb::IMPORT_LINE_OUTCOME_CREATED;
    case app::ImportOutcome::Kind::kMerged: return pb::IMPORT_LINE_OUTCOME_MERGED;
    case app::ImportOutcome::Kind::kUnchanged: return pb::IMPORT_LINE_OUTCOME_UNCHANGED;
    case app::ImportOutcome::Kind::kRejected: return pb::IMPORT_LINE_OUTCOME_REJECTED;
  }
  return pb::IMPORT_LINE_OUTCOME_UNSPECIFIED;
}

// Reads the stream one row at a time and applies each before asking for the next, so memory
// stays flat however long the file. Rows run on the gRPC callback thread, like unary calls.
class ImportReactor final : public grpc::ServerReadReactor<pb::ImportRowsRequest> {
 public:
  ImportReactor(grpc::CallbackServerContext* context, app::CustomersApp& app, grpcx::HandlerContext& handler,
                pb::ImportRowsResponse* response)
      : app_(app), response_(response) {
    auto caller = grpcx::Authenticate(*context, handler.authenticator);
    if (!caller.ok()) {
      Finish(grpcx::ToGrpcStatus(caller.error()));
      return;
    }
    caller_ = caller.value();
    response_->set_import_id(NewRandomId("imp-"));
    StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {  // the client has sent everything
      Finish(header_seen_ ? grpc::Status::OK
                          : grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "header: the stream had no header"));
      return;
    }
    try {
      if (request_.has_header()) {
        if (Status header = OnHeader(request_.header()); !header.ok()) {
          Finish(grpcx::ToGrpcStatus(header.error()));
          return;
        }
      } else if (!header_seen_) {
        Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "header: must come before the rows"));
        return;
      } else {
        OnRow(request_.row());
      }
    } catch (const redis::RedisUnavailable& e) {
      log::Warn("import stopped: redis unavailable", {{"reason", e.what()}});
      Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                          "storage unavailable after line " + std::to_string(request_.row().line_number()) +
                              "; lines before it are done, run the import again to finish"));
      return;
    }
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  Status OnHeader(const pb::ImportHeader& header) {
    if (header_seen_) {
      return InvalidArgument("header", "sent twice");
    }
    if (header.kind() != pb::IMPORT_KIND_SALES && header.kind() != pb::IMPORT_KIND_AFTER_SALES) {
      return InvalidArgument("header.kind", "this version imports SALES (deliveries) and AFTER_SALES (visits)");
    }
    if (header.dry_run()) {
      return InvalidArgument("header.dry_run", "dry runs are not supported yet");
    }
    if (Status allowed = app_.CheckImport(caller_, header.store_id()); !allowed.ok()) {
      return allowed;
    }
    header_ = header;
    header_seen_ = true;
    return Ok{};
  }

  void OnRow(const pb::ImportRow& row) {
    const app::ImportOutcome outcome = header_.kind() == pb::IMPORT_KIND_SALES
                                           ? app_.ImportDelivery(caller_, header_.store_id(), DeliveryFrom(row))
                                           : app_.ImportVisit(caller_, VisitFrom(row));
    response_->set_rows_total(response_->rows_total() + 1);
    switch (outcome.kind) {
      case app::ImportOutcome::Kind::kCreated: response_->set_rows_created(response_->rows_created() + 1); break;
      case app::ImportOutcome::Kind::kMerged: response_->set_rows_merged(response_->rows_merged() + 1); break;
      case app::ImportOutcome::Kind::kUnchanged: response_->set_rows_unchanged(response_->rows_unchanged() + 1); break;
      case app::ImportOutcome::Kind::kRejected: response_->set_rows_rejected(response_->rows_rejected() + 1); break;
    }
    if (outcome.kind == app::ImportOutcome::Kind::kCreated) {
      return;  // created lines are counted, not listed: a million-row import gets a small report
    }
    pb::ImportLineResult* line = response_->add_lines();
    line->set_line_number(row.line_number());
    line->set_outcome(ToProto(outcome.kind));
    line->set_customer_id(outcome.customer_id);
    line->set_vehicle_id(outcome.vehicle_id);
    if (outcome.error) {
      auto* violation = line->add_violations();
      violation->set_field(outcome.error->field);
      violation->set_reason(outcome.error->message);
    }
  }

  app::CustomersApp& app_;
  pb::ImportRowsResponse* response_;
  auth::Principal caller_;
  pb::ImportRowsRequest request_;
  pb::ImportHeader header_;
  bool header_seen_ = false;
};

}  // namespace

grpc::ServerReadReactor<pb::ImportRowsRequest>* CustomersApi::ImportRows(grpc::CallbackServerContext* context,
                                                                         pb::ImportRowsResponse* response) {
  return new ImportReactor(context, app_, handler_, response);
}

grpc::ServerUnaryReactor* CustomersApi::CountSegments(grpc::CallbackServerContext* context,
                                                      const pb::CountSegmentsRequest* request,
                                                      pb::CountSegmentsResponse* response) {
  return grpcx::RunUnary(context, handler_, "CountSegments", [&](const auth::Principal& caller) -> Status {
    pb::CustomerFilter rest = request->filter();
    rest.clear_store_ids();
    if (rest.ByteSizeLong() != 0) {
      return InvalidArgument("filter", "this version counts by store_ids only; the other filters come with search");
    }
    std::vector<app::SegmentDimension> group_by;
    for (int dimension : request->group_by()) {
      switch (dimension) {
        case pb::SEGMENT_DIMENSION_STORE: group_by.push_back(app::SegmentDimension::kStore); break;
        case pb::SEGMENT_DIMENSION_VALUE_TIER: group_by.push_back(app::SegmentDimension::kValueTier); break;
        case pb::SEGMENT_DIMENSION_CHURN_STAGE: group_by.push_back(app::SegmentDimension::kChurnStage); break;
        case pb::SEGMENT_DIMENSION_LIFECYCLE_STAGE: group_by.push_back(app::SegmentDimension::kLifecycleStage); break;
        default: return InvalidArgument("group_by", "unknown dimension " + std::to_string(dimension));
      }
    }
    int64_t total = 0;
    auto counts = app_.CountSegments(
        caller, {request->filter().store_ids().begin(), request->filter().store_ids().end()}, group_by, &total);
    if (!counts.ok()) {
      return counts.error();
    }
    for (const auto& group : counts.value()) {
      auto* out = response->add_counts();
      out->set_store_id(group.store_id);
      if (!group.value_tier.empty()) {
        out->set_value_tier(group.value_tier == "high" ? pb::VALUE_TIER_HIGH : pb::VALUE_TIER_STANDARD);
      }
      if (group.churn) {
        out->set_churn_stage(ToProto(*group.churn));
      }
      if (group.lifecycle) {
        out->set_lifecycle_stage(ToProto(*group.lifecycle));
      }
      out->set_customer_count(group.customers);
    }
    response->set_total_count(total);
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::SetConsent(grpc::CallbackServerContext* context,
                                                   const pb::SetConsentRequest* request,
                                                   pb::SetConsentResponse* response) {
  return grpcx::RunUnary(context, handler_, "SetConsent", [&](const auth::Principal& caller) -> Status {
    const auto channel = ChannelFromProto(request->channel());
    if (!channel) {
      return InvalidArgument("channel", "must be SMS, WECHAT or PHONE_CALL");
    }
    auto customer = app_.SetConsent(caller, request->customer_id(), *channel, adapters::FromProto(request->state()),
                                    request->source());
    if (!customer.ok()) {
      return customer.error();
    }
    for (const auto& consent : customer->consents) {
      if (consent.channel == *channel) {
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
