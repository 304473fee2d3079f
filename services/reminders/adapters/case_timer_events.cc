#include "services/reminders/adapters/case_timer_events.h"

#include "careloop/survey/v1/events.pb.h"

namespace careloop::reminders::adapters {

void RouteCaseTimers(events::Router& routes, app::CaseTimers& timers) {
  namespace survey_pb = careloop::survey::v1;
  routes
      .On<survey_pb::ComplaintCaseOpened>([&timers](const survey_pb::ComplaintCaseOpened& opened) -> Status {
        if (Status valid = events::RequireFields(
                "ComplaintCaseOpened", {{"case_id", opened.case_id()}, {"customer_id", opened.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        return timers.OnOpened({opened.case_id(), opened.customer_id(), opened.store_id(), opened.vehicle_id(),
                                events::FromTimestamp(opened.opened_at()),
                                events::FromTimestamp(opened.deadline_at())});
      })
      .On<survey_pb::ComplaintCaseUpdated>([&timers](const survey_pb::ComplaintCaseUpdated& updated) -> Status {
        if (Status valid = events::RequireFields(
                "ComplaintCaseUpdated", {{"case_id", updated.case_id()}, {"customer_id", updated.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        if (updated.status() == survey_pb::CASE_STATUS_RESOLVED || !updated.has_deadline_at()) {
          return Ok{};
        }
        return timers.OnUpdated({updated.case_id(), updated.customer_id(), updated.store_id(), "", Instant{},
                                 events::FromTimestamp(updated.deadline_at())});
      })
      .On<survey_pb::ComplaintCaseResolved>([&timers](const survey_pb::ComplaintCaseResolved& resolved) -> Status {
        if (Status valid = events::RequireFields(
                "ComplaintCaseResolved", {{"case_id", resolved.case_id()}, {"customer_id", resolved.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        return timers.OnResolved(resolved.case_id(), resolved.customer_id());
      });
}

}  // namespace careloop::reminders::adapters
