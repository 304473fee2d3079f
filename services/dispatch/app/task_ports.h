#pragma once

#include <string>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/dispatch/domain/call_task.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::app {

/// Which kind of staff task a contact becomes (the domain's: the task rules need it too).
using TaskChannel = domain::TaskChannel;

/// A contact that a named staff member makes instead of (or after) a message: a call task, or a
/// face-to-face task shown at the customer's next visit. `message_id` is the ledger id of this
/// step of the contact (domain::MessageIdFor(cause, occurrence, "call" or "face")): opening the
/// same order twice opens one task.
struct TaskOrder final {
  std::string message_id;
  domain::SendRequest request;
  TaskChannel channel = TaskChannel::kPhoneCall;
  /// Why staff are asked (for the script), e.g. "微信和短信均未送达".
  std::string reason;
  /// When the call should be made by; a task not done by then is late.
  Instant due_at{};
  /// Whom the plan step prefers (domain::ChooseAssignee); a named staff member wins over it.
  domain::StepAssignee prefer = domain::StepAssignee::kAssignedAdvisor;
  std::string assignee;  ///< a named staff member (the case owner of a case follow-up); empty: by `prefer`
  std::string case_id;   ///< the complaint case a case follow-up is about
};

/// Port: the store's staff task desk (call tasks and face-to-face tasks). The channel plan
/// executor hands a step to it; it picks the assignee (the car's service advisor, else the
/// record's owner, else the store's care desk), stores the task and announces CallTaskCreated,
/// atomically. Idempotent on TaskOrder::message_id: a replay returns the same task id.
/// UNAVAILABLE (retryable) when the customer record cannot be read right now.
class TaskDesk {
 public:
  virtual ~TaskDesk() = default;
  [[nodiscard]] virtual Result<std::string> Open(const TaskOrder& order) = 0;
};

}  // namespace careloop::dispatch::app
