#pragma once

#include "common/events/router.h"
#include "services/reminders/app/reminders_app.h"

namespace careloop::reminders::adapters {

/// Handles careloop.customer.v1: VehicleDelivered schedules the first maintenance reminder,
/// ServiceVisitRecorded moves the maintenance schedule. Other event types are not ours to
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
