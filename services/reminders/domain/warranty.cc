#include "services/reminders/domain/warranty.h"

#include "services/reminders/domain/lead_times.h"

namespace careloop::reminders::domain {

WarrantyEnd WarrantyEndOf(Date delivery_date, const Rule& rule, const std::vector<OdometerReading>& readings) {
  const MaintenanceDue due = DueByRule(delivery_date, 0, rule, readings);
  return {due.due_date, rule.interval_km > 0 ? due.due_km : 0, due.due_by_mileage};
}

std::vector<Reminder> PlanWarrantyExpiry(const VehicleFacts& vehicle, Date delivery_date,
                                         const std::vector<OdometerReading>& readings, const Rule& rule,
                                         const PlanningMoment& moment) {
  const WarrantyEnd end = WarrantyEndOf(delivery_date, rule, readings);
  if (!rule.enabled || !end.date.IsValid()) {
    return {};
  }
  Reminder base;
  base.customer_id = vehicle.customer_id;
  base.vehicle_id = vehicle.vehicle_id;
  base.store_id = vehicle.store_id;
  base.kind = ReminderKind::kWarrantyExpiry;
  base.service_due_km = end.km;
  base.anchor_date = delivery_date;
  base.reason = "warranty ends on " + end.date.ToString() +
                (end.by_mileage ? " (by estimated mileage, " + std::to_string(end.km) + " km)" : " (by time)");
  return PlanByLeadTimes(base, end.date, rule, moment);
}

}  // namespace careloop::reminders::domain
