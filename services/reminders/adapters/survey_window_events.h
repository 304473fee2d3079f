#pragma once

#include "common/events/router.h"
#include "services/reminders/app/survey_window_timers.h"

namespace careloop::reminders::adapters {

/// careloop.survey.v1 SurveyIssued into the survey's answer-window timers (the non-responder
/// reminder and the close). An event naming no survey, customer or store is poison.
void RouteSurveyWindowTimers(events::Router& routes, app::SurveyWindowTimers& timers);

}  // namespace careloop::reminders::adapters
