#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/reminders/app/care_ports.h"
#include "tests/fakes/published_events.h"

// In-memory fakes of the care use cases' ports (services/reminders/app/care_ports.h).
namespace careloop::testing {

/// reminders::app::CareReminders in memory: a reminder id is scheduled once (in any status), a
/// close changes only open reminders, and every change publishes its event (see `published`).
class FakeCareReminders final : public reminders::app::CareReminders {
 public:
  bool Schedule(const reminders::domain::Reminder& reminder) override {
    if (reminders_.contains(reminder.reminder_id)) {
      return false;
    }
    reminders_[reminder.reminder_id] = reminder;
    published.push_back(
        {reminder.status == reminders::domain::ReminderStatus::kMissed ? "ReminderMissed" : "ReminderScheduled",
         reminder.reminder_id});
    return true;
  }
  [[nodiscard]] std::optional<reminders::domain::Reminder> Find(const std::string& reminder_id) override {
    auto it = reminders_.find(reminder_id);
    return it == reminders_.end() ? std::nullopt : std::optional(it->second);
  }
  /// Every reminder of the customer (any status), by due time.
  [[nodiscard]] std::vector<reminders::domain::Reminder> ListByCustomer(const std::string& customer_id) override {
    std::vector<reminders::domain::Reminder> found;
    for (const auto& [id, reminder] : reminders_) {
      if (reminder.customer_id == customer_id) {
        found.push_back(reminder);
      }
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.due_at < b.due_at; });
    return found;
  }
  int Close(const std::vector<std::string>& reminder_ids, reminders::domain::ReminderStatus to,
            const std::string& reason) override {
    int count = 0;
    for (const auto& id : reminder_ids) {
      auto it = reminders_.find(id);
      if (it == reminders_.end() || !reminders::domain::IsOpen(it->second.status)) {
        continue;
      }
      it->second.status = to;
      it->second.reason = (to == reminders::domain::ReminderStatus::kDone ? "done: " : "cancelled: ") + reason;
      published.push_back(
          {to == reminders::domain::ReminderStatus::kDone ? "ReminderCompleted" : "ReminderCancelled", id});
      ++count;
    }
    return count;
  }
  void RecordChurnStage(const std::string& customer_id, std::string_view stage) override {
    churn_stages[customer_id] = std::string(stage);
  }
  std::map<std::string, std::string> churn_stages;  ///< customer id → stage word

  /// Test hook: the reminder fired (as the timers worker does).
  void MarkDue(const std::string& reminder_id) {
    reminders_.at(reminder_id).status = reminders::domain::ReminderStatus::kDue;
  }
  /// The customer's reminders of `kind` still to fire.
  [[nodiscard]] std::vector<reminders::domain::Reminder> Scheduled(const std::string& customer_id,
                                                                   reminders::domain::ReminderKind kind) {
    std::vector<reminders::domain::Reminder> scheduled;
    for (auto& reminder : ListByCustomer(customer_id)) {
      if (reminder.kind == kind && reminder.status == reminders::domain::ReminderStatus::kScheduled) {
        scheduled.push_back(std::move(reminder));
      }
    }
    return scheduled;
  }
  /// The customer's reminders of `kind` that are still open.
  [[nodiscard]] std::vector<reminders::domain::Reminder> Open(const std::string& customer_id,
                                                              reminders::domain::ReminderKind kind) {
    std::vector<reminders::domain::Reminder> open;
    for (auto& reminder : ListByCustomer(customer_id)) {
      if (reminder.kind == kind && reminders::domain::IsOpen(reminder.status)) {
        open.push_back(std::move(reminder));
      }
    }
    return open;
  }

  std::vector<PublishedEvent> published;

 private:
  std::map<std::string, reminders::domain::Reminder> reminders_;
};

/// reminders::app::AppointmentRepository in memory over a FakeCareReminders (the reminders a
/// booking or a transition closes), publishing each change's event into its `published`.
class FakeAppointments final : public reminders::app::AppointmentRepository {
 public:
  explicit FakeAppointments(FakeCareReminders& reminders) : reminders_(reminders) {}

