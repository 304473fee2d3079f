// task list|complete and report follow-up: staff call and face-to-face tasks (DispatchService).
#include <iostream>
#include <memory>

#include "careloop/dispatch/v1/dispatch_service.grpc.pb.h"
#include "common/events/proto_event.h"
#include "services/dispatch/adapters/call_task_mapping.h"
#include "tools/careloopctl/appointment_view.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/task_view.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;

std::unique_ptr<dv1::DispatchService::Stub> DispatchStub(Session& session) {
  return dv1::DispatchService::NewStub(session.Channel(kDispatchAddr));
}

Instant TimeFlag(const std::string& flag, const std::string& text) {
  const auto at = ParseAppointmentTime(text, DisplayZone());
  if (!at) {
    throw UsageError(flag + ": not a time, expected \"2027-01-05 10:00\" or RFC 3339: " + text);
  }
  return *at;
}

void AddList(CLI::App* task, Session& session) {
  struct ListArgs {
    std::string store, assignee, customer, status;
    int limit = 200;
  };
  auto args = std::make_shared<ListArgs>();
  auto* list = task->add_subcommand("list", "a store's call and face-to-face tasks, earliest due first");
  list->add_option("--store", args->store, "store id")->required();
  list->add_option("--assignee", args->assignee, "staff id (an advisor's own list)");
  list->add_option("--customer", args->customer, "customer id");
  const auto statuses = dispatch::adapters::kTaskStatuses.Words();
  list->add_option("--status", args->status, JoinWords(statuses, "|"))->check(CLI::IsMember(statuses));
  list->add_option("--limit", args->limit, "at most this many (default 200, max 500)");
  list->callback([&session, args] {
    session.action = [&session, args] {
      dv1::ListCallTasksRequest request;
      request.set_store_id(args->store);
      request.set_assignee(args->assignee);
      request.set_customer_id(args->customer);
      if (!args->status.empty()) {
        request.set_status(ProtoOfWord(dispatch::adapters::kTaskStatuses, args->status));
      }
      request.mutable_page()->set_page_size(args->limit);
      dv1::ListCallTasksResponse response;
      Check(DispatchStub(session)->ListCallTasks(session.NewContext().get(), request, &response));
      const std::vector<dv1::CallTask> tasks(response.call_tasks().begin(), response.call_tasks().end());
      if (session.json) {
        PrintJson(ToJsonArray(tasks));
        return 0;
      }
      std::cout << CallTasksTable(tasks) << CallTaskScripts(tasks) << "(" << tasks.size() << " of "
                << response.page().total_count() << " tasks; times in " << kDisplayTimeZone << ")\n";
      return 0;
    };
  });
}

void AddComplete(CLI::App* task, Session& session) {
  struct CompleteArgs {
    std::string id, outcome, note, appointment_at, callback_at, request_id;
  };
  auto args = std::make_shared<CompleteArgs>();
  auto* complete = task->add_subcommand("complete", "complete a task with its outcome (CompleteCallTask)");
  complete->add_option("ID", args->id, "call task id")->required();
  const auto outcomes = CallOutcomeWords();
  complete->add_option("--outcome", args->outcome, JoinWords(outcomes, "|"))
      ->required()
      ->check(CLI::IsMember(outcomes));
  complete->add_option("--note", args->note, "what was said (required for complaint)");
  complete->add_option(
      "--appointment-at", args->appointment_at,
      "appointment_booked: start, \"2027-01-05 10:00\" (" + std::string(kDisplayTimeZone) + ") or RFC 3339");
  complete->add_option("--callback-at", args->callback_at, "callback: when to call again");
  complete->add_option("--request-id", args->request_id, "idempotency key");
  complete->callback([&session, args] {
    session.action = [&session, args] {
      dv1::CompleteCallTaskRequest request;
      request.set_call_task_id(args->id);
      request.set_outcome(ProtoOfWord(dispatch::adapters::kCallOutcomes, args->outcome));
      request.set_notes(args->note);
      if (!args->appointment_at.empty()) {
        *request.mutable_appointment_at() = events::ToTimestamp(TimeFlag("--appointment-at", args->appointment_at));
      }
      if (!args->callback_at.empty()) {
        *request.mutable_callback_at() = events::ToTimestamp(TimeFlag("--callback-at", args->callback_at));
      }
      request.set_request_id(args->request_id);
      dv1::CompleteCallTaskResponse response;
      Check(DispatchStub(session)->CompleteCallTask(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response.call_task()));
      } else {
        std::cout << CallTaskFields(response.call_task());
      }
      return 0;
    };
  });
}

}  // namespace

void AddTaskCommands(CLI::App& app, Session& session) {
  auto* task = app.add_subcommand("task", "staff call and face-to-face tasks (list, complete)");
  task->require_subcommand(1);
  AddList(task, session);
  AddComplete(task, session);
}

void AddFollowUpReportCommand(CLI::App& report, Session& session) {
  struct FollowUpArgs {
    std::string store, month;
  };
  auto args = std::make_shared<FollowUpArgs>();
  auto* follow_up = report.add_subcommand("follow-up", "staff follow-up: call tasks per person, done on time and late");
  follow_up->add_option("--store", args->store, "store id")->required();
  follow_up->add_option("--month", args->month, "YYYY-MM")->required();
  follow_up->callback([&session, args] {
    session.action = [&session, args] {
      dv1::GetFollowUpReportRequest request;
      request.set_store_id(args->store);
      request.set_month(args->month);
      dv1::GetFollowUpReportResponse response;
      Check(DispatchStub(session)->GetFollowUpReport(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(ToJson(response));
      } else {
        std::cout << FollowUpReportTable(response);
      }
      return 0;
    };
  });
}

}  // namespace careloop::ctl
