#include "services/surveys/adapters/case_events.h"

#include "careloop/dispatch/v1/events.pb.h"
#include "careloop/reminder/v1/events.pb.h"

namespace careloop::surveys::adapters {

void RouteCases(events::Router& routes, app::CasesApp& cases) {
  namespace dispatch_pb = careloop::dispatch::v1;
  namespace reminder_pb = careloop::reminder::v1;
  routes
      .On<dispatch_pb::CallTaskCompleted>([&cases](const dispatch_pb::CallTaskCompleted& completed) -> Status {
        if (completed.outcome() != dispatch_pb::CALL_OUTCOME_COMPLAINT) {
          return Ok{};
        }
        if (Status valid = events::RequireFields("CallTaskCompleted", {{"call_task_id", completed.call_task_id()},
                                                                       {"customer_id", completed.customer_id()},
                                                                       {"store_id", completed.store_id()}});
            !valid.ok()) {
          return valid;
        }
        return cases.OnCallComplaint({completed.call_task_id(), completed.customer_id(), completed.store_id(),
                                      completed.vehicle_id(), completed.survey_id(), completed.completed_by()});
      })
      .On<reminder_pb::CaseFollowUpDue>([&cases](const reminder_pb::CaseFollowUpDue& due) -> Status {
        if (Status valid = events::RequireFields("CaseFollowUpDue", {{"case_id", due.case_id()}}); !valid.ok()) {
          return valid;
        }
        return cases.OnFollowUpDue(due.case_id());
      });
}

}  // namespace careloop::surveys::adapters
