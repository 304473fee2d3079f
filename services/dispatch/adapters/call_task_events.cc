#include "services/dispatch/adapters/call_task_events.h"

#include "careloop/customer/v1/events.pb.h"
#include "common/log/log.h"

namespace careloop::dispatch::adapters {

namespace customer_pb = careloop::customer::v1;

void RouteCallTasks(events::Router& router, app::CallTasksApp& tasks) {
  router.On<customer_pb::ServiceVisitRecorded>([&tasks](const customer_pb::ServiceVisitRecorded& visit) -> Status {
    if (Status valid = events::RequireFields("ServiceVisitRecorded", {{"customer_id", visit.customer_id()}});
        !valid.ok()) {
      return valid;
    }
    if (!visit.has_visit_date()) {
      return InvalidArgument("ServiceVisitRecorded.visit_date", "is required");
    }
    const int due = tasks.OnVisit(visit.customer_id(), events::FromProto(visit.visit_date()));
    if (due > 0) {
      log::Info("face-to-face tasks due at the visit",
                {{"visit_id", visit.visit_id()}, {"tasks", std::to_string(due)}});
    }
    return Ok{};
  });
}

}  // namespace careloop::dispatch::adapters
