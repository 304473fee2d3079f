#pragma once

#include <string>
#include <vector>

#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/ports.h"
#include "services/reminders/app/rules_ports.h"
#include "services/reminders/domain/replan.h"

namespace careloop::reminders::app {

/// The planning moment at a store: its zone, the clock's now, its grace period.
[[nodiscard]] domain::PlanningMoment MomentAt(const config::StoreCatalog& stores, const clock::Clock& clock,
                                              const std::string& store_id);

/// The maintenance chain's policy for a vehicle of `model` at `store_id`, from the rules of
/// the first, second and regular maintenance.
[[nodiscard]] domain::MaintenancePolicy MaintenancePolicyFor(RuleBook& rules, const std::string& store_id,
                                                             const std::string& model);

/// Moves the reminders still waiting to fire when what they were planned from changes: a
/// rule (UpsertRule) or a vehicle's odometer. Fired occurrences are never touched.
class Replanner final {
 public:
  Replanner(ReminderRepository& reminders, ReplanRepository& replan, RuleBook& rules, const clock::Clock& clock,
            const config::StoreCatalog& stores);

  /// Re-plans the scheduled reminders `rule` governs now (at its store, or every store for a
  /// group rule; per reminder the most specific rule decides): moved, cancelled when it is
  /// disabled, missed when the new date is long past; lead times the rule adds are planned
  /// beside their siblings. Returns how many reminders changed. Idempotent.
  int ReplanRule(const domain::Rule& rule);

  /// Re-plans the vehicle's scheduled maintenance and warranty reminders from its odometer
  /// readings (the km/day estimate moved). Returns how many changed. Idempotent.
  int ReplanVehicle(const std::string& vehicle_id, const std::string& why);

 private:
  // Applies one decision; true if something changed.
  bool Apply(const domain::Reminder& pending, const domain::Replanned& decision,
             const std::vector<domain::OdometerReading>& readings, const std::string& model,
             const domain::PlanningMoment& moment);
  [[nodiscard]] std::string ModelOf(const std::string& vehicle_id);

  ReminderRepository& reminders_;
  ReplanRepository& replan_;
  RuleBook& rules_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::reminders::app
