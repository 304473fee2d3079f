#include "services/reminders/app/case_timers.h"

#include <algorithm>

namespace careloop::reminders::app {

namespace {

/// The case's timers still open.
std::vector<domain::Reminder> OpenTimers(CareReminders& reminders, const std::string& case_id,
                                         const std::string& customer_id) {
  std::vector<domain::Reminder> open;
  for (auto& reminder : reminders.ListByCustomer(customer_id)) {
    if (reminder.kind == domain::ReminderKind::kCaseFollowUp && reminder.case_id == case_id &&
        domain::IsOpen(reminder.status)) {
      open.push_back(std::move(reminder));
    }
  }
  return open;
}

}  // namespace

CaseTimers::CaseTimers(CareReminders& reminders, const clock::Clock& clock, const config::StoreCatalog& stores)
    : reminders_(reminders), clock_(clock), stores_(stores) {}

Status CaseTimers::OnOpened(const domain::CaseTimerFacts& facts) {
  for (const auto& timer : domain::PlanCaseFollowUps(facts, stores_.ZoneOf(facts.store_id), clock_.Now())) {
    (void)reminders_.Schedule(timer);
  }
  return Ok{};
}

Status CaseTimers::OnUpdated(const domain::CaseTimerFacts& facts) {
  const auto planned = domain::PlanCaseFollowUps(facts, stores_.ZoneOf(facts.store_id), clock_.Now());
  // Timers due after the new deadline are moot; those before it still remind the owner (the
  // surveys service escalates only at the deadline in force when a timer fires).
  std::vector<std::string> stale;
  for (const auto& open : OpenTimers(reminders_, facts.case_id, facts.customer_id)) {
    const bool planned_now = std::any_of(planned.begin(), planned.end(), [&](const domain::Reminder& timer) {
      return timer.reminder_id == open.reminder_id;
    });
    if (!planned_now && open.due_at > facts.deadline_at) {
      stale.push_back(open.reminder_id);
    }
  }
  if (!stale.empty()) {
    (void)reminders_.Close(stale, domain::ReminderStatus::kCancelled, "complaint case deadline moved");
  }
  for (const auto& timer : planned) {
    (void)reminders_.Schedule(timer);
  }
  return Ok{};
}

Status CaseTimers::OnResolved(const std::string& case_id, const std::string& customer_id) {
  std::vector<std::string> ids;
  for (const auto& open : OpenTimers(reminders_, case_id, customer_id)) {
    ids.push_back(open.reminder_id);
  }
  if (!ids.empty()) {
    (void)reminders_.Close(ids, domain::ReminderStatus::kCancelled, "complaint case resolved");
  }
  return Ok{};
}

}  // namespace careloop::reminders::app
