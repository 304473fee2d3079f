#pragma once

#include <string>

#include "common/base/time.h"
#include "services/reminders/domain/maintenance.h"

namespace careloop::reminders::domain {

enum class ReminderStatus { kScheduled, kDue, kCancelled };

/// One reminder of one vehicle's care: when it falls due and what it is about.
struct Reminder final {
  std::string reminder_id;
  std::string customer_id;
  std::string vehicle_id;
  std::string store_id;
  ReminderKind kind = ReminderKind::kFirstMaintenance;
  ReminderStatus status = ReminderStatus::kScheduled;
  Instant due_at{};        ///< when the reminder fires (lead time before the service is due)
  Date service_due_date;   ///< when the service itself is due
  int service_due_km = 0;  ///< odometer reading at which the service is due
  int occurrence = 1;      ///< 1 for the first firing; a re-fire of the same reminder counts up
  Instant fired_at{};
  std::string reason;  ///< why it was scheduled or cancelled, for people reading it
};

/// A vehicle's facts as the reminder rules need them.
struct VehicleFacts final {
  std::string customer_id;
  std::string vehicle_id;
  std::string store_id;
};

/// The first free maintenance reminder of a newly delivered vehicle.
[[nodiscard]] Reminder PlanFirstMaintenance(const VehicleFacts& vehicle, Date delivery_date, int delivery_km,
                                            const std::vector<OdometerReading>& readings,
                                            const MaintenancePolicy& policy, const TimeZone& zone, Instant now);

/// The maintenance reminder that follows a maintenance visit (per EffectOfVisit), if any.
[[nodiscard]] std::optional<Reminder> PlanAfterVisit(const VehicleFacts& vehicle, VisitKind visit,
                                                     const std::string& visit_id, Date visit_date, int visit_km,
                                                     const std::vector<OdometerReading>& readings,
                                                     const MaintenancePolicy& policy, const TimeZone& zone,
                                                     Instant now);

}  // namespace careloop::reminders::domain
