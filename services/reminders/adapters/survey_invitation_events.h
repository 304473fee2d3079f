#pragma once

#include "common/events/router.h"
#include "services/reminders/app/survey_invitations_app.h"

namespace careloop::reminders::adapters {

/// careloop.customer.v1 VehicleDelivered (the sales consultant is rated) and ServiceVisitRecorded
/// (the visit's advisor is rated) plan the occasion's survey invitation.
void RouteSurveyInvitations(events::Router& router, app::SurveyInvitationsApp& invitations);

}  // namespace careloop::reminders::adapters
