#pragma once

#include "common/events/router.h"
#include "services/dispatch/app/call_tasks_app.h"

namespace careloop::dispatch::adapters {

/// The call tasks' routes on the customers topic: careloop.customer.v1 ServiceVisitRecorded makes
/// the customer's open face-to-face tasks due on the visit day (a replayed visit changes nothing).
void RouteCallTasks(events::Router& router, app::CallTasksApp& tasks);

}  // namespace careloop::dispatch::adapters
