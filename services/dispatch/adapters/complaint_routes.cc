#include "services/dispatch/adapters/complaint_routes.h"

#include "careloop/survey/v1/events.pb.h"

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

}  // namespace careloop::dispatch::adapters
