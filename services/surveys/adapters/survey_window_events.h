#pragma once

#include "common/events/router.h"
#include "services/surveys/app/survey_window_app.h"

namespace careloop::surveys::adapters {

/// careloop.reminder.v1 answer-window timers into their decisions: SurveyReminderDue reminds a
/// non-responder once, SurveyWindowClosed expires an unanswered survey. Other types are skipped;
/// an incomplete event is poison (dead-lettered).
void RouteSurveyWindow(events::Router& router, app::SurveyWindowApp& window);

}  // namespace careloop::surveys::adapters
