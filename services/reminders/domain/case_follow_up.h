#pragma once

#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/reminder.h"

// Follow-up timers of a complaint case (REMINDER_KIND_CASE_FOLLOW_UP): the owner is reminded at
// half the SLA, and at the deadline the surveys service escalates an unresolved case.
namespace careloop::reminders::domain {

/// A complaint case as its events tell it.
struct CaseTimerFacts final {
  std::string case_id;
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;
  Instant opened_at{};
  Instant deadline_at{};
};

/// The case's timers: at half the SLA (left out when that moment has passed, or unknown because
/// `opened_at` is unset) and at the deadline. Ids derive from the case, the firing and the
/// deadline: a replay plans the same ids, a moved deadline new ones.
[[nodiscard]] std::vector<Reminder> PlanCaseFollowUps(const CaseTimerFacts& facts, const TimeZone& zone, Instant now);

}  // namespace careloop::reminders::domain
