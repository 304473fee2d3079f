#include "services/surveys/app/survey_window_app.h"

#include "common/log/log.h"
#include "services/surveys/domain/survey_window.h"

namespace careloop::surveys::app {

SurveyWindowApp::SurveyWindowApp(SurveyWindowStore& store, const clock::Clock& clock) : store_(store), clock_(clock) {}

std::optional<domain::Survey> SurveyWindowApp::SurveyOf(const WindowTimerFired& fired) {
  auto survey = store_.Find(fired.survey_id);
  if (!survey || survey->customer_id != fired.customer_id) {
    log::Warn("survey window timer names no survey of its customer: skipped",
              {{"reminder_id", fired.reminder_id}, {"survey_id", fired.survey_id}});
    return std::nullopt;
  }
  return survey;
}

WindowOutcome SurveyWindowApp::OnReminderDue(const WindowTimerFired& fired) {
  const auto survey = SurveyOf(fired);
  if (!survey) {
    return WindowOutcome::kUnknownSurvey;
  }
  const Instant now = clock_.Now();
  if (!domain::WantsReminder(*survey, now) ||
      store_.RecordReminded(*survey, fired.reminder_id, now) != WindowWrite::kWritten) {
    return WindowOutcome::kNothingToDo;
  }
  log::Info("survey non-responder reminded", {{"survey_id", survey->survey_id}, {"reminder_id", fired.reminder_id}});
  return WindowOutcome::kReminded;
}

WindowOutcome SurveyWindowApp::OnWindowClosed(const WindowTimerFired& fired) {
  const auto survey = SurveyOf(fired);
  if (!survey) {
    return WindowOutcome::kUnknownSurvey;
  }
  const Instant now = clock_.Now();
  const auto expired = domain::ExpireAt(*survey, now);
  if (!expired || store_.Expire(*expired, now) != WindowWrite::kWritten) {
    return WindowOutcome::kNothingToDo;
  }
  log::Info("survey expired unanswered", {{"survey_id", survey->survey_id}});
  return WindowOutcome::kExpired;
}

}  // namespace careloop::surveys::app
