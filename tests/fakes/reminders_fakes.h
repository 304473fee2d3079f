#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "common/clock/clock.h"
#include "services/reminders/app/ports.h"
#include "services/reminders/app/rules_ports.h"
#include "services/reminders/domain/reminder.h"
#include "tests/fakes/published_events.h"
#include "tests/fakes/timer_queue_fake.h"

namespace careloop::testing {

/// In-memory reminders::app::ReminderRepository keeping the port's promises: a reminder id is
/// scheduled once (in any status), a visit is applied once (answering the vehicle's open reminders), a timer is claimed
/// by one caller at a time and fires once, and every change publishes its event (see `published`).
/// It is the ReplanRepository too (moves, cancels and follow-ups of one reminder).
class FakeReminderRepository final : public reminders::app::ReminderRepository,
                                     public reminders::app::ReplanRepository {
 public:
  bool Schedule(const reminders::domain::Reminder& reminder) override {
    if (reminders_.contains(reminder.reminder_id)) {
      return false;
    }
    Store(reminder);
    return true;
  }

  bool ApplyVisit(const std::string& visit_id, const std::string& vehicle_id, bool complete_open,
                  const std::vector<reminders::domain::Reminder>& plan, const std::string& reason) override {
    if (!applied_visits_.insert(visit_id).second) {
      return false;
    }
    const auto planned = [&](const std::string& id) {
      return std::any_of(plan.begin(), plan.end(), [&](const auto& r) { return r.reminder_id == id; });
    };
    if (complete_open) {
      std::set<std::string>& open = open_[vehicle_id];
      for (const std::string& id : std::set<std::string>(open)) {
        reminders::domain::Reminder& reminder = reminders_.at(id);
        if (!reminders::domain::IsOpen(reminder.status) || !reminders::domain::IsMaintenance(reminder.kind) ||
            planned(id)) {
          continue;
        }
        reminder.status = reminders::domain::ReminderStatus::kDone;
        reminder.reason = "done: " + reason;
        timers.Remove(id);
        open.erase(id);
        published.push_back({"ReminderCompleted", id});
      }
    }
    for (const auto& next : plan) {
      if (!reminders_.contains(next.reminder_id)) {
        Store(next);
      }
    }
    return true;
  }

  int CancelOpen(const std::string& vehicle_id, const std::string& reason, const std::string& policy_id) override {
    int count = 0;
    std::set<std::string>& open = open_[vehicle_id];
    for (const std::string& id : std::set<std::string>(open)) {
      reminders::domain::Reminder& reminder = reminders_.at(id);
      if (!reminders::domain::IsOpen(reminder.status) || (!policy_id.empty() && reminder.policy_id != policy_id)) {
        continue;
      }
      reminder.status = reminders::domain::ReminderStatus::kCancelled;
      reminder.reason = "cancelled: " + reason;
      timers.Remove(id);
      open.erase(id);
      published.push_back({"ReminderCancelled", id});
      ++count;
    }
    return count;
  }

  /// One entry per policy id; a replay replaces it.
  void RecordPolicy(const reminders::domain::PolicyFacts& policy) override {
    policies_[policy.vehicle.vehicle_id][policy.policy_id] = policy;
  }
  [[nodiscard]] std::vector<reminders::domain::PolicyFacts> Policies(
      const reminders::domain::VehicleFacts& vehicle) override {
    std::vector<reminders::domain::PolicyFacts> found;
    for (const auto& [id, policy] : policies_[vehicle.vehicle_id]) {
      found.push_back(policy);
    }
    return found;
  }

  bool Miss(const reminders::domain::Reminder& missed) override {
    timers.Release(missed.reminder_id);
    auto it = reminders_.find(missed.reminder_id);
    if (it == reminders_.end() || it->second.status != reminders::domain::ReminderStatus::kScheduled) {
      return false;
    }
    it->second = missed;
    timers.Remove(missed.reminder_id);
    open_[missed.vehicle_id].erase(missed.reminder_id);
    published.push_back({"ReminderMissed", missed.reminder_id});
    return true;
  }

  [[nodiscard]] std::string ChurnStageOf(const std::string& customer_id) override {
    ++churn_stage_reads;
    auto it = churn_stages.find(customer_id);
    return it == churn_stages.end() ? "" : it->second;
  }
  void RecordChurnStage(const std::string& customer_id, std::string_view stage) override {
    churn_stages[customer_id] = std::string(stage);
  }
  std::map<std::string, std::string> churn_stages;  ///< customer id → stage word
  int churn_stage_reads = 0;                        ///< ChurnStageOf calls

  /// One reading per vehicle and date; a later reading of the same date replaces it.
  void RecordOdometer(const std::string& vehicle_id, const reminders::domain::OdometerReading& reading) override {
    odometer_[vehicle_id][reading.date] = reading.km;
  }

  [[nodiscard]] std::vector<reminders::domain::OdometerReading> Odometer(const std::string& vehicle_id) override {
    std::vector<reminders::domain::OdometerReading> readings;
    for (const auto& [date, km] : odometer_[vehicle_id]) {
      readings.push_back({date, km});
    }
    return readings;
  }

  [[nodiscard]] std::vector<std::string> ClaimDue(Instant now, Millis lease, int limit) override {
    std::vector<std::string> claimed = timers.Claim(now, lease, limit);
    if (after_claim) {
      after_claim();
    }
    return claimed;
  }

  bool Fire(const std::string& reminder_id, Instant fired_at) override {
    timers.Release(reminder_id);
    auto it = reminders_.find(reminder_id);
    if (it == reminders_.end() || it->second.status != reminders::domain::ReminderStatus::kScheduled) {
      return false;
    }
    it->second.status = reminders::domain::ReminderStatus::kDue;
    it->second.fired_at = fired_at;
    published.push_back({"ReminderDue", reminder_id});
    return true;
  }

  [[nodiscard]] std::optional<reminders::domain::Reminder> Find(const std::string& reminder_id) override {
    auto it = reminders_.find(reminder_id);
    return it == reminders_.end() ? std::nullopt : std::optional(it->second);
  }

  /// Every reminder of the customer (any status), by due time.
  [[nodiscard]] std::vector<reminders::domain::Reminder> ListByCustomer(const std::string& customer_id) override {
    return ByDueTime([&](const auto& reminder) { return reminder.customer_id == customer_id; }, reminders_.size());
  }

  /// The first `limit` reminders of the store (any status), by due time.
  [[nodiscard]] std::vector<reminders::domain::Reminder> ListByStore(const std::string& store_id,
                                                                     size_t limit) override {
    return ByDueTime([&](const auto& reminder) { return reminder.store_id == store_id; }, limit);
  }

  [[nodiscard]] std::vector<reminders::domain::Reminder> Scheduled(const std::string& store_id,
                                                                   reminders::domain::ReminderKind kind) override {
    return ByDueTime(
        [&](const auto& r) {
          return r.store_id == store_id && r.kind == kind && r.status == reminders::domain::ReminderStatus::kScheduled;
        },
        reminders_.size());
  }

  [[nodiscard]] std::vector<reminders::domain::Reminder> OpenOfVehicle(const std::string& vehicle_id) override {
    std::vector<reminders::domain::Reminder> open;
    for (const auto& id : open_[vehicle_id]) {
      if (reminders::domain::IsOpen(reminders_.at(id).status)) {
        open.push_back(reminders_.at(id));
      }
    }
    return open;
  }

  bool Reschedule(const reminders::domain::Reminder& previous, const reminders::domain::Reminder& moved) override {
    auto it = reminders_.find(previous.reminder_id);
    if (it == reminders_.end() || it->second.status != reminders::domain::ReminderStatus::kScheduled ||
        it->second.due_at != previous.due_at || it->second.service_due_date != previous.service_due_date ||
        it->second.occurrence != moved.occurrence) {
      return false;
    }
    it->second = moved;
    it->second.status = reminders::domain::ReminderStatus::kScheduled;
    timers.Add(moved.reminder_id, moved.due_at);
    published.push_back({"ReminderRescheduled", moved.reminder_id});
    return true;
  }

  std::optional<reminders::domain::Reminder> Cancel(const std::string& reminder_id,
                                                    const std::string& reason) override {
    auto it = reminders_.find(reminder_id);
    if (it == reminders_.end() || !reminders::domain::IsOpen(it->second.status)) {
      return std::nullopt;
    }
    it->second.status = reminders::domain::ReminderStatus::kCancelled;
    it->second.reason = "cancelled: " + reason;
    timers.Remove(reminder_id);
    open_[it->second.vehicle_id].erase(reminder_id);
    published.push_back({"ReminderCancelled", reminder_id});
    return it->second;
  }

  bool FollowUp(const std::string& reminder_id, Instant at, const std::string& reason) override {
    auto it = reminders_.find(reminder_id);
    if (it == reminders_.end() || it->second.status != reminders::domain::ReminderStatus::kDue ||
        it->second.occurrence != 1) {
      return false;
    }
    it->second.status = reminders::domain::ReminderStatus::kScheduled;
    it->second.occurrence = 2;
    it->second.due_at = at;
    it->second.reason = reason;
    timers.Add(reminder_id, at);
    published.push_back({"ReminderRescheduled", reminder_id});
    return true;
  }

  void RecordVehicle(const reminders::domain::VehicleFacts& vehicle, Date delivery_date) override {
    vehicles_[vehicle.vehicle_id] = {vehicle, delivery_date};
  }
  [[nodiscard]] std::optional<reminders::domain::VehicleFacts> Vehicle(const std::string& vehicle_id) override {
    auto it = vehicles_.find(vehicle_id);
    return it == vehicles_.end() ? std::nullopt : std::optional(it->second.first);
  }
  [[nodiscard]] std::optional<Date> DeliveryDate(const std::string& vehicle_id) override {
    auto it = vehicles_.find(vehicle_id);
    return it == vehicles_.end() ? std::nullopt : std::optional(it->second.second);
  }

  /// Real time, which leases run on (the business clock is the app's). Stands still unless a
  /// test advances it, e.g. to let the lease of an instance that died mid-fire expire.
  clock::ManualClock real_time{Instant{}};
  /// The scheduled timers and the leases of claimed ones.
  FakeTimerQueue timers{real_time};
  /// Events published with the changes, in order.
  std::vector<PublishedEvent> published;
  /// Runs at the end of every ClaimDue, to stage what another instance does between a claim
  /// and the fire (e.g. a visit cancelling the claimed reminder).
  std::function<void()> after_claim;

 private:
  void Store(const reminders::domain::Reminder& reminder) {
    reminders_[reminder.reminder_id] = reminder;
    if (reminder.status == reminders::domain::ReminderStatus::kMissed) {
      published.push_back({"ReminderMissed", reminder.reminder_id});
      return;
    }
    timers.Add(reminder.reminder_id, reminder.due_at);
    open_[reminder.vehicle_id].insert(reminder.reminder_id);
    published.push_back({"ReminderScheduled", reminder.reminder_id});
  }

  template <class Predicate>
  std::vector<reminders::domain::Reminder> ByDueTime(Predicate matches, size_t limit) const {
    std::vector<reminders::domain::Reminder> found;
    for (const auto& [id, reminder] : reminders_) {
      if (matches(reminder)) {
        found.push_back(reminder);
      }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return a.due_at != b.due_at ? a.due_at < b.due_at : a.reminder_id < b.reminder_id;
    });
    found.resize(std::min(found.size(), limit));
    return found;
  }

  std::map<std::string, reminders::domain::Reminder> reminders_;
  std::map<std::string, std::set<std::string>> open_;    // vehicle id → open maintenance reminder ids
  std::map<std::string, std::map<Date, int>> odometer_;  // vehicle id → date → km
  std::set<std::string> applied_visits_;
  std::map<std::string, std::map<std::string, reminders::domain::PolicyFacts>> policies_;  // vehicle → id → policy
  std::map<std::string, std::pair<reminders::domain::VehicleFacts, Date>> vehicles_;  // vehicle id → facts, delivery
};

}  // namespace careloop::testing
