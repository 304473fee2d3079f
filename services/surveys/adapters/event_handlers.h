#pragma once

#include "common/events/router.h"
#include "services/surveys/app/surveys_app.h"

namespace careloop::surveys::adapters {

/// careloop.reminder.v1 SurveyInvitationDue issues the survey the timer asks for (a service survey
/// after a visit, the sales survey of a delivery). Other types are skipped; an undecodable or
/// incomplete event of a known type is poison.
void RouteSurveyInvitations(events::Router& router, app::SurveysApp& app);

}  // namespace careloop::surveys::adapters
