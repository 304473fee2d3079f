#include "services/reminders/adapters/survey_invitation_events.h"

#include "careloop/customer/v1/events.pb.h"

namespace careloop::reminders::adapters {

void RouteSurveyInvitations(events::Router& router, app::SurveyInvitationsApp& invitations) {
  namespace customer_pb = careloop::customer::v1;
  router
      .On<customer_pb::VehicleDelivered>([&invitations](const customer_pb::VehicleDelivered& delivered) -> Status {
        if (Status valid = events::RequireFields(
                "VehicleDelivered", {{"customer_id", delivered.customer_id()}, {"vehicle_id", delivered.vehicle_id()}});
            !valid.ok()) {
          return valid;
        }
        const Date date = events::FromProto(delivered.delivery_date());
        if (!date.IsValid()) {
          return InvalidArgument("VehicleDelivered.delivery_date", "is not a valid date");
        }
        invitations.OnOccasion(
            {{delivered.customer_id(), delivered.vehicle_id(), delivered.store_id(), delivered.model()},
             "",
             delivered.sales_consultant(),
             date},
            delivered.model());
        return Ok{};
      })
      .On<customer_pb::ServiceVisitRecorded>([&invitations](const customer_pb::ServiceVisitRecorded& visit) -> Status {
        if (Status valid = events::RequireFields("ServiceVisitRecorded", {{"customer_id", visit.customer_id()},
                                                                          {"vehicle_id", visit.vehicle_id()},
                                                                          {"visit_id", visit.visit_id()}});
            !valid.ok()) {
          return valid;
        }
        const Date date = events::FromProto(visit.visit_date());
        if (!date.IsValid()) {
          return InvalidArgument("ServiceVisitRecorded.visit_date", "is not a valid date");
        }
        invitations.OnOccasion(
            {{visit.customer_id(), visit.vehicle_id(), visit.store_id(), ""}, visit.visit_id(), visit.advisor(), date},
            "");
        return Ok{};
      });
}

}  // namespace careloop::reminders::adapters
