#include "services/reminders/domain/reminder.h"

namespace careloop::reminders::domain {
namespace {

Reminder Plan(const VehicleFacts& vehicle, ReminderKind kind, const std::string& anchor, const MaintenanceDue& due,
              const MaintenancePolicy& policy, const TimeZone& zone, Instant now, std::string reason) {
  Reminder reminder;
  reminder.reminder_id = MaintenanceReminderId(kind, vehicle.vehicle_id, anchor);
  reminder.customer_id = vehicle.customer_id;
  reminder.vehicle_id = vehicle.vehicle_id;
  reminder.store_id = vehicle.store_id;
  reminder.kind = kind;
  reminder.status = ReminderStatus::kScheduled;
  reminder.due_at = ReminderMoment(due, policy, zone, now);
  reminder.service_due_date = due.due_date;
  reminder.service_due_km = due.due_km;
  reminder.reason = std::move(reason) + (due.due_by_mileage ? " (by estimated mileage)" : " (by time)");
  return reminder;
}

}  // namespace

Reminder PlanFirstMaintenance(const VehicleFacts& vehicle, Date delivery_date, int delivery_km,
                              const std::vector<OdometerReading>& readings, const MaintenancePolicy& policy,
                              const TimeZone& zone, Instant now) {
  const MaintenanceDue due = DueAfter(delivery_date, delivery_km, policy.first_months, policy.first_km, readings);
  return Plan(vehicle, ReminderKind::kFirstMaintenance, delivery_date.ToString(), due, policy, zone, now,
              "first free maintenance after delivery on " + delivery_date.ToString());
}

std::optional<Reminder> PlanAfterVisit(const VehicleFacts& vehicle, VisitKind visit, const std::string& visit_id,
                                       Date visit_date, int visit_km, const std::vector<OdometerReading>& readings,
                                       const MaintenancePolicy& policy, const TimeZone& zone, Instant now) {
  const VisitEffect effect = EffectOfVisit(visit, policy);
  if (!effect.next_kind) {
    return std::nullopt;
  }
  const MaintenanceDue due = DueAfter(visit_date, visit_km, effect.months, effect.km, readings);
  return Plan(vehicle, *effect.next_kind, visit_id, due, policy, zone, now,
              std::string(KindName(*effect.next_kind)) + " after the visit on " + visit_date.ToString());
}

}  // namespace careloop::reminders::domain
