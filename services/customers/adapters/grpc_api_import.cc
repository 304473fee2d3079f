// CustomersService.ImportRows: the client-streaming DMS import.
#include <mutex>
#include <thread>

#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/log/log.h"
#include "services/customers/adapters/enum_tables.h"
#include "services/customers/adapters/grpc_api.h"
#include "services/customers/adapters/grpc_requests.h"
#include "services/customers/adapters/national_id_cipher.h"
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/domain/validation.h"

namespace careloop::customers::adapters {

using careloop::events::FromProto;

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
    std::exception_ptr failure;
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
          } catch (...) {
            // A lane is a thread of its own: what it throws is handed to the call's boundary.
            const std::lock_guard lock(failure_mutex);
            failure = std::current_exception();
          }
        });
      }
    }
    if (failure) {
      const grpc::Status status = grpcx::StatusOfException(failure, "ImportRows");
      if (status.error_code() != grpc::StatusCode::UNAVAILABLE) {
        return status;
      }
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

}  // namespace careloop::customers::adapters
