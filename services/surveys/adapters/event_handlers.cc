#include "services/surveys/adapters/event_handlers.h"

#include "careloop/customer/v1/events.pb.h"
#include "common/events/proto_event.h"
#include "common/redis/client.h"

namespace careloop::surveys::adapters {

namespace customer_pb = careloop::customer::v1;

kafka::HandlerResult CustomerEventHandler::operator()(const kafka::CloudEvent& event) {
  try {
    if (events::Is(event, customer_pb::ServiceVisitRecorded::default_instance())) {
      customer_pb::ServiceVisitRecorded visit;
      if (!events::Decode(event, visit)) {
        return kafka::HandlerResult::Poison("ServiceVisitRecorded does not decode");
      }
      if (visit.customer_id().empty() || visit.visit_id().empty()) {
        return kafka::HandlerResult::Poison("ServiceVisitRecorded lacks customer_id or visit_id");
      }
      (void)app_.OnVisitRecorded({visit.customer_id(), visit.store_id(), visit.vehicle_id(), visit.visit_id(),
                                  visit.advisor(), events::FromProto(visit.visit_date())});
      return kafka::HandlerResult::Done();
    }
    if (events::Is(event, customer_pb::VehicleDelivered::default_instance())) {
      customer_pb::VehicleDelivered delivered;
      if (!events::Decode(event, delivered)) {
        return kafka::HandlerResult::Poison("VehicleDelivered does not decode");
      }
      if (delivered.customer_id().empty() || delivered.vehicle_id().empty()) {
        return kafka::HandlerResult::Poison("VehicleDelivered lacks customer_id or vehicle_id");
      }
      (void)app_.OnVehicleDelivered({delivered.customer_id(), delivered.store_id(), delivered.vehicle_id(), "", "",
                                     events::FromProto(delivered.delivery_date())});
      return kafka::HandlerResult::Done();
    }
    return kafka::HandlerResult::Done();
  } catch (const redis::RedisUnavailable& e) {
    return kafka::HandlerResult::Retry(e.what());
  }
}

}  // namespace careloop::surveys::adapters
