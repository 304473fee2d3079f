#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/dispatch/domain/call_task.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::app {

/// Port: where call and face-to-face tasks are kept. Every change is one atomic write together
/// with its event (CallTaskCreated, CallTaskCompleted, CallTaskEscalated, CallTaskRescheduled)
/// and, where it has one, the ledger message of the contact.
class CallTaskStore {
 public:
  virtual ~CallTaskStore() = default;

  [[nodiscard]] virtual std::optional<domain::CallTask> Find(const std::string& task_id) = 0;
  /// Stores a new task with its ledger message (channel "call"/"face", `call_task_id` set) and
  /// CallTaskCreated. False, and nothing written, when the task exists (a replayed order).
  [[nodiscard]] virtual bool Open(const domain::CallTask& task, const domain::Message& message) = 0;
  /// Stores the completed task, its ledger message's result and CallTaskCompleted, guarded by the
  /// task: false, and nothing written, when it was completed before (see CompletionRequest).
  [[nodiscard]] virtual bool Complete(const domain::CallTask& task, const domain::Message& message,
                                      const std::string& request_id) = 0;
  /// The request id that completed the task; nullopt when it was not completed.
  [[nodiscard]] virtual std::optional<std::string> CompletionRequest(const std::string& task_id) = 0;
  /// Stores a task marked late and escalated, and CallTaskEscalated.
  virtual void Escalate(const domain::CallTask& task) = 0;
  /// Stores a task's new due time, and CallTaskRescheduled (a face-to-face task at the visit).
  virtual void Reschedule(const domain::CallTask& task, const std::string& why) = 0;

  /// Open tasks due before `now` and not escalated yet, earliest due first.
  [[nodiscard]] virtual std::vector<domain::CallTask> Overdue(Instant now, int limit) = 0;
  /// A store's tasks, earliest due first (undated face-to-face tasks last).
  [[nodiscard]] virtual std::vector<domain::CallTask> ListByStore(const std::string& store_id) = 0;
  /// A customer's tasks, earliest due first (undated face-to-face tasks last).
  [[nodiscard]] virtual std::vector<domain::CallTask> ListByCustomer(const std::string& customer_id) = 0;
};

/// What booking an appointment from a call needs.
struct AppointmentOrder final {
  std::string customer_id;
  std::string vehicle_id;
  std::string store_id;
  Instant scheduled_at{};
  int duration_minutes = 60;         ///< the usual service slot (the reminders service requires one)
  std::string advisor;               ///< the staff member who booked it on the call
  std::string answered_reminder_id;  ///< the reminder the call was about, if any
  std::string note;
  std::string request_id;  ///< derived from the task: a retried completion books once
};

/// Port: the reminders service's appointment book. Returns the appointment id. INVALID_ARGUMENT
/// as the reminders service says it (e.g. an unknown vehicle); UNAVAILABLE when unreachable.
class AppointmentBooker {
 public:
  virtual ~AppointmentBooker() = default;
  [[nodiscard]] virtual Result<std::string> Book(const AppointmentOrder& order) = 0;
};

}  // namespace careloop::dispatch::app
