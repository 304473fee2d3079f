#pragma once

#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/ports.h"
#include "services/reminders/domain/reminder.h"

namespace careloop::reminders::app {

/// A delivered vehicle, as the customers service announced it.
struct DeliveredVehicle final {
  domain::VehicleFacts vehicle;
  Date delivery_date;
  int odometer_km = 0;
};

/// A recorded visit, as the customers service announced it.
struct RecordedVisit final {
  domain::VehicleFacts vehicle;
  std::string visit_id;
  Date visit_date;
  int odometer_km = 0;
  domain::VisitKind kind = domain::VisitKind::kOther;
};

/// The reminders service's use cases: keep every vehicle's maintenance schedule current
/// and fire its timers.
class RemindersApp final {
 public:
  RemindersApp(ReminderRepository& repository, const clock::Clock& clock, const config::StoreCatalog& stores,
               domain::MaintenancePolicy policy, domain::RenewalPolicy renewal = {});

  /// A new car's first free maintenance reminder — or, for a delivery long past (imported
  /// history), the missed ones recorded and the first maintenance still ahead. Idempotent.
  void OnVehicleDelivered(const DeliveredVehicle& delivered);
  /// A maintenance visit answers the vehicle's open maintenance reminders (done) and plans the
  /// next maintenance. Idempotent per visit.
  void OnVisitRecorded(const RecordedVisit& visit);
  /// An insurance policy: its renewal reminders (30, 15 and 7 days before it ends, by default),
  /// and the end of the reminders of the policy it renews. A policy recorded after the one that
  /// renews it (history imported out of order) plans nothing. Idempotent.
  void OnPolicyRecorded(const domain::PolicyFacts& policy);
  /// A car sold, scrapped or transferred to another owner gets no more reminders on this
  /// record: its open ones are cancelled (`why` says which). Idempotent.
  void OnVehicleRetired(const domain::VehicleFacts& vehicle, const std::string& why);
  /// Fires what is due now; returns how many fired. A reminder whose service date has passed
  /// beyond the store's grace period (the service was down, the clock jumped) is recorded as
  /// missed instead, and its chain moves on. Safe to run on every instance at once.
  int FireDue(int batch_size = 100);
  [[nodiscard]] Result<domain::Reminder> Get(const auth::Principal& caller, const std::string& reminder_id);

  [[nodiscard]] Result<std::vector<domain::Reminder>> List(const auth::Principal& caller,
                                                           const std::string& customer_id, const std::string& store_id);

 private:
  [[nodiscard]] domain::PlanningMoment MomentAt(const std::string& store_id) const;
  void Store(const std::vector<domain::Reminder>& plan);

  ReminderRepository& repository_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  domain::MaintenancePolicy policy_;
  domain::RenewalPolicy renewal_;
};

}  // namespace careloop::reminders::app
