#pragma once

#include "common/redis/client.h"
#include "services/reminders/app/care_report_ports.h"

namespace careloop::reminders::adapters {

/// CareStats on Redis (keys::Care*): a hash per reminder for what became of it, a set per store
/// and month of the reminders first fired in it, a hash per store and month of those missed, and
/// sorted sets of visits and bookings per vehicle and customer by date. Every write is a set or
/// hash field keyed by the id it records, in one MULTI (or one Lua step), so replays change
/// nothing; the report is tallied when asked for, from the month's reminders.
class RedisCareStats final : public app::CareStats {
 public:
  explicit RedisCareStats(redis::Pool& pool) : pool_(pool) {}

  void RecordFired(const domain::FiredReminder& fired) override;
  void RecordMissed(const std::string& store_id, const domain::MissedReminder& missed) override;
  void RecordOutcome(const std::string& reminder_id, std::optional<domain::CareChannel> channel,
                     domain::MessageOutcome outcome) override;
  void RecordVisit(const std::string& visit_id, const std::string& customer_id, const std::string& vehicle_id,
                   Date date) override;
  void RecordBooking(const std::string& appointment_id, const std::string& customer_id, const std::string& vehicle_id,
                     Date booked_on, const std::string& answered_reminder_id) override;
  [[nodiscard]] domain::CareMonthFacts MonthFacts(const std::string& store_id, domain::CareMonth month,
                                                  int window_days) override;

 private:
  redis::Pool& pool_;
};

/// ReminderCalendar on the reminders' own store index (keys::OfStore, scored by due time).
class RedisReminderCalendar final : public app::ReminderCalendar {
 public:
  explicit RedisReminderCalendar(redis::Pool& pool) : pool_(pool) {}

  [[nodiscard]] std::vector<domain::Reminder> DueBetween(const std::string& store_id, Instant from, Instant to,
                                                         size_t limit) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::reminders::adapters