  bool Book(const reminders::domain::Appointment& appointment, const std::vector<std::string>& suppressed) override {
    if (appointments_.contains(appointment.appointment_id)) {
      return false;
    }
    appointments_[appointment.appointment_id] = appointment;
    reminders_.published.push_back({"AppointmentBooked", appointment.appointment_id});
    reminders_.Close(suppressed, reminders::domain::ReminderStatus::kCancelled,
                     std::string(reminders::domain::kAppointmentBooked));
    return true;
  }
  bool Transition(const reminders::domain::Appointment& next, const std::vector<std::string>& cancel,
                  const std::string& reason) override {
    auto it = appointments_.find(next.appointment_id);
    if (it == appointments_.end() || it->second.status != reminders::domain::AppointmentStatus::kBooked) {
      return false;
    }
    const Instant day_ends_at = it->second.day_ends_at;
    it->second = next;
    it->second.day_ends_at = day_ends_at;
    reminders_.published.push_back({EventOf(next.status), next.appointment_id});
    reminders_.Close(cancel, reminders::domain::ReminderStatus::kCancelled, reason);
    return true;
  }
  [[nodiscard]] std::optional<reminders::domain::Appointment> Find(const std::string& appointment_id) override {
    auto it = appointments_.find(appointment_id);
    return it == appointments_.end() ? std::nullopt : std::optional(it->second);
  }
  [[nodiscard]] std::vector<reminders::domain::Appointment> ListByCustomer(const std::string& customer_id) override {
    return Where([&](const auto& a) { return a.customer_id == customer_id; });
  }
  [[nodiscard]] std::vector<reminders::domain::Appointment> ListByStore(const std::string& store_id) override {
    return Where([&](const auto& a) { return a.store_id == store_id; });
  }
  [[nodiscard]] std::vector<reminders::domain::Appointment> ListByVehicle(const std::string& vehicle_id) override {
    return Where([&](const auto& a) { return a.vehicle_id == vehicle_id; });
  }
  [[nodiscard]] std::vector<reminders::domain::Appointment> DayEndedBy(Instant now, int limit) override {
    auto found = Where([&](const auto& a) {
      return a.status == reminders::domain::AppointmentStatus::kBooked && a.day_ends_at <= now;
    });
    found.resize(std::min(found.size(), static_cast<size_t>(limit)));
    return found;
  }

 private:
  static std::string EventOf(reminders::domain::AppointmentStatus status) {
    switch (status) {
      case reminders::domain::AppointmentStatus::kCancelled: return "AppointmentCancelled";
      case reminders::domain::AppointmentStatus::kFulfilled: return "AppointmentFulfilled";
      case reminders::domain::AppointmentStatus::kNoShow: return "AppointmentNoShow";
      default: return "AppointmentBooked";
    }
  }
  template <typename Predicate>
  std::vector<reminders::domain::Appointment> Where(Predicate wanted) {
    std::vector<reminders::domain::Appointment> found;
    for (const auto& [id, appointment] : appointments_) {
      if (wanted(appointment)) {
        found.push_back(appointment);
      }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.scheduled_at < b.scheduled_at; });
    return found;
  }

  FakeCareReminders& reminders_;
  std::map<std::string, reminders::domain::Appointment> appointments_;
};

/// reminders::app::CustomerProfiles in memory: NOT_FOUND for a customer not put, UNAVAILABLE
/// while `unavailable` is set.
class FakeCustomerProfiles final : public reminders::app::CustomerProfiles {
 public:
  [[nodiscard]] Result<reminders::app::CustomerProfile> Get(const std::string& customer_id) override {
    ++reads;
    if (unavailable) {
      return Error{ErrorCode::kUnavailable, "", "customers service down"};
    }
    auto it = profiles.find(customer_id);
    if (it == profiles.end()) {
      return Error{ErrorCode::kNotFound, "customer_id", "no customer '" + customer_id + "'"};
    }
    return it->second;
  }

  std::map<std::string, reminders::app::CustomerProfile> profiles;
  bool unavailable = false;
  int reads = 0;
};

}  // namespace careloop::testing
