#pragma once

#include <string>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/dispatch/app/case_ports.h"
#include "services/dispatch/app/task_ports.h"

namespace careloop::dispatch::app {

/// A complaint case's follow-up timer firing (careloop.reminder.v1 CaseFollowUpDue).
struct CaseFollowUpFiring final {
  std::string reminder_id;
  int occurrence = 1;
  std::string case_id;
  Instant due_at{};
};

/// A change of a case (careloop.survey.v1 ComplaintCaseUpdated).
struct CaseChange final {
  std::string case_id;
  std::string owner;       ///< the owner after the change (empty: not told)
  Instant deadline_at{};   ///< the deadline after the change (unset: not told)
  bool escalated = false;  ///< the change is the escalation of a late case to the owner's manager
};

/// The case owner's follow-up calls (docs/cases.md "Follow-up calls"): the reminders service's
/// timer before the deadline (at half the SLA) puts a call task on the owner's list, and an
/// escalation puts one on the new owner's (the manager's). Nothing is ever sent to the customer
/// for it; each firing and each escalation is one task, however often its event is replayed.
class CaseFollowUpsApp final {
 public:
  CaseFollowUpsApp(CaseRoster& roster, TaskDesk& desk);

  /// ComplaintCaseOpened: remember the case (owner, deadline).
  Status OnOpened(const CaseFacts& facts);
  /// ComplaintCaseUpdated: keep the owner and deadline current; an escalation is the new owner's call.
  Status OnUpdated(const CaseChange& change);
  /// ComplaintCaseResolved: nothing more to follow up.
  Status OnResolved(const std::string& case_id);
  /// CaseFollowUpDue: a firing before the deadline is the owner's call; the one at the deadline
  /// is the surveys service's escalation (OnUpdated). A case resolved or never heard of: nothing.
  Status OnFollowUpDue(const CaseFollowUpFiring& firing);

 private:
  /// The owner's call task; `reminder_id` the timer that asked for it (empty for an escalation).
  Status OpenCall(const CaseFacts& facts, const std::string& reminder_id, const std::string& message_id,
                  const std::string& reason);

  CaseRoster& roster_;
  TaskDesk& desk_;
};

}  // namespace careloop::dispatch::app
