#pragma once

#include <string>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/care_ports.h"
#include "services/reminders/app/rules_ports.h"
#include "services/reminders/domain/survey_window.h"

namespace careloop::reminders::app {

/// The answer-window timers of issued surveys (domain::PlanSurveyWindowTimers): on SurveyIssued,
/// the non-responder reminder at the store's survey-invitation hour and the close at the
/// survey's expires_at. Their firings publish SurveyReminderDue and SurveyWindowClosed with the
/// ReminderDue (the ordinary FireDue). Idempotent: timer ids derive from the survey.
class SurveyWindowTimers final {
 public:
  SurveyWindowTimers(CareReminders& reminders, RuleBook& rules, const clock::Clock& clock,
                     const config::StoreCatalog& stores, domain::SurveyReminderTiming timing);

  /// Schedules the issued survey's timers; a replay schedules nothing new.
  void OnIssued(const domain::IssuedSurvey& survey);
  /// SurveyAnswered: the survey's open timers are cancelled (their firings would change nothing).
  void OnAnswered(const std::string& survey_id, const std::string& customer_id);

 private:
  CareReminders& reminders_;
  RuleBook& rules_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  domain::SurveyReminderTiming timing_;
};

}  // namespace careloop::reminders::app
