#include "services/reminders/domain/replan.h"

#include <algorithm>

#include "services/reminders/domain/insurance.h"
#include "services/reminders/domain/lead_times.h"

namespace careloop::reminders::domain {
namespace {

bool HasLead(const Rule& rule, int lead) {
  if (rule.lead_days.empty()) {
    return lead == 0;
  }
  return std::find(rule.lead_days.begin(), rule.lead_days.end(), lead) != rule.lead_days.end();
}

bool SameSchedule(const Reminder& a, const Reminder& b) {
  return a.due_at == b.due_at && a.service_due_date == b.service_due_date && a.service_due_km == b.service_due_km &&
         a.lead_days == b.lead_days && a.rule_id == b.rule_id && a.template_id == b.template_id &&
         a.channel_plan_id == b.channel_plan_id;
}

std::string FiringId(const Reminder& sibling, int lead) {
  if (sibling.kind == ReminderKind::kInsuranceRenewal) {
    return RenewalReminderId(sibling.policy_id, lead);
  }
  return LeadTimeReminderId(sibling.kind, sibling.vehicle_id, sibling.anchor_date.ToString(), lead);
}

}  // namespace

bool PlannedByRule(const Reminder& reminder) {
  return !reminder.rule_id.empty() || IsMaintenance(reminder.kind) ||
         reminder.kind == ReminderKind::kInsuranceRenewal || reminder.kind == ReminderKind::kWarrantyExpiry ||
         reminder.kind == ReminderKind::kAnnualInspection;
}

Replanned Replan(const Reminder& pending, const Rule& rule, const std::vector<OdometerReading>& readings,
                 const PlanningMoment& moment, const std::string& why) {
  if (!rule.enabled) {
    return {ReplanAction::kCancel, pending, "rule " + rule.rule_id + " disabled"};
  }
  Reminder moved = pending;
  if (IsMaintenance(pending.kind)) {
    moved.lead_days = FirstLead(rule);
  } else if (!HasLead(rule, pending.lead_days)) {
    return {ReplanAction::kCancel, pending,
            "rule " + rule.rule_id + " no longer reminds " + std::to_string(pending.lead_days) + " days before"};
  }
  const bool recomputes =
      (IsMaintenance(pending.kind) || pending.kind == ReminderKind::kWarrantyExpiry) && pending.anchor_date.IsValid();
  if (recomputes) {
    const int anchor_km = pending.kind == ReminderKind::kWarrantyExpiry ? 0 : pending.anchor_km;
    const MaintenanceDue due = DueByRule(pending.anchor_date, anchor_km, rule, readings);
    if (due.due_date.IsValid()) {
      moved.service_due_date = due.due_date;
      moved.service_due_km = rule.interval_km > 0 ? due.due_km : 0;
    }
  }
  moved.due_at =
      std::max(moment.zone.At(moved.service_due_date.PlusDays(-moved.lead_days), rule.fire_time), moment.now);
  moved.rule_id = rule.rule_id;
  moved.template_id = rule.template_id;
  moved.channel_plan_id = rule.channel_plan_id;
  if (SameSchedule(moved, pending)) {
    return {ReplanAction::kKeep, pending, ""};
  }
  if (IsMissed(moved.service_due_date, moment.Today(), moment.grace_days)) {
    Reminder missed = MarkedMissed(moved, moment.Today(), moment.grace_days);
    return {ReplanAction::kMiss, missed, missed.reason};
  }
  moved.reason = why + ": due " + moved.service_due_date.ToString() +
                 (moved.lead_days > 0 ? ", reminded " + std::to_string(moved.lead_days) + " days before" : "");
  return {ReplanAction::kMove, moved, moved.reason};
}

std::vector<Reminder> AddedFirings(const Reminder& sibling, const Rule& rule, const PlanningMoment& moment) {
  std::vector<Reminder> added;
  if (!rule.enabled || IsMaintenance(sibling.kind)) {
    return added;
  }
  for (const int lead : rule.lead_days) {
    const Instant at = moment.zone.At(sibling.service_due_date.PlusDays(-lead), rule.fire_time);
    if (at < moment.now) {
      continue;
    }
    Reminder firing = sibling;
    firing.reminder_id = FiringId(sibling, lead);
    firing.status = ReminderStatus::kScheduled;
    firing.occurrence = 1;
    firing.fired_at = Instant{};
    firing.due_at = at;
    firing.lead_days = lead;
    firing.rule_id = rule.rule_id;
    firing.template_id = rule.template_id;
    firing.channel_plan_id = rule.channel_plan_id;
    firing.reason = "rule " + rule.rule_id + " reminds " + std::to_string(lead) + " days before " +
                    sibling.service_due_date.ToString();
    added.push_back(std::move(firing));
  }
  return added;
}

std::optional<Instant> FollowUpMoment(const Reminder& fired, const Rule& rule, const TimeZone& zone) {
  if (!IsMaintenance(fired.kind) || fired.occurrence != 1 || !rule.enabled || rule.follow_up_days <= 0) {
    return std::nullopt;
  }
  return zone.At(zone.DateAt(fired.fired_at).PlusDays(rule.follow_up_days), rule.fire_time);
}

}  // namespace careloop::reminders::domain
