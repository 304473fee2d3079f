#include "services/reminders/app/reminders_app.h"

#include <chrono>
#include <set>

#include "common/log/log.h"

namespace careloop::reminders::app {
namespace {

// A fire that takes longer than this is presumed dead and the timer goes to another instance.
constexpr Millis kFireLease{30'000};

void LogStored(const domain::Reminder& reminder) {
  if (reminder.status == domain::ReminderStatus::kMissed) {
    log::Info("reminder recorded as missed", {{"reminder_id", reminder.reminder_id},
                                              {"kind", domain::KindName(reminder.kind)},
                                              {"service_due_date", reminder.service_due_date.ToString()}});
    return;
  }
  log::Info("reminder scheduled", {{"reminder_id", reminder.reminder_id},
                                   {"kind", domain::KindName(reminder.kind)},
                                   {"due_at", FormatRfc3339(reminder.due_at)},
                                   {"service_due_date", reminder.service_due_date.ToString()}});
}

}  // namespace

RemindersApp::RemindersApp(ReminderRepository& repository, const clock::Clock& clock,
                           const config::StoreCatalog& stores, domain::MaintenancePolicy policy,
                           domain::RenewalPolicy renewal)
    : repository_(repository), clock_(clock), stores_(stores), policy_(policy), renewal_(std::move(renewal)) {}

domain::PlanningMoment RemindersApp::MomentAt(const std::string& store_id) const {
  const config::StoreSettings* store = stores_.Find(store_id);
  return {stores_.ZoneOf(store_id), clock_.Now(),
          store != nullptr ? store->missed_grace_days : config::StoreSettings{}.missed_grace_days};
}

void RemindersApp::Store(const std::vector<domain::Reminder>& plan) {
  for (const auto& reminder : plan) {
    if (repository_.Schedule(reminder)) {
      LogStored(reminder);
    }
  }
}

void RemindersApp::OnVehicleDelivered(const DeliveredVehicle& delivered) {
  const domain::OdometerReading at_delivery{delivered.delivery_date, delivered.odometer_km};
  repository_.RecordOdometer(delivered.vehicle.vehicle_id, at_delivery);
  Store(domain::PlanFirstMaintenance(delivered.vehicle, delivered.delivery_date, delivered.odometer_km,
                                     repository_.Odometer(delivered.vehicle.vehicle_id), policy_,
                                     MomentAt(delivered.vehicle.store_id))
            .All());
}

void RemindersApp::OnVisitRecorded(const RecordedVisit& visit) {
  repository_.RecordOdometer(visit.vehicle.vehicle_id, {visit.visit_date, visit.odometer_km});
  const domain::VisitEffect effect = domain::EffectOfVisit(visit.kind, policy_);
  if (!effect.cancels_pending_maintenance && !effect.next_kind) {
    return;
  }
  const auto plan =
      domain::PlanAfterVisit(visit.vehicle, visit.kind, visit.visit_id, visit.visit_date, visit.odometer_km,
                             repository_.Odometer(visit.vehicle.vehicle_id), policy_, MomentAt(visit.vehicle.store_id));
  if (repository_.ApplyVisit(visit.visit_id, visit.vehicle.vehicle_id, effect.cancels_pending_maintenance,
                             plan ? plan->All() : std::vector<domain::Reminder>{},
                             "maintenance visit " + visit.visit_id + " on " + visit.visit_date.ToString())) {
    log::Info("maintenance schedule moved by a visit",
              {{"visit_id", visit.visit_id}, {"next_reminder_id", plan ? plan->next.reminder_id : ""}});
  }
}

void RemindersApp::OnPolicyRecorded(const domain::PolicyFacts& policy) {
  const std::vector<domain::PolicyFacts> known = repository_.Policies(policy.vehicle);
  repository_.RecordPolicy(policy);
  bool renewed_already = false;
  for (const auto& other : known) {
    if (domain::Renews(policy, other)) {
      repository_.CancelOpen(policy.vehicle.vehicle_id, "renewed by policy " + policy.policy_id, other.policy_id);
    }
    renewed_already = renewed_already || domain::Renews(other, policy);
  }
  if (!renewed_already) {
    Store(domain::PlanRenewal(policy, renewal_, MomentAt(policy.vehicle.store_id)));
  }
}

void RemindersApp::OnVehicleRetired(const domain::VehicleFacts& vehicle, const std::string& why) {
  if (const int cancelled = repository_.CancelOpen(vehicle.vehicle_id, "vehicle " + why); cancelled > 0) {
    log::Info("reminders of a retired vehicle cancelled",
              {{"vehicle_id", vehicle.vehicle_id}, {"why", why}, {"cancelled", std::to_string(cancelled)}});
  }
}

int RemindersApp::FireDue(int batch_size) {
  const std::vector<std::string> claimed = repository_.ClaimDue(clock_.Now(), kFireLease, batch_size);
  if (claimed.empty()) {
    return 0;
  }
  // The batch is read and fired in a few round trips (FindMany, FireMany), not a few per timer.
  std::vector<std::string> to_fire;
  std::set<std::string> found;
  for (const auto& reminder : repository_.FindMany(claimed)) {
    found.insert(reminder.reminder_id);
    if (reminder.status == domain::ReminderStatus::kScheduled) {
      const domain::PlanningMoment moment = MomentAt(reminder.store_id);
      if (domain::IsMissed(reminder.service_due_date, moment.Today(), moment.grace_days)) {
        // The chain first (idempotent), then the mark: a crash in between re-plans the same ids.
        Store(domain::PlanAfterMissed(reminder, repository_.Odometer(reminder.vehicle_id), policy_, moment).All());
        if (repository_.Miss(domain::MarkedMissed(reminder, moment.Today(), moment.grace_days))) {
          log::Info("reminder missed, not sent", {{"reminder_id", reminder.reminder_id}});
        }
        continue;
      }
    }
    to_fire.push_back(reminder.reminder_id);  // one no longer scheduled only loses its lease
  }
  for (const auto& id : claimed) {
    if (!found.contains(id)) {
      to_fire.push_back(id);  // gone: firing it only releases its lease
    }
  }
  const std::vector<std::string> fired = repository_.FireMany(to_fire, clock_.Now());
  for (const auto& id : fired) {
    log::Info("reminder due", {{"reminder_id", id}});
  }
  return static_cast<int>(fired.size());
}

Result<domain::Reminder> RemindersApp::Get(const auth::Principal& caller, const std::string& reminder_id) {
  if (reminder_id.empty()) {
    return InvalidArgument("reminder_id", "is required");
  }
  auto reminder = repository_.Find(reminder_id);
  if (!reminder) {
    return Error{ErrorCode::kNotFound, "reminder_id", "no reminder '" + reminder_id + "'"};
  }
  if (Status allowed = caller.RequireStore(reminder->store_id); !allowed.ok()) {
    return allowed.error();
  }
  return *reminder;
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
