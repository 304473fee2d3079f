#pragma once

#include "common/events/router.h"
#include "services/reminders/app/survey_window_timers.h"

namespace careloop::reminders::adapters {

/// careloop.survey.v1 SurveyIssued into the survey's answer-window timers (the non-responder
/// reminder and the close); SurveyAnswered cancels those still open. An event naming no survey,
/// customer (or, issued, store) is poison.
void RouteSurveyWindowTimers(events::Router& routes, app::SurveyWindowTimers& timers);

}  // namespace careloop::reminders::adapters
