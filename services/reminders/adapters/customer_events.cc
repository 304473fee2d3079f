#include "services/reminders/adapters/customer_events.h"

#include "careloop/customer/v1/events.pb.h"

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

// Why a car's reminders end with this status, or empty when it is still the customer's to drive.
std::string RetiredBecause(customer_pb::VehicleStatus status) {
  switch (status) {
    case customer_pb::VEHICLE_STATUS_SOLD: return "sold";
    case customer_pb::VEHICLE_STATUS_SCRAPPED: return "scrapped";
    case customer_pb::VEHICLE_STATUS_TRANSFERRED: return "transferred to another owner";
    default: return "";
  }
}

// INVALID_ARGUMENT naming `field` unless `date` is a valid calendar date.
Status RequireDate(const std::string& field, const Date& date) {
  return date.IsValid() ? Status(Ok{}) : InvalidArgument(field, "is not a valid date");
}

}  // namespace

CustomerEventHandler::CustomerEventHandler(app::RemindersApp& app) {
  routes_
      .On<customer_pb::VehicleDelivered>([&app](const customer_pb::VehicleDelivered& delivered) -> Status {
        const Date delivery = events::FromProto(delivered.delivery_date());
        Status valid = events::RequireFields(
            "VehicleDelivered", {{"customer_id", delivered.customer_id()}, {"vehicle_id", delivered.vehicle_id()}});
        if (valid.ok()) {
          valid = RequireDate("VehicleDelivered.delivery_date", delivery);
        }
        if (!valid.ok()) {
          return valid;
        }
        app.OnVehicleDelivered(
            {{delivered.customer_id(), delivered.vehicle_id(), delivered.store_id(), delivered.model()},
             delivery,
             delivered.odometer_km()});
        return Ok{};
      })
      .On<customer_pb::InsurancePolicyRecorded>([&app](const customer_pb::InsurancePolicyRecorded& policy) -> Status {
        const Date start = events::FromProto(policy.start_date());
        const Date end = events::FromProto(policy.end_date());
        Status valid = events::RequireFields("InsurancePolicyRecorded", {{"customer_id", policy.customer_id()},
                                                                         {"vehicle_id", policy.vehicle_id()},
                                                                         {"policy_id", policy.policy_id()}});
        if (valid.ok()) {
          valid = RequireDate("InsurancePolicyRecorded.start_date", start);
        }
        if (valid.ok()) {
          valid = RequireDate("InsurancePolicyRecorded.end_date", end);
        }
        if (!valid.ok()) {
          return valid;
        }
        app.OnPolicyRecorded({{policy.customer_id(), policy.vehicle_id(), policy.store_id()},
                              policy.policy_id(),
                              policy.compulsory(),
                              start,
                              end});
        return Ok{};
      })
      .On<customer_pb::VehicleUpdated>([&app](const customer_pb::VehicleUpdated& updated) -> Status {
        if (Status valid = events::RequireFields("VehicleUpdated", {{"vehicle_id", updated.vehicle_id()}});
            !valid.ok()) {
          return valid;
        }
        const std::string why = RetiredBecause(updated.status());
        if (!why.empty()) {
          app.OnVehicleRetired({updated.customer_id(), updated.vehicle_id(), updated.store_id()}, why);
        }
        return Ok{};
      })
      .On<customer_pb::ServiceVisitRecorded>([&app](const customer_pb::ServiceVisitRecorded& visit) -> Status {
        const Date date = events::FromProto(visit.visit_date());
        Status valid = events::RequireFields(
            "ServiceVisitRecorded",
            {{"customer_id", visit.customer_id()}, {"vehicle_id", visit.vehicle_id()}, {"visit_id", visit.visit_id()}});
        if (valid.ok()) {
          valid = RequireDate("ServiceVisitRecorded.visit_date", date);
        }
        if (!valid.ok()) {
          return valid;
        }
        app.OnVisitRecorded({{visit.customer_id(), visit.vehicle_id(), visit.store_id()},
                             visit.visit_id(),
                             date,
                             visit.odometer_km(),
                             KindOf(visit.visit_type())});
        return Ok{};
      })
      .On<customer_pb::OdometerRecorded>([&app](const customer_pb::OdometerRecorded& reading) -> Status {
        const Date date = events::FromProto(reading.reading_date());
        Status valid = events::RequireFields("OdometerRecorded", {{"vehicle_id", reading.vehicle_id()}});
        if (valid.ok()) {
          valid = RequireDate("OdometerRecorded.reading_date", date);
        }
        if (valid.ok() && reading.odometer_km() < 0) {
          valid = InvalidArgument("OdometerRecorded.odometer_km", "must not be negative");
        }
        if (!valid.ok()) {
          return valid;
        }
        app.OnOdometerRecorded({reading.customer_id(), reading.vehicle_id(), reading.store_id()},
                               {date, reading.odometer_km()});
        return Ok{};
      })
      .On<customer_pb::InspectionRecorded>([&app](const customer_pb::InspectionRecorded& inspection) -> Status {
        const Date date = events::FromProto(inspection.inspection_date());
        Status valid = events::RequireFields("InspectionRecorded", {{"customer_id", inspection.customer_id()},
                                                                    {"vehicle_id", inspection.vehicle_id()},
                                                                    {"inspection_id", inspection.inspection_id()}});
        if (valid.ok()) {
          valid = RequireDate("InspectionRecorded.inspection_date", date);
        }
        if (!valid.ok()) {
          return valid;
        }
        app.OnInspectionRecorded(
            {{inspection.customer_id(), inspection.vehicle_id(), inspection.store_id()},
             inspection.inspection_id(),
             date,
             inspection.has_next_due_date() ? events::FromProto(inspection.next_due_date()) : Date{}});
        return Ok{};
      });
}

}  // namespace careloop::reminders::adapters
