#include "services/customers/adapters/survey_events.h"

#include "careloop/survey/v1/events.pb.h"
#include "services/customers/adapters/enum_tables.h"

namespace careloop::customers::adapters {

namespace {

namespace survey_pb = careloop::survey::v1;

domain::ComplaintOutcome OutcomeOf(survey_pb::CaseResolution resolution) {
  switch (resolution) {
    case survey_pb::CASE_RESOLUTION_CUSTOMER_SATISFIED: return domain::ComplaintOutcome::kResolvedSatisfied;
    case survey_pb::CASE_RESOLUTION_CUSTOMER_UNSATISFIED: return domain::ComplaintOutcome::kResolvedUnsatisfied;
    default: return domain::ComplaintOutcome::kWithdrawn;
  }
}

domain::ComplaintSeverity SeverityOf(int severity) {
  return kComplaintSeverities.FromProto(severity).value_or(domain::ComplaintSeverity::kMinor);
}

}  // namespace

void RouteComplaintCases(events::Router& routes, app::CustomersApp& app) {
  routes
      .On<survey_pb::ComplaintCaseOpened>([&app](const survey_pb::ComplaintCaseOpened& opened) -> Status {
        if (Status valid = events::RequireFields(
                "ComplaintCaseOpened", {{"case_id", opened.case_id()}, {"customer_id", opened.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        app::ComplaintCaseFact fact;
        fact.case_id = opened.case_id();
        fact.customer_id = opened.customer_id();
        fact.store_id = opened.store_id();
        fact.vehicle_id = opened.vehicle_id();
        fact.severity = SeverityOf(opened.severity());
        fact.opened_at = events::FromTimestamp(opened.opened_at());
        return app.OnComplaintCase(fact);
      })
      .On<survey_pb::ComplaintCaseResolved>([&app](const survey_pb::ComplaintCaseResolved& resolved) -> Status {
        if (Status valid = events::RequireFields(
                "ComplaintCaseResolved", {{"case_id", resolved.case_id()}, {"customer_id", resolved.customer_id()}});
            !valid.ok()) {
          return valid;
        }
        app::ComplaintCaseFact fact;
        fact.case_id = resolved.case_id();
        fact.customer_id = resolved.customer_id();
        fact.store_id = resolved.store_id();
        fact.severity = SeverityOf(resolved.severity());
        fact.opened_at = events::FromTimestamp(resolved.opened_at());
        fact.outcome = OutcomeOf(resolved.resolution());
        fact.resolved_at = events::FromTimestamp(resolved.resolved_at());
        return app.OnComplaintCase(fact);
      });
}

}  // namespace careloop::customers::adapters
