#include "services/reminders/adapters/customer_events.h"

#include "careloop/customer/v1/events.pb.h"
#include "common/events/proto_event.h"
#include "common/redis/client.h"

namespace careloop::reminders::adapters {
namespace {

namespace customer_pb = careloop::customer::v1;

domain::VisitKind KindOf(customer_pb::VisitType type) {
  switch (type) {
    case customer_pb::VISIT_TYPE_FIRST_FREE_MAINTENANCE: return domain::VisitKind::kFirstFreeMaintenance;
    case customer_pb::VISIT_TYPE_SECOND_FREE_MAINTENANCE: return domain::VisitKind::kSecondFreeMaintenance;
    case customer_pb::VISIT_TYPE_REGULAR_MAINTENANCE: return domain::VisitKind::kRegularMaintenance;
    default: return domain::VisitKind::kOther;
  }
}

}  // namespace

kafka::HandlerResult CustomerEventHandler::operator()(const kafka::CloudEvent& event) {
  try {
    if (events::Is(event, customer_pb::VehicleDelivered::default_instance())) {
      customer_pb::VehicleDelivered delivered;
      if (!events::Decode(event, delivered)) {
        return kafka::HandlerResult::Poison("VehicleDelivered does not decode");
      }
      const Date delivery = events::FromProto(delivered.delivery_date());
      if (delivered.customer_id().empty() || delivered.vehicle_id().empty() || !delivery.IsValid()) {
        return kafka::HandlerResult::Poison("VehicleDelivered lacks customer_id, vehicle_id or a valid delivery_date");
      }
      app_.OnVehicleDelivered(
          {{delivered.customer_id(), delivered.vehicle_id(), delivered.store_id()}, delivery, delivered.odometer_km()});
      return kafka::HandlerResult::Done();
    }
    if (events::Is(event, customer_pb::ServiceVisitRecorded::default_instance())) {
      customer_pb::ServiceVisitRecorded visit;
      if (!events::Decode(event, visit)) {
        return kafka::HandlerResult::Poison("ServiceVisitRecorded does not decode");
      }
      const Date date = events::FromProto(visit.visit_date());
      if (visit.customer_id().empty() || visit.vehicle_id().empty() || visit.visit_id().empty() || !date.IsValid()) {
        return kafka::HandlerResult::Poison("ServiceVisitRecorded lacks ids or a valid visit_date");
      }
      app_.OnVisitRecorded({{visit.customer_id(), visit.vehicle_id(), visit.store_id()},
                            visit.visit_id(),
                            date,
                            visit.odometer_km(),
                            KindOf(visit.visit_type())});
      return kafka::HandlerResult::Done();
    }
    return kafka::HandlerResult::Done();
  } catch (const redis::RedisUnavailable& e) {
    return kafka::HandlerResult::Retry(e.what());
  }
}

}  // namespace careloop::reminders::adapters
