#include "services/reminders/domain/survey_window.h"

#include <algorithm>

#include "common/base/ids.h"

namespace careloop::reminders::domain {
namespace {

Reminder Timer(const IssuedSurvey& survey, const TimeZone& zone, ReminderKind kind, std::string_view firing,
               Instant due_at, std::string reason) {
  Reminder timer;
  timer.reminder_id = DerivedId("rem-", {firing, survey.survey_id});
  timer.customer_id = survey.customer_id;
  timer.vehicle_id = survey.vehicle_id;
  timer.store_id = survey.store_id;
  timer.kind = kind;
  timer.status = ReminderStatus::kScheduled;
  timer.due_at = due_at;
  timer.service_due_date = zone.DateAt(survey.expires_at);
  timer.survey_id = survey.survey_id;
  timer.anchor_date = zone.DateAt(survey.issued_at);
  timer.reason = std::move(reason);
  return timer;
}

}  // namespace

int SurveyReminderTiming::ReminderAfterDays(const std::string& store_id) const {
  const auto own = reminder_after_days_by_store.find(store_id);
  return own == reminder_after_days_by_store.end() ? reminder_after_days : own->second;
}

std::vector<Reminder> PlanSurveyWindowTimers(const IssuedSurvey& survey, const SurveyReminderTiming& timing,
                                             TimeOfDay fire_time, const TimeZone& zone, Instant now) {
  std::vector<Reminder> timers;
  if (survey.expires_at == Instant{} || survey.expires_at <= survey.issued_at) {
    return timers;
  }
  const int after_days = timing.ReminderAfterDays(survey.store_id);
  if (after_days > 0) {
    const Date reminder_date = zone.DateAt(survey.issued_at).PlusDays(after_days);
    const Instant due_at = std::max(zone.At(reminder_date, fire_time), now);
    if (due_at + timing.min_lead <= survey.expires_at) {
      timers.push_back(
          Timer(survey, zone, ReminderKind::kSurveyReminder, "survey_reminder", due_at, "回访未答复：提醒客户一次"));
    }
  }
  timers.push_back(Timer(survey, zone, ReminderKind::kSurveyWindowClose, "survey_window_close", survey.expires_at,
                         "回访答题期截止：未答复则过期"));
  return timers;
}

}  // namespace careloop::reminders::domain
