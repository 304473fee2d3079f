#pragma once

#include <chrono>

#include "common/clock/clock.h"
#include "services/dispatch/app/channel_plan_ports.h"
#include "services/dispatch/app/channel_plans_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/ports.h"
#include "services/dispatch/app/task_ports.h"

namespace careloop::dispatch::app {

/// How the executor times its fallback checks. (A staff task's due time is the task desk's rule:
/// the end of the store's working day.)
struct PlanExecutorOptions final {
  Millis lease{60'000};  ///< a claimed fallback check is retried after this
};

/// Runs a cause's channel plan: walks its steps over the ledger (domain::WalkPlan), sends the
/// current message step through DispatchApp::SendStep, moves on at once when a step fails or
/// cannot reach the customer, and arms the next step's fallback check at the step's send time +
/// its fallback_after_minutes. A staff step opens a task at the TaskDesk. Every step has its own
/// message id (domain::MessageIdFor(cause, occurrence, "wechat"|"sms"|"call"|"face")) and the
/// walk reads their ledger entries, so a replay of the cause continues the plan where it is and
/// never sends a step twice.
class PlanExecutor final {
 public:
  PlanExecutor(ChannelPlansApp& plans, MessageLedger& ledger, FallbackTimers& timers, const clock::Clock& clock,
               PlanExecutorOptions options = {});
  /// Where staff steps go (main.cc wires the call-task desk). Without one, a plan reaching a
  /// staff step ends there, logged.
  void UseTaskDesk(TaskDesk& desk) { desk_ = &desk; }

  /// Continues `request`'s plan; DispatchApp::Process calls it when plans are in use.
  /// `batch`: a batch worker's pass, handed to SendStep (PlanStepContext::batch); null otherwise.
  [[nodiscard]] Result<Outcome> Run(const domain::SendRequest& request, DispatchApp& app, BatchRun* batch = nullptr);

  /// Runs the fallback checks that are due; returns how many were handled.
  int CheckFallbacks(DispatchApp& app, int batch_size = 50);

 private:
  /// Opens the staff step's task and records the step in the ledger (sent, with the task's id as
  /// the provider message id). Without a task desk a first step is recorded suppressed as no
  /// contact, a fallback step not at all (the messages before it stay the cause's record).
  [[nodiscard]] Result<Outcome> OpenTask(const domain::SendRequest& request, const domain::PlanStep& step,
                                         const std::string& message_id, const std::string& reason,
                                         const std::string& plan_id, size_t index);

  ChannelPlansApp& plans_;
  MessageLedger& ledger_;
  FallbackTimers& timers_;
  const clock::Clock& clock_;
  PlanExecutorOptions options_;
  TaskDesk* desk_ = nullptr;
};

}  // namespace careloop::dispatch::app
