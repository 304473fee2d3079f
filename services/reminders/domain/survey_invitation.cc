#include "services/reminders/domain/survey_invitation.h"

#include <algorithm>

#include "common/base/ids.h"

namespace careloop::reminders::domain {

std::optional<Reminder> PlanSurveyInvitation(const SurveyOccasion& occasion, const Rule& rule,
                                             const SurveyInvitationLimits& limits, const PlanningMoment& moment) {
  if (!rule.enabled || !occasion.date.IsValid()) {
    return std::nullopt;
  }
  const bool delivery = occasion.visit_id.empty();
  const int delay_days = delivery ? limits.delivery_call_days : rule.interval_days;
  const int max_age_days = delivery ? limits.max_delivery_age_days : limits.max_visit_age_days;
  const Date invite_date = occasion.date.PlusDays(delay_days);
  const Instant planned = moment.zone.At(invite_date, rule.fire_time);
  const Instant due_at = std::max(planned, moment.now);
  if (moment.zone.DateAt(due_at).DaysSinceEpoch() - occasion.date.DaysSinceEpoch() > max_age_days) {
    return std::nullopt;
  }
  Reminder reminder;
  reminder.reminder_id = delivery ? DerivedId("rem-", {"survey_invitation", "delivery", occasion.vehicle.vehicle_id})
                                  : DerivedId("rem-", {"survey_invitation", "visit", occasion.visit_id});
  reminder.customer_id = occasion.vehicle.customer_id;
  reminder.vehicle_id = occasion.vehicle.vehicle_id;
  reminder.store_id = occasion.vehicle.store_id;
  reminder.kind = ReminderKind::kSurveyInvitation;
  reminder.due_at = due_at;
  reminder.service_due_date = moment.zone.DateAt(due_at);
  reminder.visit_id = occasion.visit_id;
  reminder.advisor = occasion.advisor;
  reminder.rule_id = rule.rule_id;
  reminder.template_id = rule.template_id;
  reminder.channel_plan_id = rule.channel_plan_id;
  reminder.anchor_date = occasion.date;
  reminder.reason = delivery ? "3-day follow-up call after the delivery on " + occasion.date.ToString()
                             : "service follow-up after the visit on " + occasion.date.ToString();
  return reminder;
}

}  // namespace careloop::reminders::domain
