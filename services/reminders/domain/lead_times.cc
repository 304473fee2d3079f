#include "services/reminders/domain/lead_times.h"

#include <algorithm>

#include "common/base/ids.h"

namespace careloop::reminders::domain {
namespace {

Reminder Firing(const Reminder& base, Date due, const Rule& rule, int lead, Instant at) {
  Reminder reminder = base;
  reminder.reminder_id = LeadTimeReminderId(base.kind, base.vehicle_id, base.anchor_date.ToString(), lead);
  reminder.status = ReminderStatus::kScheduled;
  reminder.due_at = at;
  reminder.service_due_date = due;
  reminder.lead_days = lead;
  reminder.rule_id = rule.rule_id;
  reminder.template_id = rule.template_id;
  reminder.channel_plan_id = rule.channel_plan_id;
  reminder.reason = base.reason + (lead > 0 ? ", " + std::to_string(lead) + " days before" : ", on the day");
  return reminder;
}

}  // namespace

std::string LeadTimeReminderId(ReminderKind kind, const std::string& vehicle_id, const std::string& anchor,
                               int lead_days) {
  return DerivedId("rem-", {KindName(kind), vehicle_id, anchor, std::to_string(lead_days)});
}

std::vector<Reminder> PlanByLeadTimes(const Reminder& base, Date due, const Rule& rule, const PlanningMoment& moment) {
  const std::vector<int> leads = rule.lead_days.empty() ? std::vector<int>{0} : rule.lead_days;
  std::vector<Reminder> planned;
  for (const int lead : leads) {
    const Instant at = moment.zone.At(due.PlusDays(-lead), rule.fire_time);
    if (!(at < moment.now)) {
      planned.push_back(Firing(base, due, rule, lead, at));
    }
  }
  if (!planned.empty()) {
    return planned;
  }
  // Every lead time has passed: one reminder now, unless the date itself is long past.
  Reminder late = Firing(base, due, rule, *std::min_element(leads.begin(), leads.end()), moment.now);
  if (IsMissed(due, moment.Today(), moment.grace_days)) {
    late = MarkedMissed(std::move(late), moment.Today(), moment.grace_days);
  }
  planned.push_back(std::move(late));
  return planned;
}

}  // namespace careloop::reminders::domain
