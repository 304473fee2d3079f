#include "services/dispatch/adapters/complaint_routes.h"

#include "careloop/reminder/v1/events.pb.h"
#include "careloop/survey/v1/events.pb.h"
#include "common/events/proto_event.h"

namespace careloop::dispatch::adapters {

void RouteComplaintCases(events::Router& routes, app::ContactPolicyApp& policies) {
  namespace survey_pb = careloop::survey::v1;
  routes
      .On<survey_pb::ComplaintCaseOpened>([&policies](const survey_pb::ComplaintCaseOpened& opened) -> Status {
        if (Status valid = events::RequireFields(
                "ComplaintCaseOpened", {{"case_id", opened.case_id()}, {"customer_id", opened.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        return policies.CaseOpened(opened.customer_id(), opened.case_id());
      })
      .On<survey_pb::ComplaintCaseResolved>([&policies](const survey_pb::ComplaintCaseResolved& resolved) -> Status {
        if (Status valid = events::RequireFields(
                "ComplaintCaseResolved", {{"case_id", resolved.case_id()}, {"customer_id", resolved.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        return policies.CaseResolved(resolved.customer_id(), resolved.case_id());
      });
}

void RouteCaseFollowUps(events::Router& routes, app::CaseFollowUpsApp& follow_ups) {
  namespace survey_pb = careloop::survey::v1;
  namespace reminder_pb = careloop::reminder::v1;
  routes
      .On<survey_pb::ComplaintCaseOpened>([&follow_ups](const survey_pb::ComplaintCaseOpened& opened) -> Status {
        if (Status valid = events::RequireFields(
                "ComplaintCaseOpened",
                {{"case_id", opened.case_id()}, {"customer_id", opened.customer_id()}, {"owner", opened.owner()}});
            !valid.ok()) {
          return valid;
        }
        return follow_ups.OnOpened({opened.case_id(), opened.customer_id(), opened.store_id(), opened.vehicle_id(),
                                    opened.owner(), events::FromTimestamp(opened.deadline_at())});
      })
      .On<survey_pb::ComplaintCaseUpdated>([&follow_ups](const survey_pb::ComplaintCaseUpdated& updated) -> Status {
        if (Status valid = events::RequireFields("ComplaintCaseUpdated", {{"case_id", updated.case_id()}});
            !valid.ok()) {
          return valid;
        }
        return follow_ups.OnUpdated(
            {updated.case_id(), updated.owner(),
             updated.has_deadline_at() ? events::FromTimestamp(updated.deadline_at()) : Instant{},
             updated.escalated()});
      })
      .On<survey_pb::ComplaintCaseResolved>([&follow_ups](const survey_pb::ComplaintCaseResolved& resolved) -> Status {
        if (Status valid = events::RequireFields("ComplaintCaseResolved", {{"case_id", resolved.case_id()}});
            !valid.ok()) {
          return valid;
        }
        return follow_ups.OnResolved(resolved.case_id());
      })
      .On<reminder_pb::CaseFollowUpDue>([&follow_ups](const reminder_pb::CaseFollowUpDue& due) -> Status {
        if (Status valid = events::RequireFields("CaseFollowUpDue",
                                                 {{"reminder_id", due.reminder_id()}, {"case_id", due.case_id()}});
            !valid.ok()) {
          return valid;
        }
        return follow_ups.OnFollowUpDue(
            {due.reminder_id(), due.occurrence(), due.case_id(), events::FromTimestamp(due.due_at())});
      });
}

}  // namespace careloop::dispatch::adapters
