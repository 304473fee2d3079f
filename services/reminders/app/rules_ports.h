#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/reminders/domain/reminder.h"
#include "services/reminders/domain/rule.h"

namespace careloop::reminders::app {

/// Read-only port: the rule governing reminders of a kind. Every use case that plans
/// reminders reads its lead times, intervals, fire time, template and channel plan here.
class RuleBook {
 public:
  virtual ~RuleBook() = default;

  /// The rule for `kind` at `store_id` for a vehicle of `model` (empty: any vehicle / a
  /// customer-level reminder), most specific first: store + model > store > group + model >
  /// group > the built-in default (domain::DefaultRule). Check `enabled` before planning:
  /// a disabled rule means the store sends nothing of that kind.
  [[nodiscard]] virtual domain::Rule For(const std::string& store_id, domain::ReminderKind kind,
                                         const std::string& model) = 0;
};

/// Port: the stored rules (config seeds them; UpsertRule changes them).
class RuleStore {
 public:
  virtual ~RuleStore() = default;
  [[nodiscard]] virtual std::vector<domain::Rule> All() = 0;
  /// Stores `rule` as configured, unless the same configuration was seeded before and the rule
  /// is stored: a change made through UpsertRule outlives a restart, an edited configuration
  /// wins over it. True if stored.
  virtual bool Seed(const domain::Rule& rule) = 0;
  /// Stores `rule`, replacing the rule with its id.
  virtual void Put(const domain::Rule& rule) = 0;
};

/// Port: what re-planning needs of the reminders beyond ReminderRepository. Each change is one
/// atomic step with its event.
class ReplanRepository {
 public:
  virtual ~ReplanRepository() = default;

  /// The store's reminders of `kind` still waiting to fire (status scheduled).
  [[nodiscard]] virtual std::vector<domain::Reminder> Scheduled(const std::string& store_id,
                                                                domain::ReminderKind kind) = 0;
  /// The vehicle's open reminders (scheduled, or fired and unanswered).
  [[nodiscard]] virtual std::vector<domain::Reminder> OpenOfVehicle(const std::string& vehicle_id) = 0;
  /// Moves a scheduled reminder to `moved` (due_at, service date and km, lead, rule, reason),
  /// its timer with it, publishing ReminderRescheduled. False (nothing written) when it is no
  /// longer scheduled at `previous.due_at` — fired, cancelled, or moved meanwhile — or when
  /// nothing would change (a replay).
  virtual bool Reschedule(const domain::Reminder& previous, const domain::Reminder& moved) = 0;
  /// Cancels one open reminder with ReminderCancelled and `reason`; returns it as cancelled,
  /// or nullopt when it is not open (done, cancelled, missed, or unknown).
  virtual std::optional<domain::Reminder> Cancel(const std::string& reminder_id, const std::string& reason) = 0;
  /// A fired maintenance reminder (status due, occurrence 1) scheduled once more as its
  /// follow-up: occurrence 2 at `at`, with ReminderRescheduled. False when it is not in that
  /// state (answered by a visit, already followed up, a replay).
  virtual bool FollowUp(const std::string& reminder_id, Instant at, const std::string& reason) = 0;
  /// A vehicle's facts as rules need them later (model, delivery): recorded at delivery.
  virtual void RecordVehicle(const domain::VehicleFacts& vehicle, Date delivery_date) = 0;
  [[nodiscard]] virtual std::optional<domain::VehicleFacts> Vehicle(const std::string& vehicle_id) = 0;
  [[nodiscard]] virtual std::optional<Date> DeliveryDate(const std::string& vehicle_id) = 0;
};

}  // namespace careloop::reminders::app
