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

}  // namespace careloop::reminders::app
