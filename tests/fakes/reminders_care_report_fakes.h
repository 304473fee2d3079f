#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "services/reminders/app/care_report_ports.h"

namespace careloop::testing {

/// In-memory reminders::app::CareStats keeping the port's promises: every fact is kept once per
/// id (a replay changes nothing), a reminder counts in the month of its first firing, and the
/// month's facts carry the visits and bookings inside each reminder's window.
class FakeCareStats final : public reminders::app::CareStats {
 public:
  void RecordFired(const reminders::domain::FiredReminder& fired) override {
    auto& entry = reminders_[fired.reminder_id];
    const bool first = !entry.reminder.fired_on.IsSet();
    const Date first_fired = first ? fired.fired_on : entry.reminder.fired_on;
    entry.reminder = fired;
    entry.reminder.fired_on = first_fired;
    fired_[{fired.store_id, reminders::domain::CareMonth::Of(first_fired)}].insert(fired.reminder_id);
  }
  void RecordMissed(const std::string& store_id, const reminders::domain::MissedReminder& missed) override {
    missed_[{store_id, reminders::domain::CareMonth::Of(missed.missed_on)}][missed.reminder_id] = missed;
  }
  void RecordOutcome(const std::string& reminder_id, std::optional<reminders::domain::CareChannel> channel,
                     reminders::domain::MessageOutcome outcome) override {
    reminders_[reminder_id].outcomes.insert({channel, outcome});
  }
  void RecordVisit(const std::string& visit_id, const std::string& customer_id, const std::string& vehicle_id,
                   Date date) override {
    visits_[customer_id][visit_id] = date;
    if (!vehicle_id.empty()) {
      visits_["v:" + vehicle_id][visit_id] = date;
    }
  }
  void RecordBooking(const std::string& appointment_id, const std::string& customer_id, const std::string& vehicle_id,
                     Date booked_on, const std::string& answered_reminder_id) override {
    bookings_[customer_id][appointment_id] = booked_on;
    if (!vehicle_id.empty()) {
      bookings_["v:" + vehicle_id][appointment_id] = booked_on;
    }
    if (!answered_reminder_id.empty()) {
      reminders_[answered_reminder_id].answered_by_booking = true;
    }
  }
  [[nodiscard]] reminders::domain::CareMonthFacts MonthFacts(const std::string& store_id,
                                                             reminders::domain::CareMonth month,
                                                             int window_days) override {
    reminders::domain::CareMonthFacts facts;
    for (const auto& id : fired_[{store_id, month}]) {
      auto one = reminders_.at(id);
      const std::string owner =
          one.reminder.vehicle_id.empty() ? one.reminder.customer_id : "v:" + one.reminder.vehicle_id;
      one.visits = InWindow(visits_[owner], one.reminder.fired_on, window_days);
      one.bookings = InWindow(bookings_[owner], one.reminder.fired_on, window_days);
      facts.fired.push_back(std::move(one));
    }
    for (const auto& [id, missed] : missed_[{store_id, month}]) {
      facts.missed.push_back(missed);
    }
    return facts;
  }

 private:
  static std::vector<Date> InWindow(const std::map<std::string, Date>& dated, Date from, int window_days) {
    std::vector<Date> out;
    for (const auto& [id, date] : dated) {
      if (!(date < from) && !(from.PlusDays(window_days) < date)) {
        out.push_back(date);
      }
    }
    return out;
  }

  std::map<std::string, reminders::domain::ReminderCareFacts> reminders_;
  std::map<std::pair<std::string, reminders::domain::CareMonth>, std::set<std::string>> fired_;
  std::map<std::pair<std::string, reminders::domain::CareMonth>,
           std::map<std::string, reminders::domain::MissedReminder>>
      missed_;
  std::map<std::string, std::map<std::string, Date>> visits_;
  std::map<std::string, std::map<std::string, Date>> bookings_;
};

/// In-memory reminders::app::ReminderCalendar over a list of reminders.
class FakeReminderCalendar final : public reminders::app::ReminderCalendar {
 public:
  std::vector<reminders::domain::Reminder> reminders;
  Instant asked_from{};
  Instant asked_to{};

  [[nodiscard]] std::vector<reminders::domain::Reminder> DueBetween(const std::string& store_id, Instant from,
                                                                    Instant to, size_t limit) override {
    asked_from = from;
    asked_to = to;
    std::vector<reminders::domain::Reminder> out;
    for (const auto& reminder : reminders) {
      if (reminder.store_id == store_id && from <= reminder.due_at && reminder.due_at < to && out.size() < limit) {
        out.push_back(reminder);
      }
    }
    return out;
  }
};

}  // namespace careloop::testing
