#pragma once

#include "common/events/router.h"
#include "services/reminders/app/reminders_app.h"

namespace careloop::reminders::adapters {

/// Handles careloop.customer.v1: VehicleDelivered plans the first maintenance, warranty expiry
/// and inspection reminders, ServiceVisitRecorded moves the maintenance schedule,
/// OdometerRecorded the mileage estimate, InspectionRecorded the next inspection,
/// InsurancePolicyRecorded the renewal, VehicleUpdated retires a car. Other event types are not ours to
/// act on and are skipped (new types may appear at any time: that is compatible evolution).
/// An undecodable or incomplete event of a known type is poison.
class CustomerEventHandler final {
 public:
  explicit CustomerEventHandler(app::RemindersApp& app);
  kafka::HandlerResult operator()(const kafka::CloudEvent& event) const { return routes_(event); }

 private:
  events::Router routes_;
};

}  // namespace careloop::reminders::adapters
