// SurveysService's complaint case methods: OpenCase, ListCases, GetCase, UpdateCase, ResolveCase.
#include <algorithm>
#include <charconv>

#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/case_mapping.h"
#include "services/surveys/adapters/grpc_api.h"

namespace careloop::surveys::adapters {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

Status RequireWired(const app::CasesApp* cases) {
  if (cases == nullptr) {
    return Error{ErrorCode::kInternal, "", "complaint cases are not wired in this surveys instance"};
  }
  return Ok{};
}

/// Optional enum: UNSPECIFIED is "not given".
template <class Table>
Result<std::optional<typename Table::DomainType>> Optional(const Table& table, int value, const std::string& field) {
  return events::FilterFromClient(table, value, field);
}

Result<std::vector<domain::SurveyItem>> ItemsFromClient(const google::protobuf::RepeatedField<int>& items) {
  std::vector<domain::SurveyItem> out;
  for (int i = 0; i < items.size(); ++i) {
    if (items[i] == 0 || !pb::SurveyItem_IsValid(items[i])) {
      return InvalidArgument("items[" + std::to_string(i) + "]", "unknown survey item " + std::to_string(items[i]));
    }
    out.push_back(static_cast<domain::SurveyItem>(items[i]));
  }
  return out;
}

Result<size_t> OffsetOf(const std::string& token) {
  if (token.empty()) {
    return size_t{0};
  }
  size_t offset = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), offset);
  if (error != std::errc{} || end != token.data() + token.size()) {
    return InvalidArgument("page.page_token", "is not a token this server issued");
  }
  return offset;
}

}  // namespace

grpc::ServerUnaryReactor* SurveysApi::OpenCase(grpc::CallbackServerContext* context, const pb::OpenCaseRequest* request,
                                               pb::OpenCaseResponse* response) {
  return grpcx::RunUnary(context, handler_, "OpenCase", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(cases_); !wired.ok()) {
      return wired;
    }
    app::OpenCaseCommand command;
    command.customer_id = request->customer_id();
    command.store_id = request->store_id();
    command.vehicle_id = request->vehicle_id();
    command.visit_id = request->visit_id();
    auto severity = Optional(kCaseSeverities, request->severity(), "severity");
    if (!severity.ok()) {
      return severity.error();
    }
    command.severity = *severity;
    auto source = events::FromClient(kCaseSources, request->source(), "source");
    if (!source.ok()) {
      return source.error();
    }
    command.source = *source;
    command.owner = request->owner();
    if (request->has_deadline_at()) {
      command.deadline_at = events::FromTimestamp(request->deadline_at());
    }
    auto items = ItemsFromClient(request->items());
    if (!items.ok()) {
      return items.error();
    }
    command.items = std::move(items).value();
    command.summary = request->summary();
    command.advisor = request->advisor();
    command.request_id = request->request_id();
    auto opened = cases_->Open(caller, command);
    if (!opened.ok()) {
      return opened.error();
    }
    *response->mutable_complaint_case() = ToProto(*opened);
    return Ok{};
  });
}

grpc::ServerUnaryReactor* SurveysApi::ListCases(grpc::CallbackServerContext* context,
                                                const pb::ListCasesRequest* request, pb::ListCasesResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListCases", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(cases_); !wired.ok()) {
      return wired;
    }
    app::CaseFilter filter;
    filter.store_id = request->store_id();
    filter.customer_id = request->customer_id();
    filter.owner = request->owner();
    auto status = events::FilterFromClient(kCaseStatuses, request->status(), "status");
    if (!status.ok()) {
      return status.error();
    }
    filter.status = *status;
    filter.overdue_only = request->overdue_only();
    if (request->page().page_size() < 0) {
      return InvalidArgument("page.page_size", "must not be negative");
    }
    auto offset = OffsetOf(request->page().page_token());
    if (!offset.ok()) {
      return offset.error();
    }
    auto cases = cases_->List(caller, filter);
    if (!cases.ok()) {
      return cases.error();
    }
    const size_t size = request->page().page_size() == 0
                            ? kDefaultPageSize
                            : static_cast<size_t>(std::min(request->page().page_size(), kMaxPageSize));
    const size_t total = cases->size();
    for (size_t i = *offset; i < total && i < *offset + size; ++i) {
      *response->add_cases() = ToProto((*cases)[i]);
    }
    if (*offset + size < total) {
      response->mutable_page()->set_next_page_token(std::to_string(*offset + size));
    }
    response->mutable_page()->set_total_count(static_cast<int64_t>(total));
    return Ok{};
  });
}

grpc::ServerUnaryReactor* SurveysApi::GetCase(grpc::CallbackServerContext* context, const pb::GetCaseRequest* request,
                                              pb::GetCaseResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetCase", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(cases_); !wired.ok()) {
      return wired;
    }
    auto complaint = cases_->Get(caller, request->case_id());
    if (!complaint.ok()) {
      return complaint.error();
    }
    *response->mutable_complaint_case() = ToProto(*complaint);
    return Ok{};
  });
}

grpc::ServerUnaryReactor* SurveysApi::UpdateCase(grpc::CallbackServerContext* context,
                                                 const pb::UpdateCaseRequest* request,
                                                 pb::UpdateCaseResponse* response) {
  return grpcx::RunUnary(context, handler_, "UpdateCase", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(cases_); !wired.ok()) {
      return wired;
    }
    app::UpdateCaseCommand command;
    command.case_id = request->case_id();
    command.request_id = request->request_id();
    if (request->has_step()) {
      auto step = events::FromClient(kHandlingSteps, request->step().step(), "step.step");
      if (!step.ok()) {
        return step.error();
      }
      domain::CaseStep done{*step, request->step().note(), request->step().staff_id(), Instant{}};
      if (request->step().has_done_at()) {
        done.done_at = events::FromTimestamp(request->step().done_at());
      }
      command.step = std::move(done);
    }
    if (!request->owner().empty()) {
      command.owner = request->owner();
    }
    if (request->has_deadline_at()) {
      command.deadline_at = events::FromTimestamp(request->deadline_at());
    }
    auto severity = Optional(kCaseSeverities, request->severity(), "severity");
    if (!severity.ok()) {
      return severity.error();
    }
    command.severity = *severity;
    auto updated = cases_->Update(caller, command);
    if (!updated.ok()) {
      return updated.error();
    }
    *response->mutable_complaint_case() = ToProto(*updated);
    return Ok{};
  });
}

grpc::ServerUnaryReactor* SurveysApi::ResolveCase(grpc::CallbackServerContext* context,
                                                  const pb::ResolveCaseRequest* request,
                                                  pb::ResolveCaseResponse* response) {
  return grpcx::RunUnary(context, handler_, "ResolveCase", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(cases_); !wired.ok()) {
      return wired;
    }
    auto resolution = Optional(kCaseResolutions, request->resolution(), "resolution");
    if (!resolution.ok()) {
      return resolution.error();
    }
    auto resolved =
        cases_->Resolve(caller, request->case_id(), *resolution, request->resolution_note(), request->request_id());
    if (!resolved.ok()) {
      return resolved.error();
    }
    *response->mutable_complaint_case() = ToProto(*resolved);
    return Ok{};
  });
}

}  // namespace careloop::surveys::adapters
