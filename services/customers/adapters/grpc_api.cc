#include "services/customers/adapters/grpc_api.h"

#include <mutex>
#include <thread>

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/log/log.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/customers/adapters/national_id_cipher.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::adapters {

using careloop::events::FromProto;

namespace {

// The record as `caller` may see it: the national ID in full for admins only.
pb::Customer ForCaller(const auth::Principal& caller, const domain::Customer& customer) {
  pb::Customer out = ToProto(customer);
  if (caller.role != auth::Role::kAdmin && !out.national_id().empty()) {
    out.set_national_id(MaskNationalId(out.national_id()));
  }
  return out;
}

Date DateOr(const careloop::common::v1::Date& date, bool has) {
  return has ? FromProto(date) : Date{};
}

domain::DateRange RangeOf(const careloop::common::v1::DateRange& range) {
  return domain::DateRange{DateOr(range.start_date(), range.has_start_date()),
                           DateOr(range.end_date(), range.has_end_date())};
}

// A repeated enum field that selects (filter lists, timeline kinds): every value must be one the
// table holds, and UNSPECIFIED selects nothing.
template <class Table, class Values>
Result<std::vector<typename Table::DomainType>> SelectionFrom(const Table& table, const Values& values,
                                                              const std::string& field) {
  std::vector<typename Table::DomainType> out;
  for (int value : values) {
    if (value == 0) {
      return InvalidArgument(field, "UNSPECIFIED selects nothing (expected " + AcceptedNames(table) + ")");
    }
    auto domain = FromClient(table, value, field);
    if (!domain.ok()) {
      return domain.error();
    }
    out.push_back(domain.value());
  }
  return out;
}

// Assigns a selection to `out`, or answers its error.
template <class Table, class Values, class Out>
Status ReadSelection(const Table& table, const Values& values, const std::string& field, Out& out) {
  auto selection = SelectionFrom(table, values, field);
  if (!selection.ok()) {
    return selection.error();
  }
  out = std::move(selection).value();
  return Ok{};
}

Result<domain::CustomerFilter> FilterFrom(const pb::CustomerFilter& in) {
  domain::CustomerFilter out;
  out.store_ids.assign(in.store_ids().begin(), in.store_ids().end());
  out.province = in.region().province();
  out.city = in.region().city();
  out.district = in.region().district();
  out.models.assign(in.models().begin(), in.models().end());
  out.series.assign(in.series().begin(), in.series().end());
  if (Status read = ReadSelection(kValueTiers, in.value_tiers(), "filter.value_tiers", out.value_tiers); !read.ok()) {
    return read.error();
  }
  if (Status read = ReadSelection(kValueCriteria, in.value_criteria(), "filter.value_criteria", out.value_criteria);
      !read.ok()) {
    return read.error();
  }
  if (Status read = ReadSelection(kChurnStages, in.churn_stages(), "filter.churn_stages", out.churn_stages);
      !read.ok()) {
    return read.error();
  }
  if (Status read =
          ReadSelection(kLifecycleStages, in.lifecycle_stages(), "filter.lifecycle_stages", out.lifecycle_stages);
      !read.ok()) {
    return read.error();
  }
  if (Status read =
          ReadSelection(kPurchasePurposes, in.purchase_purposes(), "filter.purchase_purposes", out.purchase_purposes);
      !read.ok()) {
    return read.error();
  }
  for (const auto& consent : in.consents()) {
    auto channel = FromClient(kChannels, consent.channel(), "filter.consents.channel");
    if (!channel.ok()) {
      return channel.error();
    }
    auto state = FromClient(kConsentStates, consent.state(), "filter.consents.state");
    if (!state.ok()) {
      return state.error();
    }
    out.consents.emplace_back(channel.value(), state.value());
  }
  out.last_visit = RangeOf(in.last_visit());
  out.delivery = RangeOf(in.delivery());
  out.birthday_month = in.birthday_month();
  out.assigned_advisor = in.assigned_advisor();
  out.min_vehicle_age_months = in.min_vehicle_age_months();
  out.max_vehicle_age_months = in.max_vehicle_age_months();
  if (in.has_opinion_leader()) {
    out.opinion_leader = in.opinion_leader();
  }
  if (in.has_fleet_customer()) {
    out.fleet_customer = in.fleet_customer();
  }
  return out;
}

// The descriptive fields a client sent (`prefix` names the message in errors, e.g. "details.").
Result<domain::Profile> ProfileFrom(const pb::Customer& in, const std::string& prefix) {
  auto purpose = FromClient(kPurchasePurposes, in.purchase_purpose(), prefix + "purchase_purpose");
  if (!purpose.ok()) {
    return purpose.error();
  }
  return ProfileOf(in);
}

// The fields of a record a client may change (UpdateCustomer); the enums are checked, the rest
// is read as stored records are.
Result<domain::Customer> UpdateValuesFrom(const pb::Customer& in) {
  auto gender = FromClient(kGenders, in.gender(), "customer.gender");
  if (!gender.ok()) {
    return gender.error();
  }
  auto reason = FromClient(kChurnReasons, in.churn_reason(), "customer.churn_reason");
  if (!reason.ok()) {
    return reason.error();
  }
  auto profile = ProfileFrom(in, "customer.");
  if (!profile.ok()) {
    return profile.error();
  }
  domain::Customer out = adapters::FromProto(in);
  out.gender = gender.value();
  out.churn_reason = reason.value();
  out.profile = std::move(profile).value();
  return out;
}

pb::TimelineEntry ToProto(const domain::TimelineEntry& entry, const std::string& customer_id) {
  pb::TimelineEntry out;
  out.set_kind(adapters::ToProto(entry.kind));
  *out.mutable_occurred_at() = events::ToTimestamp(entry.at);
  *out.mutable_date() = events::ToProto(entry.date);
  out.set_summary(entry.summary);
  out.set_vehicle_id(entry.vehicle_id);
  std::visit(
      [&](const auto& detail) {
        using T = std::decay_t<decltype(detail)>;
        if constexpr (std::is_same_v<T, domain::Vehicle>) {
          *out.mutable_vehicle() = adapters::ToProto(detail);
        } else if constexpr (std::is_same_v<T, domain::ServiceVisit>) {
          *out.mutable_visit() = adapters::ToProto(detail);
        } else if constexpr (std::is_same_v<T, domain::InsurancePolicy>) {
          *out.mutable_insurance_policy() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::Inspection>) {
          *out.mutable_inspection() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::Referral>) {
          *out.mutable_referral() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::Purchase>) {
          *out.mutable_purchase() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::PrepaidPackage>) {
          *out.mutable_prepaid_package() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::Complaint>) {
          *out.mutable_complaint() = adapters::ToProto(customer_id, detail);
        } else if constexpr (std::is_same_v<T, domain::ChannelConsent>) {
          *out.mutable_consent() = adapters::ToProto(detail);
        } else if constexpr (std::is_same_v<T, domain::OdometerReading>) {
          *out.mutable_odometer_reading() = adapters::ToProto(detail);
        } else if constexpr (std::is_same_v<T, domain::ContactEntry>) {
          auto* contact = out.mutable_contact();
          contact->set_channel(adapters::ToProto(detail.channel));
          contact->set_message_id(detail.message_id);
          contact->set_inbound(detail.inbound);
          contact->set_summary(detail.summary);
        }
      },
      entry.detail);
  return out;
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

namespace {

pb::ImportLineOutcome ToProto(app::ImportOutcome::Kind kind) {
  switch (kind) {
    case app::ImportOutcome::Kind::kCreated: return pb::IMPORT_LINE_OUTCOME_CREATED;
    case app::ImportOutcome::Kind::kMerged: return pb::IMPORT_LINE_OUTCOME_MERGED;
    case app::ImportOutcome::Kind::kUnchanged: return pb::IMPORT_LINE_OUTCOME_UNCHANGED;
    case app::ImportOutcome::Kind::kRejected: return pb::IMPORT_LINE_OUTCOME_REJECTED;
  }
  return pb::IMPORT_LINE_OUTCOME_UNSPECIFIED;
}

// Reads the stream in batches of rows and applies each batch before asking for more, so memory
// stays flat however long the file. A batch runs in a few lanes side by side (the work is
// waiting on Redis round trips); rows that share a mobile or VIN share a lane and keep their line
// order (domain::AssignLanes), so outcomes are those of reading the file one row at a time.
// Outcomes are reported in line order.
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
      if (!header_seen_) {
        Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "header: the stream had no header"));
        return;
      }
      Finish(RunBatch());
      return;
    }
    if (request_.has_header()) {
      if (Status header = OnHeader(request_.header()); !header.ok()) {
        Finish(grpcx::ToGrpcStatus(header.error()));
        return;
      }
    } else if (!header_seen_) {
      Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "header: must come before the rows"));
      return;
    } else {
      batch_.push_back(std::move(*request_.mutable_row()));
      if (batch_.size() == kBatchRows) {
        if (grpc::Status status = RunBatch(); !status.ok()) {
          Finish(status);
          return;
        }
      }
    }
    StartRead(&request_);
  }

  void OnDone() override { delete this; }

 private:
  Status OnHeader(const pb::ImportHeader& header) {
    if (header_seen_) {
      return InvalidArgument("header", "sent twice");
    }
    auto kind = FromClient(kImportKinds, header.kind(), "header.kind");
    if (!kind.ok()) {
      return kind.error();
    }
    if (header.dry_run()) {
      return InvalidArgument("header.dry_run", "dry runs are not supported yet");
    }
    if (Status allowed = app_.CheckImport(caller_, header.store_id()); !allowed.ok()) {
      return allowed;
    }
    header_ = header;
    kind_ = kind.value();
    header_seen_ = true;
    return Ok{};
  }

  static constexpr size_t kBatchRows = 512;
  static constexpr int kLanes = 6;  // below the Redis pool's default 8, leaving room for other calls

  static app::ImportOutcome Rejected(Error error) {
    app::ImportOutcome out;
    out.kind = app::ImportOutcome::Kind::kRejected;
    out.error = std::move(error);
    return out;
  }

  app::ImportOutcome Import(const pb::ImportRow& row) {
    switch (kind_) {
      case domain::ImportKind::kDeliveries: {
        auto delivery = DeliveryRowOf(row);
        return delivery.ok() ? app_.ImportDelivery(caller_, header_.store_id(), delivery.value())
                             : Rejected(delivery.error());
      }
      case domain::ImportKind::kVisits: {
        auto visit = VisitRowOf(row);
        return visit.ok() ? app_.ImportVisit(caller_, visit.value()) : Rejected(visit.error());
      }
      case domain::ImportKind::kPolicies: return app_.ImportPolicy(caller_, PolicyRowOf(row));
    }
    return Rejected(InvalidArgument("header.kind", "unknown import kind"));
  }

  // What ties rows together: the person's mobile and the car's VIN or plate, normalised as the
  // import will normalise them (a value that does not normalise is rejected anyway; its raw
  // text still keeps equal lines together).
  static std::vector<std::string> KeysOf(const pb::ImportRow& row) {
    auto key = [](const char* prefix, const std::string& raw, const Result<std::string>& normalized) {
      if (raw.empty()) {
        return std::string();
      }
      return prefix + (normalized.ok() ? normalized.value() : raw);
    };
    return {key("m:", row.mobile(), domain::NormalizeMobile("mobile", row.mobile())),
            key("v:", row.vin(), domain::NormalizeVin("vin", row.vin())),
            key("p:", row.plate(), domain::NormalizePlate("plate", row.plate()))};
  }

  // Applies the buffered rows and reports them in line order.
  grpc::Status RunBatch() {
    std::vector<std::vector<std::string>> keys;
    keys.reserve(batch_.size());
    for (const auto& row : batch_) {
      keys.push_back(KeysOf(row));
    }
    const std::vector<int> lane_of = domain::AssignLanes(keys, kLanes);
    std::vector<app::ImportOutcome> outcomes(batch_.size());
    std::mutex failure_mutex;
    std::string failure;
    {
      std::vector<std::jthread> lanes;
      for (int lane = 0; lane < kLanes; ++lane) {
        lanes.emplace_back([&, lane] {
          try {
            for (size_t i = 0; i < batch_.size(); ++i) {
              if (lane_of[i] == lane) {
                outcomes[i] = Import(batch_[i]);
              }
            }
          } catch (const redis::RedisUnavailable& e) {
            const std::lock_guard lock(failure_mutex);
            failure = e.what();
          }
        });
      }
    }
    if (!failure.empty()) {
      log::Warn("import stopped: redis unavailable", {{"reason", failure}});
      return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                          "storage unavailable between lines " + std::to_string(batch_.front().line_number()) +
                              " and " + std::to_string(batch_.back().line_number()) +
                              "; lines before them are done. Run the import again to finish: lines already "
                              "imported change nothing");
    }
    for (size_t i = 0; i < batch_.size(); ++i) {
      Report(batch_[i], outcomes[i]);
    }
    batch_.clear();
    return grpc::Status::OK;
  }

  void Report(const pb::ImportRow& row, const app::ImportOutcome& outcome) {
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
  domain::ImportKind kind_ = domain::ImportKind::kDeliveries;  // set with header_
  bool header_seen_ = false;
  std::vector<pb::ImportRow> batch_;
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
    auto filter = FilterFrom(request->filter());
    if (!filter.ok()) {
      return filter.error();
    }
    auto group_by = SelectionFrom(kSegmentDimensions, request->group_by(), "group_by");
    if (!group_by.ok()) {
      return group_by.error();
    }
    int64_t total = 0;
    auto counts = app_.CountSegments(caller, std::move(filter).value(), group_by.value(), &total);
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
    const pb::Customer record = ToProto(customer.value());
    response->set_customer_id(record.customer_id());
    response->set_store_id(record.store_id());
    response->set_name(record.name());
    response->set_mobile(record.mobile());
    response->set_gender(record.gender());
    *response->mutable_consents() = record.consents();
    *response->mutable_vehicles() = record.vehicles();
    response->set_wechat_openid(record.wechat_openid());
    response->set_home_phone(record.home_phone());
    response->set_office_phone(record.office_phone());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::SearchCustomers(grpc::CallbackServerContext* context,
                                                        const pb::SearchCustomersRequest* request,
                                                        pb::SearchCustomersResponse* response) {
  return grpcx::RunUnary(context, handler_, "SearchCustomers", [&](const auth::Principal& caller) -> Status {
    auto filter = FilterFrom(request->filter());
    if (!filter.ok()) {
      return filter.error();
    }
    auto page = app_.SearchCustomers(caller, std::move(filter).value(), request->page().page_size(),
                                     request->page().page_token());
    if (!page.ok()) {
      return page.error();
    }
    for (const auto& customer : page->customers) {
      pb::Customer record = ForCaller(caller, customer);
      record.clear_family_members();
      *response->add_customers() = std::move(record);
    }
    response->mutable_page()->set_next_page_token(page->next_page_token);
    response->mutable_page()->set_total_count(page->total);
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

namespace {

// The months a report period covers; an unset period is the caller's current month (resolved by
// the app per store, so here: nullopt).
Result<std::optional<std::pair<domain::Month, domain::Month>>> MonthsOf(const careloop::common::v1::DateRange& period) {
  const bool has_start = period.has_start_date();
  const bool has_end = period.has_end_date();
  if (!has_start && !has_end) {
    return std::optional<std::pair<domain::Month, domain::Month>>();
  }
  if (!has_start || !has_end) {
    return InvalidArgument("period", "give both start_date and end_date (e.g. a month's first and last day)");
  }
  const Date start = FromProto(period.start_date());
  const Date end = FromProto(period.end_date());
  if (!start.IsValid() || !end.IsValid()) {
    return InvalidArgument("period", "is not a valid date range");
  }
  return std::optional(std::pair{domain::Month::Of(start), domain::Month::Of(end)});
}

template <typename Request>
Result<std::vector<app::CustomersApp::MonthFigures>> FiguresFor(app::CustomersApp& app, const auth::Principal& caller,
                                                                const Request& request) {
  auto months = MonthsOf(request.period());
  if (!months.ok()) {
    return months.error();
  }
  return app.Figures(caller, {request.store_ids().begin(), request.store_ids().end()}, months.value());
}

}  // namespace

grpc::ServerUnaryReactor* CustomersApi::GetLoyaltyReport(grpc::CallbackServerContext* context,
                                                         const pb::GetLoyaltyReportRequest* request,
                                                         pb::GetLoyaltyReportResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetLoyaltyReport", [&](const auth::Principal& caller) -> Status {
    auto figures = FiguresFor(app_, caller, *request);
    if (!figures.ok()) {
      return figures.error();
    }
    for (const auto& month : figures.value()) {
      const domain::StoreFigures& f = month.figures;
      auto* row = response->add_rows();
      row->set_store_id(month.store_id);
      row->set_month(month.month.ToString());
      row->set_customer_count(f.customers);
      row->set_high_value_count(f.high_value);
      row->set_active_count(f.active);
      row->set_loyal_count(f.loyal);
      row->set_loyal_share(f.loyal_share());
      for (const auto& [criterion, count] : f.criteria) {
        auto* c = row->add_criteria();
        c->set_criterion(ToProto(criterion));
        c->set_customer_count(count);
      }
      row->set_referral_purchase_count(f.referral_purchases);
    }
    *response->mutable_period() = request->period();
    *response->mutable_computed_at() = events::ToTimestamp(app_.Now());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* CustomersApi::GetChurnReport(grpc::CallbackServerContext* context,
                                                       const pb::GetChurnReportRequest* request,
                                                       pb::GetChurnReportResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetChurnReport", [&](const auth::Principal& caller) -> Status {
    auto figures = FiguresFor(app_, caller, *request);
    if (!figures.ok()) {
      return figures.error();
    }
    for (const auto& month : figures.value()) {
      const domain::StoreFigures& f = month.figures;
      for (const auto& [stage, count] : f.churn) {
        auto* row = response->add_rows();
        row->set_store_id(month.store_id);
        row->set_month(month.month.ToString());
        row->set_churn_stage(ToProto(stage));
        row->set_customer_count(count);
        row->set_entered_count(f.entered.contains(stage) ? f.entered.at(stage) : 0);
        row->set_won_back_count(f.won_back.contains(stage) ? f.won_back.at(stage) : 0);
        if (f.reasons.contains(stage)) {
          for (const auto& [reason, n] : f.reasons.at(stage)) {
            auto* r = row->add_reasons();
            r->set_reason(ToProto(reason));
            r->set_customer_count(n);
          }
        }
      }
    }
    *response->mutable_period() = request->period();
    *response->mutable_computed_at() = events::ToTimestamp(app_.Now());
    return Ok{};
  });
}

}  // namespace careloop::customers::adapters
