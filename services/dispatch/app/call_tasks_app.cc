#include "services/dispatch/app/call_tasks_app.h"

#include <algorithm>

#include "common/base/ids.h"
#include "common/log/log.h"

namespace careloop::dispatch::app {

CallTasksApp::CallTasksApp(CallTaskStore& store, ContactDirectory& contacts, AppointmentBooker& appointments,
                           const clock::Clock& clock, const config::StoreCatalog& stores)
    : store_(store), contacts_(contacts), appointments_(appointments), clock_(clock), stores_(stores) {}

const config::StoreSettings& CallTasksApp::RulesOf(const std::string& store_id) const {
  static const config::StoreSettings kDefaults;
  const config::StoreSettings* store = stores_.Find(store_id);
  return store != nullptr ? *store : kDefaults;
}

Result<std::string> CallTasksApp::Open(const TaskOrder& order) {
  if (order.message_id.empty()) {
    return InvalidArgument("message_id", "is required (it makes a replayed order one task)");
  }
  const std::string task_id = domain::CallTaskIdFor(order.message_id);
  if (store_.Find(task_id)) {
    return task_id;  // a replay
  }
  const domain::SendRequest& request = order.request;
  auto contact = contacts_.Lookup(request.customer_id);
  if (!contact.ok()) {
    return contact.error();
  }
  const std::string store_id = request.store_id.empty() ? contact->store_id : request.store_id;
  const config::StoreSettings& rules = RulesOf(store_id);
  const TimeZone& zone = stores_.ZoneOf(store_id);
  const Instant now = clock_.Now();

  domain::CallTask task;
  task.task_id = task_id;
  task.message_id = order.message_id;
  task.customer_id = request.customer_id;
  task.store_id = store_id;
  task.vehicle_id = request.vehicle_id;
  task.assignee =
      domain::ChooseAssignee(contact.value(), request.vehicle_id, rules.care_desk, order.prefer, order.assignee);
  task.case_id = order.case_id;
  task.channel = order.channel;
  task.kind = request.kind;
  task.cause_id = request.cause_id;
  task.occurrence = request.occurrence;
  if (request.kind == domain::CareKind::kSurveyInvitation) {
    task.survey_id = request.cause_id;
  }
  task.reason = order.reason.empty() ? domain::TaskReason(request) : order.reason;
  task.customer_name = contact->name;
  task.car = domain::CarLabel(contact.value(), request.vehicle_id);
  task.script = domain::CallScript(request.kind, order.channel, contact.value(), request.vehicle_id,
                                   rules.name.empty() ? store_id : rules.name, task.reason);
  task.created_at = now;
  if (order.due_at != Instant{}) {
    task.due_at = order.due_at;
  } else if (order.channel == domain::TaskChannel::kPhoneCall) {
    task.due_at = domain::CallDueAt(now, zone, rules.workday_end);
  }  // a face-to-face task is due at the customer's next visit (OnVisit)
  if (!store_.Open(task, domain::TaskMessage(task))) {
    return task_id;  // opened concurrently by another instance
  }
  log::Info("call task opened", {{"call_task_id", task_id},
                                 {"assignee", task.assignee},
                                 {"channel", std::string(domain::TaskChannelWord(task.channel))},
                                 {"kind", std::string(domain::CareKindName(task.kind))}});
  return task_id;
}

Result<std::vector<domain::CallTask>> CallTasksApp::List(const auth::Principal& caller, const TaskFilter& filter) {
  if (filter.store_id.empty()) {
    return InvalidArgument("store_id", "is required (a task list is a store's)");
  }
  if (!stores_.IsKnown(filter.store_id)) {
    return InvalidArgument("store_id", "unknown store '" + filter.store_id + "'");
  }
  if (Status allowed = caller.RequireStore(filter.store_id); !allowed.ok()) {
    return allowed.error();
  }
  if (filter.due_from && filter.due_to && *filter.due_to < *filter.due_from) {
    return InvalidArgument("due", "the range ends before it starts");
  }
  const TimeZone& zone = stores_.ZoneOf(filter.store_id);
  std::vector<domain::CallTask> tasks =
      filter.customer_id.empty() ? store_.ListByStore(filter.store_id) : store_.ListByCustomer(filter.customer_id);
  const Instant now = clock_.Now();
  std::erase_if(tasks, [&](const domain::CallTask& task) {
    if (task.store_id != filter.store_id || (!filter.assignee.empty() && task.assignee != filter.assignee) ||
        (!filter.customer_id.empty() && task.customer_id != filter.customer_id) ||
        (filter.status && task.status != *filter.status)) {
      return true;
    }
    if (filter.due_from || filter.due_to) {
      if (task.due_at == Instant{}) {
        return true;
      }
      const Date due = zone.DateAt(task.due_at);
      return (filter.due_from && due < *filter.due_from) || (filter.due_to && due > *filter.due_to);
    }
    return false;
  });
  for (auto& task : tasks) {
    task.late = task.late || domain::IsOverdue(task, now);  // late now, even before the escalation pass
  }
  std::stable_sort(tasks.begin(), tasks.end(), [](const domain::CallTask& a, const domain::CallTask& b) {
    const bool a_dated = a.due_at != Instant{};
    const bool b_dated = b.due_at != Instant{};
    if (a_dated != b_dated) {
      return a_dated;
    }
    return a.due_at != b.due_at ? a.due_at < b.due_at : a.task_id < b.task_id;
  });
  return tasks;
}

Status CallTasksApp::MayComplete(const auth::Principal& caller, const domain::CallTask& task) const {
  if (caller.role == auth::Role::kAdmin) {
    return Ok{};
  }
  if (Status allowed = caller.RequireStore(task.store_id); !allowed.ok()) {
    return allowed;
  }
  const config::StoreSettings& rules = RulesOf(task.store_id);
  if (caller.name == task.assignee || caller.name == rules.manager || caller.role == auth::Role::kManager ||
      (!task.escalated_to.empty() && caller.name == task.escalated_to)) {
    return Ok{};
  }
  return Error{ErrorCode::kPermissionDenied, "call_task_id",
               "caller '" + caller.name + "' is neither the assignee '" + task.assignee +
                   "' nor the store's manager of task '" + task.task_id + "'"};
}

Result<std::string> CallTasksApp::BookAppointment(const domain::CallTask& task, const domain::Completion& completion) {
  AppointmentOrder order;
  order.customer_id = task.customer_id;
  order.vehicle_id = task.vehicle_id;
  order.store_id = task.store_id;
  order.scheduled_at = completion.appointment_at;
  order.advisor = task.assignee;
  if (task.kind != domain::CareKind::kSurveyInvitation && task.kind != domain::CareKind::kCaseFollowUp) {
    order.answered_reminder_id = task.cause_id;
  }
  order.note = "电话回访预约（" + task.reason + "）";
  order.request_id = DerivedId("book-", {task.task_id});
  return appointments_.Book(order);
}

Result<domain::CallTask> CallTasksApp::Complete(const auth::Principal& caller, const std::string& task_id,
                                                domain::Completion completion, const std::string& request_id) {
  if (task_id.empty()) {
    return InvalidArgument("call_task_id", "is required");
  }
  auto task = store_.Find(task_id);
  if (!task) {
    return Error{ErrorCode::kNotFound, "call_task_id", "no call task '" + task_id + "'"};
  }
  if (Status allowed = MayComplete(caller, *task); !allowed.ok()) {
    return allowed.error();
  }
  if (task->status == domain::TaskStatus::kCompleted && !request_id.empty() &&
      store_.CompletionRequest(task_id) == request_id) {
    return *task;  // a retried request
  }
  const Instant now = clock_.Now();
  completion.completed_by = caller.name;
  if (Status valid = domain::ValidateCompletion(*task, completion, now); !valid.ok()) {
    return valid.error();
  }
  if (*completion.outcome == domain::CallOutcome::kAppointmentBooked) {
    if (task->vehicle_id.empty()) {
      return InvalidArgument("outcome",
                             "appointment_booked needs a task about a car; book it with the reminders "
                             "service directly");
    }
    auto booked = BookAppointment(*task, completion);
    if (!booked.ok()) {
      return booked.error();
    }
    task->appointment_id = booked.value();
  }
  domain::Complete(*task, completion, now);
  if (!store_.Complete(*task, domain::TaskMessage(*task), request_id)) {
    if (!request_id.empty() && store_.CompletionRequest(task_id) == request_id) {
      return *store_.Find(task_id);  // the same request raced with itself
    }
    return Error{ErrorCode::kFailedPrecondition, "call_task_id", "task '" + task_id + "' was completed meanwhile"};
  }
  log::Info("call task completed", {{"call_task_id", task_id},
                                    {"outcome", std::string(domain::CallOutcomeName(*completion.outcome))},
                                    {"late", task->late ? "true" : "false"}});
  return *task;
}

int CallTasksApp::EscalateOverdue(int batch_size) {
  const Instant now = clock_.Now();
  int escalated = 0;
  for (auto& task : store_.Overdue(now, batch_size)) {
    if (!domain::Escalate(task, RulesOf(task.store_id).manager, now)) {
      continue;
    }
    store_.Escalate(task);
    log::Info("call task late, escalated", {{"call_task_id", task.task_id}, {"escalated_to", task.escalated_to}});
    ++escalated;
  }
  return escalated;
}

int CallTasksApp::OnVisit(const std::string& customer_id, Date visit_date) {
  int changed = 0;
  for (auto& task : store_.ListByCustomer(customer_id)) {
    if (task.channel != domain::TaskChannel::kFaceToFace || task.status != domain::TaskStatus::kOpen ||
        task.due_at != Instant{}) {
      continue;
    }
    if (visit_date < stores_.ZoneOf(task.store_id).DateAt(clock_.Now())) {
      continue;  // a visit recorded after the fact: the task waits for the next one
    }
    task.due_at = domain::VisitDueAt(visit_date, stores_.ZoneOf(task.store_id), RulesOf(task.store_id).workday_end);
    store_.Reschedule(task, "visit");
    ++changed;
  }
  return changed;
}

Result<domain::FollowUpReport> CallTasksApp::Report(const auth::Principal& caller, const std::string& store_id,
                                                    const std::string& month) {
  if (store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  if (!stores_.IsKnown(store_id)) {
    return InvalidArgument("store_id", "unknown store '" + store_id + "'");
  }
  if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
    return allowed.error();
  }
  auto first = domain::ParseMonth(month);
  if (!first.ok()) {
    return first.error();
  }
  return domain::BuildFollowUpReport(store_id, first.value(), store_.ListByStore(store_id), stores_.ZoneOf(store_id),
                                     clock_.Now());
}

}  // namespace careloop::dispatch::app
