#include "services/reminders/domain/case_follow_up.h"

#include "common/base/ids.h"

namespace careloop::reminders::domain {

namespace {

Reminder Timer(const CaseTimerFacts& facts, const TimeZone& zone, std::string_view firing, Instant due_at,
               std::string reason) {
  Reminder reminder;
  reminder.reminder_id = DerivedId(
      "rem-", {"case_follow_up", facts.case_id, firing, std::to_string(facts.deadline_at.time_since_epoch().count())});
  reminder.customer_id = facts.customer_id;
  reminder.vehicle_id = facts.vehicle_id;
  reminder.store_id = facts.store_id;
  reminder.kind = ReminderKind::kCaseFollowUp;
  reminder.status = ReminderStatus::kScheduled;
  reminder.due_at = due_at;
  reminder.service_due_date = zone.DateAt(facts.deadline_at);
  reminder.case_id = facts.case_id;
  reminder.reason = std::move(reason);
  if (facts.opened_at != Instant{}) {
    reminder.anchor_date = zone.DateAt(facts.opened_at);
  }
  return reminder;
}

}  // namespace

std::vector<Reminder> PlanCaseFollowUps(const CaseTimerFacts& facts, const TimeZone& zone, Instant now) {
  std::vector<Reminder> timers;
  if (facts.opened_at != Instant{} && facts.opened_at < facts.deadline_at) {
    const Instant half = facts.opened_at + (facts.deadline_at - facts.opened_at) / 2;
    if (half > now) {
      timers.push_back(Timer(facts, zone, "half", half, "投诉处理时限过半：负责人跟进"));
    }
  }
  timers.push_back(Timer(facts, zone, "deadline", facts.deadline_at, "投诉处理时限已到：未解决则升级"));
  return timers;
}

}  // namespace careloop::reminders::domain
