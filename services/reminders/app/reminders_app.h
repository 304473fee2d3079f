#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/ports.h"
#include "services/reminders/app/replanner.h"
#include "services/reminders/app/rules_ports.h"
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

/// A recorded annual inspection, as the customers service announced it.
struct RecordedInspection final {
  domain::VehicleFacts vehicle;
  std::string inspection_id;
  Date inspection_date;
  Date next_due_date;  ///< invalid when not on record: computed from the delivery date
};

/// The reminders service's use cases: keep every vehicle's care schedule current (maintenance,
/// insurance, warranty, inspection), by the store rules (RuleBook), and fire its timers.
class RemindersApp final {
 public:
  RemindersApp(ReminderRepository& repository, ReplanRepository& replan, RuleBook& rules, Replanner& replanner,
               const clock::Clock& clock, const config::StoreCatalog& stores);

  /// A new car's first free maintenance reminder — or, for a delivery long past (imported
  /// history), the missed ones recorded and the first maintenance still ahead —, its warranty
  /// expiry and its next annual inspection (from the delivery date as registration). Idempotent.
  void OnVehicleDelivered(const DeliveredVehicle& delivered);
  /// An odometer reading: recorded for the km/day estimate; a reading that moves a due date
  /// re-plans the open maintenance and warranty reminders (ReminderRescheduled). Idempotent.
  void OnOdometerRecorded(const domain::VehicleFacts& vehicle, const domain::OdometerReading& reading);
  /// An inspection passed: the inspection reminders of another due date are cancelled and the
  /// next inspection planned (the next due date on record, else by the national schedule from
  /// the delivery date). Idempotent.
  void OnInspectionRecorded(const RecordedInspection& inspection);
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
  /// Fires what is due now; returns how many fired. A fired maintenance reminder gets its one
  /// follow-up (the rule's follow_up_days later); a fired inspection reminder plans the next
  /// inspection of the schedule. A reminder whose service date has passed
  /// beyond the store's grace period (the service was down, the clock jumped) is recorded as
  /// missed instead, and its chain moves on. Safe to run on every instance at once.
  int FireDue(int batch_size = 100);
  [[nodiscard]] Result<domain::Reminder> Get(const auth::Principal& caller, const std::string& reminder_id);
  /// What GetMany answers: the reminders found, in the order asked, and the ids with none.
  struct Found final {
    std::vector<domain::Reminder> reminders;
    std::vector<std::string> not_found;
  };
  static constexpr size_t kMaxGetMany = 500;
  /// Many reminders in one read (app/reminders_get_many.cc; dispatch checks a campaign batch's
  /// causes so): 1 to kMaxGetMany ids, none empty (INVALID_ARGUMENT naming `reminder_ids[i]`), a
  /// repeated id answered once. PERMISSION_DENIED when one found belongs to a store the caller
  /// may not access.
  [[nodiscard]] Result<Found> GetMany(const auth::Principal& caller, const std::vector<std::string>& reminder_ids);
  /// Staff cancel one open reminder (scheduled, or fired and unanswered): ReminderCancelled with
  /// reason "staff:<caller>: <reason>". A reminder already closed is FAILED_PRECONDITION.
  [[nodiscard]] Result<domain::Reminder> Cancel(const auth::Principal& caller, const std::string& reminder_id,
                                                const std::string& reason);

  [[nodiscard]] Result<std::vector<domain::Reminder>> List(const auth::Principal& caller,
                                                           const std::string& customer_id, const std::string& store_id);

 private:
  /// Whether `date` is within the store's grace period of today (not imported history).
  [[nodiscard]] bool IsRecent(const std::string& store_id, Date date) const;
  [[nodiscard]] domain::PlanningMoment MomentAt(const std::string& store_id) const;
  /// Stores the plan's reminders, except those whose rule excludes the customer's churn stage.
  void Store(const std::vector<domain::Reminder>& plan);
  /// What planning has read already: customers' churn stages, vehicles' models and whether a
  /// (store, kind, model) rule excludes the stage. One per plan, so each is read once.
  struct StageLookups final {
    std::map<std::string, std::string> stages;  ///< customer id → stage word ("" unknown)
    std::map<std::string, std::string> models;  ///< vehicle id → model
    std::map<std::string, bool> excluded;       ///< "store\nkind\nmodel" → the rule excludes the stage
  };
  /// Whether the reminder's rule excludes its customer's churn stage (domain::Excludes).
  [[nodiscard]] bool ExcludedByStage(const domain::Reminder& reminder, StageLookups& seen);
  [[nodiscard]] domain::VehicleFacts Known(const domain::VehicleFacts& vehicle);
  void FollowUp(const domain::Reminder& fired);
  void PlanNextInspection(const domain::Reminder& fired);

  ReminderRepository& repository_;
  ReplanRepository& replan_;
  RuleBook& rules_;
  Replanner& replanner_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::reminders::app
