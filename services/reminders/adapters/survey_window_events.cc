#include "services/reminders/adapters/survey_window_events.h"

#include "careloop/survey/v1/events.pb.h"

namespace careloop::reminders::adapters {

void RouteSurveyWindowTimers(events::Router& routes, app::SurveyWindowTimers& timers) {
  namespace survey_pb = careloop::survey::v1;
  routes.On<survey_pb::SurveyIssued>([&timers](const survey_pb::SurveyIssued& issued) -> Status {
    if (Status valid = events::RequireFields("SurveyIssued", {{"survey_id", issued.survey_id()},
                                                              {"customer_id", issued.customer_id()},
                                                              {"store_id", issued.store_id()}});
        !valid.ok()) {
      return valid;
    }
    if (!issued.has_issued_at() || !issued.has_expires_at()) {
      return InvalidArgument("SurveyIssued.expires_at", "issued_at and expires_at are required");
    }
    timers.OnIssued({issued.survey_id(), issued.customer_id(), issued.store_id(), issued.vehicle_id(),
                     events::FromTimestamp(issued.issued_at()), events::FromTimestamp(issued.expires_at())});
    return Ok{};
  });
  routes.On<survey_pb::SurveyAnswered>([&timers](const survey_pb::SurveyAnswered& answered) -> Status {
    if (Status valid = events::RequireFields(
            "SurveyAnswered", {{"survey_id", answered.survey_id()}, {"customer_id", answered.customer_id()}});
        !valid.ok()) {
      return valid;
    }
    timers.OnAnswered(answered.survey_id(), answered.customer_id());
    return Ok{};
  });
}

}  // namespace careloop::reminders::adapters
