#include "services/reminders/domain/insurance.h"

#include <algorithm>

#include "common/base/ids.h"

namespace careloop::reminders::domain {
namespace {

Reminder RenewalReminder(const PolicyFacts& policy, const RenewalPolicy& rule, int lead_days, Instant due_at) {
  Reminder reminder;
  reminder.reminder_id = RenewalReminderId(policy.policy_id, lead_days);
  reminder.customer_id = policy.vehicle.customer_id;
  reminder.vehicle_id = policy.vehicle.vehicle_id;
  reminder.store_id = policy.vehicle.store_id;
  reminder.kind = ReminderKind::kInsuranceRenewal;
  reminder.status = ReminderStatus::kScheduled;
  reminder.due_at = due_at;
  reminder.service_due_date = policy.end_date;
  reminder.policy_id = policy.policy_id;
  reminder.lead_days = lead_days;
  reminder.rule_id = rule.rule_id;
  reminder.template_id = rule.template_id;
  reminder.channel_plan_id = rule.channel_plan_id;
  reminder.reason = std::string(policy.compulsory ? "compulsory" : "commercial") + " policy " + policy.policy_id +
                    " ends on " + policy.end_date.ToString() + ": renewal " + std::to_string(lead_days) +
                    " days before";
  return reminder;
}

}  // namespace

std::string RenewalReminderId(const std::string& policy_id, int lead_days) {
  return DerivedId("rem-", {"insurance_renewal", policy_id, std::to_string(lead_days)});
}

std::vector<Reminder> PlanRenewal(const PolicyFacts& policy, const RenewalPolicy& rule, const PlanningMoment& moment) {
  std::vector<Reminder> planned;
  for (const int lead : rule.lead_days) {
    const Instant at = moment.zone.At(policy.end_date.PlusDays(-lead), rule.send_at);
    if (!(at < moment.now)) {
      planned.push_back(RenewalReminder(policy, rule, lead, at));
    }
  }
  if (!planned.empty() || rule.lead_days.empty()) {
    return planned;
  }
  // Every lead time has passed: one reminder now, unless the policy ended long ago.
  const int last_lead = *std::min_element(rule.lead_days.begin(), rule.lead_days.end());
  Reminder late = RenewalReminder(policy, rule, last_lead, moment.now);
  if (IsMissed(policy.end_date, moment.Today(), moment.grace_days)) {
    late = MarkedMissed(std::move(late), moment.Today(), moment.grace_days);
  }
  planned.push_back(std::move(late));
  return planned;
}

bool Renews(const PolicyFacts& next, const PolicyFacts& previous) {
  return next.vehicle.vehicle_id == previous.vehicle.vehicle_id && next.compulsory == previous.compulsory &&
         next.policy_id != previous.policy_id && previous.end_date < next.end_date &&
         !(previous.end_date.PlusDays(30) < next.start_date);
}

}  // namespace careloop::reminders::domain
