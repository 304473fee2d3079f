#pragma once

#include <string>

#include "common/base/error.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/care_ports.h"
#include "services/reminders/domain/case_follow_up.h"

namespace careloop::reminders::app {

/// The follow-up timers of complaint cases, kept in step with the surveys service's case events:
/// scheduled when a case opens, moved when its deadline moves, cancelled when it is resolved.
/// Every step is idempotent (ids derive from the case and its deadline).
class CaseTimers final {
 public:
  CaseTimers(CareReminders& reminders, const clock::Clock& clock, const config::StoreCatalog& stores);

  /// ComplaintCaseOpened: the timer at half the SLA and the one at the deadline.
  [[nodiscard]] Status OnOpened(const domain::CaseTimerFacts& facts);
  /// ComplaintCaseUpdated: the timer at the (possibly moved) deadline is scheduled and open timers
  /// due after it are cancelled; earlier ones stay as reminders to the owner.
  [[nodiscard]] Status OnUpdated(const domain::CaseTimerFacts& facts);
  /// ComplaintCaseResolved: the case's open timers are cancelled.
  [[nodiscard]] Status OnResolved(const std::string& case_id, const std::string& customer_id);

 private:
  CareReminders& reminders_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::reminders::app
