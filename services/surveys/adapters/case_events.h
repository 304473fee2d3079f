#pragma once

#include "common/events/router.h"
#include "services/surveys/app/cases_app.h"

namespace careloop::surveys::adapters {

/// Complaint-case routes: careloop.dispatch.v1 CallTaskCompleted with the outcome COMPLAINT
/// opens a case (once per call task); careloop.reminder.v1 CaseFollowUpDue escalates a late case.
void RouteCases(events::Router& routes, app::CasesApp& cases);

}  // namespace careloop::surveys::adapters
