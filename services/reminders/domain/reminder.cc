#include "services/reminders/domain/reminder.h"

namespace careloop::reminders::domain {
namespace {

// A chain longer than this (fifty years of six-monthly maintenance) is bad data, not history.
constexpr int kMaxMissedInChain = 100;

Reminder Plan(const VehicleFacts& vehicle, ReminderKind kind, const std::string& anchor, const OdometerReading& from,
              const MaintenanceDue& due, const MaintenancePolicy& policy, const PlanningMoment& moment,
              std::string reason) {
  Reminder reminder;
  reminder.reminder_id = MaintenanceReminderId(kind, vehicle.vehicle_id, anchor);
  reminder.customer_id = vehicle.customer_id;
  reminder.vehicle_id = vehicle.vehicle_id;
  reminder.store_id = vehicle.store_id;
  reminder.kind = kind;
  reminder.status = ReminderStatus::kScheduled;
  const MaintenancePolicy::Timing timing = policy.TimingOf(kind);
  reminder.due_at = ReminderMoment(due, timing, moment.zone, moment.now);
  reminder.service_due_date = due.due_date;
  reminder.service_due_km = due.due_km;
  reminder.anchor_date = from.date;
  reminder.anchor_km = from.km;
  reminder.rule_id = timing.rule_id;
  reminder.lead_days = timing.lead_days;
  reminder.reason = std::move(reason) + (due.due_by_mileage ? " (by estimated mileage)" : " (by time)");
  return reminder;
}

struct NextStep final {
  ReminderKind kind;
  int months;
  int km;
};

// The maintenance that follows one that was not done: the chain keeps its order.
NextStep After(ReminderKind kind, const MaintenancePolicy& policy) {
  if (kind == ReminderKind::kFirstMaintenance) {
    return {ReminderKind::kSecondMaintenance, policy.second_months, policy.second_km};
  }
  return {ReminderKind::kRegularMaintenance, policy.regular_months, policy.regular_km};
}

Reminder Successor(const Reminder& missed, const std::vector<OdometerReading>& readings,
                   const MaintenancePolicy& policy, const PlanningMoment& moment) {
  const NextStep step = After(missed.kind, policy);
  const MaintenanceDue due = DueAfter(missed.service_due_date, missed.service_due_km, step.months, step.km, readings);
  return Plan({missed.customer_id, missed.vehicle_id, missed.store_id}, step.kind, missed.reminder_id,
              {missed.service_due_date, missed.service_due_km}, due, policy, moment,
              std::string(KindName(step.kind)) + " after the " + std::string(KindName(missed.kind)) + " due on " +
                  missed.service_due_date.ToString() + " was missed");
}

// Moves `candidate` on past every service date already missed.
MaintenancePlan MoveOn(Reminder candidate, const std::vector<OdometerReading>& readings,
                       const MaintenancePolicy& policy, const PlanningMoment& moment) {
  MaintenancePlan plan;
  const Date today = moment.Today();
  while (IsMissed(candidate.service_due_date, today, moment.grace_days) &&
         static_cast<int>(plan.missed.size()) < kMaxMissedInChain) {
    Reminder next = Successor(candidate, readings, policy, moment);
    plan.missed.push_back(MarkedMissed(std::move(candidate), today, moment.grace_days));
    candidate = std::move(next);
  }
  plan.next = std::move(candidate);
  return plan;
}

}  // namespace

bool IsOpen(ReminderStatus status) {
  return status == ReminderStatus::kScheduled || status == ReminderStatus::kDue;
}

bool IsMissed(Date service_due_date, Date today, int grace_days) {
  return service_due_date.IsValid() && service_due_date.PlusDays(grace_days) < today;
}

std::vector<Reminder> MaintenancePlan::All() const {
  std::vector<Reminder> all = missed;
  all.push_back(next);
  return all;
}

Reminder MarkedMissed(Reminder reminder, Date today, int grace_days) {
  reminder.status = ReminderStatus::kMissed;
  reminder.reason = "missed: the service was due on " + reminder.service_due_date.ToString() + ", more than " +
                    std::to_string(grace_days) + " days before " + today.ToString() + "; not sent";
  return reminder;
}

MaintenancePlan PlanFirstMaintenance(const VehicleFacts& vehicle, Date delivery_date, int delivery_km,
                                     const std::vector<OdometerReading>& readings, const MaintenancePolicy& policy,
                                     const PlanningMoment& moment) {
  const MaintenanceDue due = DueAfter(delivery_date, delivery_km, policy.first_months, policy.first_km, readings);
  return MoveOn(Plan(vehicle, ReminderKind::kFirstMaintenance, delivery_date.ToString(), {delivery_date, delivery_km},
                     due, policy, moment, "first free maintenance after delivery on " + delivery_date.ToString()),
                readings, policy, moment);
}

std::optional<MaintenancePlan> PlanAfterVisit(const VehicleFacts& vehicle, VisitKind visit, const std::string& visit_id,
                                              Date visit_date, int visit_km,
                                              const std::vector<OdometerReading>& readings,
                                              const MaintenancePolicy& policy, const PlanningMoment& moment) {
  const VisitEffect effect = EffectOfVisit(visit, policy);
  if (!effect.next_kind) {
    return std::nullopt;
  }
  const MaintenanceDue due = DueAfter(visit_date, visit_km, effect.months, effect.km, readings);
  return MoveOn(Plan(vehicle, *effect.next_kind, visit_id, {visit_date, visit_km}, due, policy, moment,
                     std::string(KindName(*effect.next_kind)) + " after the visit on " + visit_date.ToString()),
                readings, policy, moment);
}

MaintenancePlan PlanAfterMissed(const Reminder& missed, const std::vector<OdometerReading>& readings,
                                const MaintenancePolicy& policy, const PlanningMoment& moment) {
  return MoveOn(Successor(missed, readings, policy, moment), readings, policy, moment);
}

}  // namespace careloop::reminders::domain
