#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/reminders/domain/reminder.h"

namespace careloop::reminders::app {

/// Port: reminders and their timers. Implementations make each method one atomic step that
/// includes the event announcing it (ReminderScheduled / ReminderCancelled / ReminderDue).
class ReminderRepository {
 public:
  virtual ~ReminderRepository() = default;

  /// Schedules `reminder` unless a reminder with its id exists already (then a no-op: replays
  /// of the event that caused it change nothing). Returns true if it was new.
  virtual bool Schedule(const domain::Reminder& reminder) = 0;

  /// Applies a maintenance visit once per `visit_id`: cancels the vehicle's pending maintenance
  /// reminders (when `cancel_pending`) and schedules `next` if given. False if already applied.
  virtual bool ApplyVisit(const std::string& visit_id, const std::string& vehicle_id, bool cancel_pending,
                          const std::optional<domain::Reminder>& next, const std::string& reason) = 0;

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

  [[nodiscard]] virtual std::optional<domain::Reminder> Find(const std::string& reminder_id) = 0;
  [[nodiscard]] virtual std::vector<domain::Reminder> ListByCustomer(const std::string& customer_id) = 0;
  [[nodiscard]] virtual std::vector<domain::Reminder> ListByStore(const std::string& store_id, size_t limit) = 0;
};

}  // namespace careloop::reminders::app
