#include "services/surveys/adapters/event_handlers.h"

#include "careloop/reminder/v1/events.pb.h"
#include "common/events/enum_input.h"
#include "services/surveys/adapters/enum_tables.h"

namespace careloop::surveys::adapters {

void RouteSurveyInvitations(events::Router& router, app::SurveysApp& app) {
  namespace reminder_pb = careloop::reminder::v1;
  router.On<reminder_pb::SurveyInvitationDue>([&app](const reminder_pb::SurveyInvitationDue& due) -> Status {
    if (Status valid = events::RequireFields("SurveyInvitationDue", {{"reminder_id", due.reminder_id()},
                                                                     {"customer_id", due.customer_id()},
                                                                     {"store_id", due.store_id()},
                                                                     {"vehicle_id", due.vehicle_id()}});
        !valid.ok()) {
      return valid;
    }
    auto kind = events::FromClient(kSurveyKinds, due.survey_kind(), "SurveyInvitationDue.survey_kind");
    if (!kind.ok()) {
      return kind.error();
    }
    if (kind.value() == domain::SurveyKind::kServiceVisit && due.visit_id().empty()) {
      return InvalidArgument("SurveyInvitationDue.visit_id", "is required for a service survey");
    }
    (void)app.OnInvitationDue({due.reminder_id(), due.customer_id(), due.store_id(), kind.value(), due.vehicle_id(),
                               due.visit_id(), due.advisor(), events::FromTimestamp(due.fired_at()),
                               events::FromProto(due.occasion_date())});
    return Ok{};
  });
}

}  // namespace careloop::surveys::adapters
