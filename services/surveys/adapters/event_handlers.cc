#include "services/surveys/adapters/event_handlers.h"

#include "careloop/customer/v1/events.pb.h"

namespace careloop::surveys::adapters {

namespace customer_pb = careloop::customer::v1;

CustomerEventHandler::CustomerEventHandler(app::SurveysApp& app) {
  routes_
      .On<customer_pb::ServiceVisitRecorded>([&app](const customer_pb::ServiceVisitRecorded& visit) -> Status {
        if (Status valid = events::RequireFields(
                "ServiceVisitRecorded", {{"customer_id", visit.customer_id()}, {"visit_id", visit.visit_id()}});
            !valid.ok()) {
          return valid;
        }
        (void)app.OnVisitRecorded({visit.customer_id(), visit.store_id(), visit.vehicle_id(), visit.visit_id(),
                                   visit.advisor(), events::FromProto(visit.visit_date())});
        return Ok{};
      })
      .On<customer_pb::VehicleDelivered>([&app](const customer_pb::VehicleDelivered& delivered) -> Status {
        if (Status valid = events::RequireFields(
                "VehicleDelivered", {{"customer_id", delivered.customer_id()}, {"vehicle_id", delivered.vehicle_id()}});
            !valid.ok()) {
          return valid;
        }
        (void)app.OnVehicleDelivered({delivered.customer_id(), delivered.store_id(), delivered.vehicle_id(), "", "",
                                      events::FromProto(delivered.delivery_date())});
        return Ok{};
      });
}

}  // namespace careloop::surveys::adapters
