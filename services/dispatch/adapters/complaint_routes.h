#pragma once

#include "common/events/router.h"
#include "services/dispatch/app/case_follow_ups.h"
#include "services/dispatch/app/contact_policy_app.h"

namespace careloop::dispatch::adapters {

/// careloop.survey.v1 ComplaintCaseOpened pauses marketing to the customer, ComplaintCaseResolved
/// lifts that case's pause (another open case keeps it). Both idempotent.
void RouteComplaintCases(events::Router& routes, app::ContactPolicyApp& policies);

/// The case owner's follow-up calls: ComplaintCaseOpened/Updated/Resolved keep the case's owner
/// and deadline, careloop.reminder.v1 CaseFollowUpDue before the deadline and an escalation open
/// the owner's call task (docs/cases.md).
void RouteCaseFollowUps(events::Router& routes, app::CaseFollowUpsApp& follow_ups);

}  // namespace careloop::dispatch::adapters
