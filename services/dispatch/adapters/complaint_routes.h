#pragma once

#include "common/events/router.h"
#include "services/dispatch/app/contact_policy_app.h"

namespace careloop::dispatch::adapters {

/// careloop.survey.v1 ComplaintCaseOpened pauses marketing to the customer, ComplaintCaseResolved
/// lifts that case's pause (another open case keeps it). Both idempotent.
void RouteComplaintCases(events::Router& routes, app::ContactPolicyApp& policies);

}  // namespace careloop::dispatch::adapters
