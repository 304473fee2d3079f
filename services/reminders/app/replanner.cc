#include "services/reminders/app/replanner.h"

#include "common/log/log.h"

namespace careloop::reminders::app {

domain::PlanningMoment MomentAt(const config::StoreCatalog& stores, const clock::Clock& clock,
                                const std::string& store_id) {
  const config::StoreSettings* store = stores.Find(store_id);
  return {stores.ZoneOf(store_id), clock.Now(),
          store != nullptr ? store->missed_grace_days : config::StoreSettings{}.missed_grace_days};
}

domain::MaintenancePolicy MaintenancePolicyFor(RuleBook& rules, const std::string& store_id, const std::string& model) {
  return domain::PolicyOf(rules.For(store_id, domain::ReminderKind::kFirstMaintenance, model),
                          rules.For(store_id, domain::ReminderKind::kSecondMaintenance, model),
                          rules.For(store_id, domain::ReminderKind::kRegularMaintenance, model));
}

Replanner::Replanner(ReminderRepository& reminders, ReplanRepository& replan, RuleBook& rules,
                     const clock::Clock& clock, const config::StoreCatalog& stores)
    : reminders_(reminders), replan_(replan), rules_(rules), clock_(clock), stores_(stores) {}

std::string Replanner::ModelOf(const std::string& vehicle_id) {
  if (vehicle_id.empty()) {
    return "";
  }
  const auto vehicle = replan_.Vehicle(vehicle_id);
  return vehicle ? vehicle->model : "";
}

bool Replanner::Apply(const domain::Reminder& pending, const domain::Replanned& decision,
                      const std::vector<domain::OdometerReading>& readings, const std::string& model,
                      const domain::PlanningMoment& moment) {
  switch (decision.action) {
    case domain::ReplanAction::kKeep: return false;
    case domain::ReplanAction::kMove:
      if (!replan_.Reschedule(pending, decision.reminder)) {
        return false;
      }
      log::Info("reminder rescheduled", {{"reminder_id", pending.reminder_id},
                                         {"due_at", FormatRfc3339(decision.reminder.due_at)},
                                         {"reason", decision.reason}});
      return true;
    case domain::ReplanAction::kCancel:
      if (!replan_.Cancel(pending.reminder_id, decision.reason)) {
        return false;
      }
      log::Info("reminder cancelled by its rule", {{"reminder_id", pending.reminder_id}, {"reason", decision.reason}});
      return true;
    case domain::ReplanAction::kMiss:
      if (domain::IsMaintenance(pending.kind)) {
        // The chain first (idempotent), then the mark: a crash in between re-plans the same ids.
        const auto policy = MaintenancePolicyFor(rules_, pending.store_id, model);
        for (const auto& next : domain::PlanAfterMissed(decision.reminder, readings, policy, moment).All()) {
          (void)reminders_.Schedule(next);
        }
      }
      return reminders_.Miss(decision.reminder);
  }
  return false;
}

int Replanner::ReplanRule(const domain::Rule& rule) {
  std::vector<std::string> store_ids;
  if (rule.store_id.empty()) {
    for (const auto& store : stores_.all()) {
      store_ids.push_back(store.id);
    }
  } else {
    store_ids.push_back(rule.store_id);
  }
  int changed = 0;
  for (const auto& store_id : store_ids) {
    const domain::PlanningMoment moment = MomentAt(stores_, clock_, store_id);
    for (const auto& pending : replan_.Scheduled(store_id, rule.kind)) {
      if (!domain::PlannedByRule(pending)) {
        continue;  // a campaign's or an appointment's timer keeps its moment
      }
      const std::string model = ModelOf(pending.vehicle_id);
      const domain::Rule governing = rules_.For(store_id, rule.kind, model);
      if (governing.rule_id != rule.rule_id) {
        continue;  // a more specific rule governs it, and that one did not change
      }
      const auto readings =
          pending.vehicle_id.empty() ? std::vector<domain::OdometerReading>{} : reminders_.Odometer(pending.vehicle_id);
      const domain::Replanned decision =
          domain::Replan(pending, governing, readings, moment, "rule " + rule.rule_id + " changed");
      changed += Apply(pending, decision, readings, model, moment) ? 1 : 0;
      for (const auto& added : domain::AddedFirings(pending, governing, moment)) {
        changed += reminders_.Schedule(added) ? 1 : 0;
      }
    }
  }
  return changed;
}

int Replanner::ReplanVehicle(const std::string& vehicle_id, const std::string& why) {
  const auto vehicle = replan_.Vehicle(vehicle_id);
  const std::string model = vehicle ? vehicle->model : "";
  const auto readings = reminders_.Odometer(vehicle_id);
  int changed = 0;
  for (const auto& pending : replan_.OpenOfVehicle(vehicle_id)) {
    const bool by_mileage =
        domain::IsMaintenance(pending.kind) || pending.kind == domain::ReminderKind::kWarrantyExpiry;
    if (pending.status != domain::ReminderStatus::kScheduled || !by_mileage || !pending.anchor_date.IsValid()) {
      continue;
    }
    const domain::PlanningMoment moment = MomentAt(stores_, clock_, pending.store_id);
    const domain::Rule rule = rules_.For(pending.store_id, pending.kind, model);
    changed += Apply(pending, domain::Replan(pending, rule, readings, moment, why), readings, model, moment) ? 1 : 0;
  }
  return changed;
}

}  // namespace careloop::reminders::app
