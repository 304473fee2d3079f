#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/reminders/domain/insurance.h"
#include "services/reminders/domain/reminder.h"

namespace careloop::reminders::app {

/// Port: reminders and their timers. Implementations make each method one atomic step that
/// includes the event announcing it (ReminderScheduled / ReminderMissed / ReminderCompleted /
/// ReminderDue).
class ReminderRepository {
 public:
  virtual ~ReminderRepository() = default;

  /// Stores `reminder` unless a reminder with its id exists already (then a no-op: replays
  /// of the event that caused it change nothing). Returns true if it was new. A scheduled
  /// reminder gets its timer (ReminderScheduled); one planned as missed is only recorded
  /// (ReminderMissed) and never fires.
  virtual bool Schedule(const domain::Reminder& reminder) = 0;

  /// Applies a maintenance visit once per `visit_id`: marks the vehicle's open maintenance
  /// reminders (not its renewal reminders) — scheduled, or fired and unanswered — done (when `complete_open`) and
  /// stores `plan` (the next maintenance, after any already missed). False if already applied.
  virtual bool ApplyVisit(const std::string& visit_id, const std::string& vehicle_id, bool complete_open,
                          const std::vector<domain::Reminder>& plan, const std::string& reason) = 0;

  /// Cancels every open reminder of the vehicle (scheduled, or fired and unanswered) — only those
  /// of policy `policy_id` when it is given —, each with ReminderCancelled and `reason`; returns
  /// how many. Nothing open: nothing happens (a replay).
  virtual int CancelOpen(const std::string& vehicle_id, const std::string& reason,
                         const std::string& policy_id = "") = 0;

  /// Records an insurance policy of a vehicle (one entry per policy id), and lists them.
  virtual void RecordPolicy(const domain::PolicyFacts& policy) = 0;
  [[nodiscard]] virtual std::vector<domain::PolicyFacts> Policies(const domain::VehicleFacts& vehicle) = 0;

  /// Records a claimed reminder that came to fire too late (see domain::IsMissed) as `missed`,
  /// releasing its timer and lease, with ReminderMissed. False (lease released) if it was no
  /// longer scheduled.
  virtual bool Miss(const domain::Reminder& missed) = 0;

  /// The customer's churn stage as last heard (domain::StageWord; empty when never heard):
  /// a rule plans nothing for the stages it excludes (domain::Excludes).
  [[nodiscard]] virtual std::string ChurnStageOf(const std::string& customer_id) = 0;
  /// Records the customer's churn stage (a domain::StageWord).
  virtual void RecordChurnStage(const std::string& customer_id, std::string_view stage) = 0;

  /// Records an odometer reading of a vehicle (for mileage estimates).
  virtual void RecordOdometer(const std::string& vehicle_id, const domain::OdometerReading& reading) = 0;
  [[nodiscard]] virtual std::vector<domain::OdometerReading> Odometer(const std::string& vehicle_id) = 0;

  /// Claims up to `limit` timers due at `now` (business clock) plus any whose lease expired
  /// (another instance died mid-fire), leasing each for `lease` of real time. Atomic across
  /// instances: a timer is claimed by one instance at a time.
  [[nodiscard]] virtual std::vector<std::string> ClaimDue(Instant now, Millis lease, int limit) = 0;

  /// Marks a claimed reminder due at `fired_at`, publishes ReminderDue and releases the lease.
  /// A reminder that was cancelled meanwhile only loses its lease. True if it fired.
  virtual bool Fire(const std::string& reminder_id, Instant fired_at) = 0;

  /// Fire for a batch of claimed reminders, each as Fire does it; returns the ids that fired, in
  /// order. Each reminder's change and its ReminderDue stay one atomic step. This default fires
  /// them one by one; a store overrides it to do the batch in a few round trips.
  [[nodiscard]] virtual std::vector<std::string> FireMany(const std::vector<std::string>& reminder_ids,
                                                          Instant fired_at) {
    std::vector<std::string> fired;
    for (const auto& id : reminder_ids) {
      if (Fire(id, fired_at)) {
        fired.push_back(id);
      }
    }
    return fired;
  }

  [[nodiscard]] virtual std::optional<domain::Reminder> Find(const std::string& reminder_id) = 0;
  /// Find for several ids; ids without a reminder are left out. This default finds them one by one.
  [[nodiscard]] virtual std::vector<domain::Reminder> FindMany(const std::vector<std::string>& reminder_ids) {
    std::vector<domain::Reminder> found;
    for (const auto& id : reminder_ids) {
      if (auto reminder = Find(id)) {
        found.push_back(std::move(*reminder));
      }
    }
    return found;
  }
  [[nodiscard]] virtual std::vector<domain::Reminder> ListByCustomer(const std::string& customer_id) = 0;
  [[nodiscard]] virtual std::vector<domain::Reminder> ListByStore(const std::string& store_id, size_t limit) = 0;
};

}  // namespace careloop::reminders::app
