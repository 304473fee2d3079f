// DispatchService's staff call task methods: ListCallTasks, CompleteCallTask, GetFollowUpReport.
#include <algorithm>

#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/dispatch/adapters/call_task_mapping.h"
#include "services/dispatch/adapters/grpc_api.h"

namespace careloop::dispatch::adapters {
namespace {

Status RequireWired(const app::CallTasksApp* tasks) {
  if (tasks == nullptr) {
    return Error{ErrorCode::kInternal, "", "call tasks are not wired in this dispatch instance"};
  }
  return Ok{};
}

void Fill(pb::FollowUpLine& out, const domain::FollowUpLine& line) {
  out.set_staff_id(line.staff_id);
  out.set_tasks(line.tasks);
  out.set_done_on_time(line.done_on_time);
  out.set_late(line.late);
  out.set_open(line.open);
}

}  // namespace

grpc::ServerUnaryReactor* DispatchApi::ListCallTasks(grpc::CallbackServerContext* context,
                                                     const pb::ListCallTasksRequest* request,
                                                     pb::ListCallTasksResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListCallTasks", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(call_tasks_); !wired.ok()) {
      return wired;
    }
    const auto status = events::FilterFromClient(kTaskStatuses, request->status(), "status");
    if (!status.ok()) {
      return status.error();
    }
    app::TaskFilter filter;
    filter.store_id = request->store_id();
    filter.assignee = request->assignee();
    filter.customer_id = request->customer_id();
    filter.status = status.value();
    if (request->has_due() && request->due().has_start_date()) {
      filter.due_from = events::FromProto(request->due().start_date());
    }
    if (request->has_due() && request->due().has_end_date()) {
      filter.due_to = events::FromProto(request->due().end_date());
    }
    auto tasks = call_tasks_->List(caller, filter);
    if (!tasks.ok()) {
      return tasks.error();
    }
    const int limit = request->page().page_size() <= 0 ? 50 : std::min(request->page().page_size(), 500);
    for (const auto& task : tasks.value()) {
      if (response->call_tasks_size() == limit) {
        break;
      }
      *response->add_call_tasks() = ToProto(task);
    }
    response->mutable_page()->set_total_count(static_cast<int32_t>(tasks->size()));
    return Ok{};
  });
}

grpc::ServerUnaryReactor* DispatchApi::CompleteCallTask(grpc::CallbackServerContext* context,
                                                        const pb::CompleteCallTaskRequest* request,
                                                        pb::CompleteCallTaskResponse* response) {
  return grpcx::RunUnary(context, handler_, "CompleteCallTask", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(call_tasks_); !wired.ok()) {
      return wired;
    }
    domain::Completion completion;
    if (request->outcome() != pb::CALL_OUTCOME_UNSPECIFIED) {
      auto outcome = events::FromClient(kCallOutcomes, request->outcome(), "outcome");
      if (!outcome.ok()) {
        return outcome.error();
      }
      completion.outcome = outcome.value();
    }
    completion.notes = request->notes();
    if (request->has_callback_at()) {
      completion.callback_at = events::FromTimestamp(request->callback_at());
    }
    if (request->has_appointment_at()) {
      completion.appointment_at = events::FromTimestamp(request->appointment_at());
    }
    auto task = call_tasks_->Complete(caller, request->call_task_id(), completion, request->request_id());
    if (!task.ok()) {
      return task.error();
    }
    *response->mutable_call_task() = ToProto(task.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* DispatchApi::GetFollowUpReport(grpc::CallbackServerContext* context,
                                                         const pb::GetFollowUpReportRequest* request,
                                                         pb::GetFollowUpReportResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetFollowUpReport", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(call_tasks_); !wired.ok()) {
      return wired;
    }
    auto report = call_tasks_->Report(caller, request->store_id(), request->month());
    if (!report.ok()) {
      return report.error();
    }
    response->set_store_id(report->store_id);
    response->set_month(report->month);
    for (const auto& line : report->lines) {
      Fill(*response->add_lines(), line);
    }
    Fill(*response->mutable_total(), report->total);
    return Ok{};
  });
}

}  // namespace careloop::dispatch::adapters
