#include "services/reminders/app/reminders_app.h"

#include <chrono>

#include "common/log/log.h"

namespace careloop::reminders::app {
namespace {

// A fire that takes longer than this is presumed dead and the timer goes to another instance.
constexpr Millis kFireLease{30'000};

}  // namespace

RemindersApp::RemindersApp(ReminderRepository& repository, const clock::Clock& clock,
                           const config::StoreCatalog& stores, domain::MaintenancePolicy policy)
    : repository_(repository), clock_(clock), stores_(stores), policy_(policy) {}

void RemindersApp::OnVehicleDelivered(const DeliveredVehicle& delivered) {
  const domain::OdometerReading at_delivery{delivered.delivery_date, delivered.odometer_km};
  repository_.RecordOdometer(delivered.vehicle.vehicle_id, at_delivery);
  const auto reminder = domain::PlanFirstMaintenance(delivered.vehicle, delivered.delivery_date, delivered.odometer_km,
                                                     repository_.Odometer(delivered.vehicle.vehicle_id), policy_,
                                                     stores_.ZoneOf(delivered.vehicle.store_id), clock_.Now());
  if (repository_.Schedule(reminder)) {
    log::Info("reminder scheduled", {{"reminder_id", reminder.reminder_id},
                                     {"kind", domain::KindName(reminder.kind)},
                                     {"due_at", FormatRfc3339(reminder.due_at)},
                                     {"service_due_date", reminder.service_due_date.ToString()}});
  }
}

void RemindersApp::OnVisitRecorded(const RecordedVisit& visit) {
  repository_.RecordOdometer(visit.vehicle.vehicle_id, {visit.visit_date, visit.odometer_km});
  const domain::VisitEffect effect = domain::EffectOfVisit(visit.kind, policy_);
  if (!effect.cancels_pending_maintenance && !effect.next_kind) {
    return;
  }
  const auto next = domain::PlanAfterVisit(visit.vehicle, visit.kind, visit.visit_id, visit.visit_date,
                                           visit.odometer_km, repository_.Odometer(visit.vehicle.vehicle_id), policy_,
                                           stores_.ZoneOf(visit.vehicle.store_id), clock_.Now());
  if (repository_.ApplyVisit(visit.visit_id, visit.vehicle.vehicle_id, effect.cancels_pending_maintenance, next,
                             "maintenance visit " + visit.visit_id + " on " + visit.visit_date.ToString())) {
    log::Info("maintenance schedule moved by a visit",
              {{"visit_id", visit.visit_id}, {"next_reminder_id", next ? next->reminder_id : ""}});
  }
}

int RemindersApp::FireDue(int batch_size) {
  int fired = 0;
  for (const auto& id : repository_.ClaimDue(clock_.Now(), kFireLease, batch_size)) {
    if (repository_.Fire(id, clock_.Now())) {
      ++fired;
      log::Info("reminder due", {{"reminder_id", id}});
    }
  }
  return fired;
}

Result<std::vector<domain::Reminder>> RemindersApp::List(const auth::Principal& caller, const std::string& customer_id,
                                                         const std::string& store_id) {
  if (Status scope = auth::RequireListScope(caller, stores_, customer_id, store_id); !scope.ok()) {
    return scope.error();
  }
  std::vector<domain::Reminder> found =
      customer_id.empty() ? repository_.ListByStore(store_id, 500) : repository_.ListByCustomer(customer_id);
  std::vector<domain::Reminder> visible;
  for (auto& reminder : found) {
    if (!store_id.empty() && reminder.store_id != store_id) {
      continue;
    }
    if (!caller.MayAccessStore(reminder.store_id)) {
      return Error{ErrorCode::kPermissionDenied, "customer_id",
                   "caller '" + caller.name + "' may not access store '" + reminder.store_id + "'"};
    }
    visible.push_back(std::move(reminder));
  }
  return visible;
}

}  // namespace careloop::reminders::app
