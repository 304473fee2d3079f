#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/care_report.h"
#include "services/reminders/domain/reminder.h"

namespace careloop::reminders::app {

/// Port: the facts the care effectiveness report counts. Every Record* is one idempotent atomic
/// step keyed by the id of what it records (reminder, message, visit, appointment), so a replayed
/// event changes nothing.
class CareStats {
 public:
  virtual ~CareStats() = default;

  /// A reminder fired (ReminderDue): counted in the month of `fired.fired_on`.
  virtual void RecordFired(const domain::FiredReminder& fired) = 0;
  /// A reminder recorded missed, counted in `store_id`'s month of `missed.missed_on`.
  virtual void RecordMissed(const std::string& store_id, const domain::MissedReminder& missed) = 0;
  /// What dispatch made of a message about `reminder_id` on `channel` (none: the whole plan).
  virtual void RecordOutcome(const std::string& reminder_id, std::optional<domain::CareChannel> channel,
                             domain::MessageOutcome outcome) = 0;
  /// A workshop visit (`visit_id`) of a customer's vehicle on `date`.
  virtual void RecordVisit(const std::string& visit_id, const std::string& customer_id, const std::string& vehicle_id,
                           Date date) = 0;
  /// An appointment booked on `booked_on` for a customer's vehicle, answering `answered_reminder_id` if not empty.
  virtual void RecordBooking(const std::string& appointment_id, const std::string& customer_id,
                             const std::string& vehicle_id, Date booked_on,
                             const std::string& answered_reminder_id) = 0;

  /// The facts of `store_id` in `month`: the reminders fired in it with their outcomes, and the
  /// visits and bookings of their vehicles (customers, for customer-level kinds) from each firing
  /// date up to `window_days` later; the reminders recorded missed in it.
  [[nodiscard]] virtual domain::CareMonthFacts MonthFacts(const std::string& store_id, domain::CareMonth month,
                                                          int window_days) = 0;
};

/// Port: a store's scheduled reminders by due time, for the care calendar.
class ReminderCalendar {
 public:
  virtual ~ReminderCalendar() = default;

  /// The store's reminders due in [from, to), soonest first, at most `limit`.
  [[nodiscard]] virtual std::vector<domain::Reminder> DueBetween(const std::string& store_id, Instant from, Instant to,
                                                                 size_t limit) = 0;
};

}  // namespace careloop::reminders::app
