#pragma once

#include "common/events/router.h"
#include "services/reminders/app/case_timers.h"

namespace careloop::reminders::adapters {

/// careloop.survey.v1 complaint cases into their follow-up timers: ComplaintCaseOpened schedules,
/// ComplaintCaseUpdated moves with the deadline, ComplaintCaseResolved cancels. An event naming no
/// case or customer is poison.
void RouteCaseTimers(events::Router& routes, app::CaseTimers& timers);

}  // namespace careloop::reminders::adapters
