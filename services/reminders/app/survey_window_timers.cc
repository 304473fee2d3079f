#include "services/reminders/app/survey_window_timers.h"

#include "common/log/log.h"

namespace careloop::reminders::app {

SurveyWindowTimers::SurveyWindowTimers(CareReminders& reminders, RuleBook& rules, const clock::Clock& clock,
                                       const config::StoreCatalog& stores, domain::SurveyReminderTiming timing)
    : reminders_(reminders), rules_(rules), clock_(clock), stores_(stores), timing_(std::move(timing)) {}

void SurveyWindowTimers::OnIssued(const domain::IssuedSurvey& survey) {
  // The reminder goes at the hour the store's invitations go.
  const domain::Rule rule = rules_.For(survey.store_id, domain::ReminderKind::kSurveyInvitation, "");
  for (const auto& timer :
       domain::PlanSurveyWindowTimers(survey, timing_, rule.fire_time, stores_.ZoneOf(survey.store_id), clock_.Now())) {
    if (reminders_.Schedule(timer)) {
      log::Info("survey window timer scheduled", {{"reminder_id", timer.reminder_id},
                                                  {"survey_id", survey.survey_id},
                                                  {"kind", std::string(domain::KindName(timer.kind))},
                                                  {"due_at", FormatRfc3339(timer.due_at)}});
    }
  }
}

void SurveyWindowTimers::OnAnswered(const std::string& survey_id, const std::string& customer_id) {
  std::vector<std::string> open;
  for (const auto& timer : reminders_.ListByCustomer(customer_id)) {
    const bool window_timer =
        timer.kind == domain::ReminderKind::kSurveyReminder || timer.kind == domain::ReminderKind::kSurveyWindowClose;
    if (window_timer && timer.survey_id == survey_id && domain::IsOpen(timer.status)) {
      open.push_back(timer.reminder_id);
    }
  }
  if (!open.empty()) {
    (void)reminders_.Close(open, domain::ReminderStatus::kCancelled, "survey answered");
  }
}

}  // namespace careloop::reminders::app
