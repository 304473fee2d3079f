#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/call_task_ports.h"
#include "services/dispatch/app/ports.h"
#include "services/dispatch/app/task_ports.h"
#include "services/dispatch/domain/call_task.h"

namespace careloop::dispatch::app {

/// Which tasks a list shows. `store_id` is required (the list is store-scoped).
struct TaskFilter final {
  std::string store_id;
  std::string assignee;
  std::string customer_id;
  std::optional<domain::TaskStatus> status;
  std::optional<Date> due_from;  ///< store-local, inclusive
  std::optional<Date> due_to;    ///< store-local, inclusive
};

/// The staff task desk and its use cases: open a task (TaskDesk), list a store's tasks,
/// complete one (only its assignee, the store's manager or an admin), escalate late ones to the
/// store manager, make a face-to-face task due at the customer's visit, and the follow-up report.
class CallTasksApp final : public TaskDesk {
 public:
  CallTasksApp(CallTaskStore& store, ContactDirectory& contacts, AppointmentBooker& appointments,
               const clock::Clock& clock, const config::StoreCatalog& stores);

  /// Picks the assignee from the customer record, writes the script and the due time, and
  /// stores the task with its ledger message. Idempotent on order.message_id. NOT_FOUND for an
  /// unknown customer; UNAVAILABLE (retryable) when the customer record cannot be read.
  [[nodiscard]] Result<std::string> Open(const TaskOrder& order) override;

  /// Earliest due first; undated face-to-face tasks last.
  [[nodiscard]] Result<std::vector<domain::CallTask>> List(const auth::Principal& caller, const TaskFilter& filter);

  /// Completes a task. Idempotent on `request_id` (a retry answers the task as completed).
  /// appointment_booked books the appointment with the reminders service first; complaint is
  /// announced in CallTaskCompleted. Bad input changes nothing.
  [[nodiscard]] Result<domain::CallTask> Complete(const auth::Principal& caller, const std::string& task_id,
                                                  domain::Completion completion, const std::string& request_id);

  /// Marks open tasks past their due time late and escalates them to the store manager; returns
  /// how many were escalated.
  int EscalateOverdue(int batch_size = 100);

  /// The customer visited on `visit_date`: their open face-to-face tasks become due that day.
  /// Returns how many tasks changed (a replayed visit changes nothing).
  int OnVisit(const std::string& customer_id, Date visit_date);

  /// The store's follow-up report for a month ("YYYY-MM").
  [[nodiscard]] Result<domain::FollowUpReport> Report(const auth::Principal& caller, const std::string& store_id,
                                                      const std::string& month);

 private:
  [[nodiscard]] const config::StoreSettings& RulesOf(const std::string& store_id) const;
  [[nodiscard]] Status MayComplete(const auth::Principal& caller, const domain::CallTask& task) const;
  [[nodiscard]] Result<std::string> BookAppointment(const domain::CallTask& task, const domain::Completion& completion);

  CallTaskStore& store_;
  ContactDirectory& contacts_;
  AppointmentBooker& appointments_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::dispatch::app
