#include "services/reminders/app/reminders_app.h"

#include <chrono>
#include <map>
#include <set>

#include "common/log/log.h"
#include "services/reminders/domain/inspection.h"
#include "services/reminders/domain/warranty.h"
#include "services/reminders/domain/win_back.h"

namespace careloop::reminders::app {
namespace {

// A fire that takes longer than this is presumed dead and the timer goes to another instance.
constexpr Millis kFireLease{30'000};

void LogStored(const domain::Reminder& reminder) {
  if (reminder.status == domain::ReminderStatus::kMissed) {
    log::Info("reminder recorded as missed", {{"reminder_id", reminder.reminder_id},
                                              {"kind", domain::KindName(reminder.kind)},
                                              {"service_due_date", reminder.service_due_date.ToString()}});
    return;
  }
  log::Info("reminder scheduled", {{"reminder_id", reminder.reminder_id},
                                   {"kind", domain::KindName(reminder.kind)},
                                   {"due_at", FormatRfc3339(reminder.due_at)},
                                   {"service_due_date", reminder.service_due_date.ToString()}});
}

}  // namespace

RemindersApp::RemindersApp(ReminderRepository& repository, ReplanRepository& replan, RuleBook& rules,
                           Replanner& replanner, const clock::Clock& clock, const config::StoreCatalog& stores)
    : repository_(repository), replan_(replan), rules_(rules), replanner_(replanner), clock_(clock), stores_(stores) {}

domain::PlanningMoment RemindersApp::MomentAt(const std::string& store_id) const {
  return app::MomentAt(stores_, clock_, store_id);
}

domain::VehicleFacts RemindersApp::Known(const domain::VehicleFacts& vehicle) {
  domain::VehicleFacts known = vehicle;
  if (known.model.empty()) {
    if (const auto recorded = replan_.Vehicle(vehicle.vehicle_id)) {
      known.model = recorded->model;
    }
  }
  return known;
}

bool RemindersApp::ExcludedByStage(const domain::Reminder& reminder, StageLookups& seen) {
  auto stage = seen.stages.find(reminder.customer_id);
  if (stage == seen.stages.end()) {
    stage = seen.stages.emplace(reminder.customer_id, repository_.ChurnStageOf(reminder.customer_id)).first;
  }
  if (stage->second.empty()) {
    return false;
  }
  auto model = seen.models.find(reminder.vehicle_id);
  if (model == seen.models.end()) {
    model =
        seen.models
            .emplace(reminder.vehicle_id, Known({reminder.customer_id, reminder.vehicle_id, reminder.store_id}).model)
            .first;
  }
  const std::string rule_key =
      reminder.store_id + '\n' + std::string(domain::KindName(reminder.kind)) + '\n' + model->second;
  auto excluded = seen.excluded.find(rule_key);
  if (excluded == seen.excluded.end()) {
    excluded = seen.excluded
                   .emplace(rule_key, domain::Excludes(rules_.For(reminder.store_id, reminder.kind, model->second),
                                                       stage->second))
                   .first;
  }
  return excluded->second;
}

void RemindersApp::Store(const std::vector<domain::Reminder>& plan) {
  StageLookups seen;  // one plan: the customer's stage and each rule read once
  for (const auto& reminder : plan) {
    if (ExcludedByStage(reminder, seen)) {
      log::Info("reminder not planned: its rule excludes the customer's churn stage",
                {{"reminder_id", reminder.reminder_id}, {"kind", domain::KindName(reminder.kind)}});
      continue;
    }
    if (repository_.Schedule(reminder)) {
      LogStored(reminder);
    }
  }
}

bool RemindersApp::IsRecent(const std::string& store_id, Date date) const {
  const config::StoreSettings* store = stores_.Find(store_id);
  const int grace_days = store != nullptr ? store->missed_grace_days : config::StoreSettings{}.missed_grace_days;
  return !domain::IsMissed(date, stores_.ZoneOf(store_id).DateAt(clock_.Now()), grace_days);
}

void RemindersApp::OnVehicleDelivered(const DeliveredVehicle& delivered) {
  const domain::VehicleFacts& vehicle = delivered.vehicle;
  if (IsRecent(vehicle.store_id, delivered.delivery_date)) {
    // A new car: the customer is back, whatever stage was last heard.
    repository_.RecordChurnStage(vehicle.customer_id, domain::StageWord(domain::ChurnStage::kActive));
  }
  replan_.RecordVehicle(vehicle, delivered.delivery_date);
  repository_.RecordOdometer(vehicle.vehicle_id, {delivered.delivery_date, delivered.odometer_km});
  const auto readings = repository_.Odometer(vehicle.vehicle_id);
  const domain::PlanningMoment moment = MomentAt(vehicle.store_id);
  if (rules_.For(vehicle.store_id, domain::ReminderKind::kFirstMaintenance, vehicle.model).enabled) {
    Store(domain::PlanFirstMaintenance(vehicle, delivered.delivery_date, delivered.odometer_km, readings,
                                       MaintenancePolicyFor(rules_, vehicle.store_id, vehicle.model), moment)
              .All());
  }
  Store(domain::PlanWarrantyExpiry(vehicle, delivered.delivery_date, readings,
                                   rules_.For(vehicle.store_id, domain::ReminderKind::kWarrantyExpiry, vehicle.model),
                                   moment));
  Store(domain::PlanInspection(vehicle, domain::NextInspectionDue(delivered.delivery_date, moment),
                               rules_.For(vehicle.store_id, domain::ReminderKind::kAnnualInspection, vehicle.model),
                               moment));
}

void RemindersApp::OnOdometerRecorded(const domain::VehicleFacts& vehicle, const domain::OdometerReading& reading) {
  repository_.RecordOdometer(vehicle.vehicle_id, reading);
  if (const int moved = replanner_.ReplanVehicle(
          vehicle.vehicle_id, "odometer " + std::to_string(reading.km) + " km on " + reading.date.ToString());
      moved > 0) {
    log::Info("reminders moved by an odometer reading",
              {{"vehicle_id", vehicle.vehicle_id}, {"moved", std::to_string(moved)}});
  }
}

void RemindersApp::OnInspectionRecorded(const RecordedInspection& inspection) {
  const domain::VehicleFacts vehicle = Known(inspection.vehicle);
  std::optional<domain::InspectionDue> due;
  if (inspection.next_due_date.IsValid()) {
    due = domain::InspectionDue{inspection.next_due_date, true, 0};
  } else if (const auto delivered = replan_.DeliveryDate(vehicle.vehicle_id)) {
    due = domain::NextInspectionAfterPassing(*delivered, inspection.inspection_date);
  }
  for (const auto& open : replan_.OpenOfVehicle(vehicle.vehicle_id)) {
    if (open.kind == domain::ReminderKind::kAnnualInspection && (!due || open.service_due_date != due->date)) {
      (void)replan_.Cancel(open.reminder_id, "inspection " + inspection.inspection_id + " passed on " +
                                                 inspection.inspection_date.ToString());
    }
  }
  if (!due) {
    log::Info("inspection recorded without a next due date or a delivery date: nothing to plan",
              {{"vehicle_id", vehicle.vehicle_id}, {"inspection_id", inspection.inspection_id}});
    return;
  }
  Store(domain::PlanInspection(vehicle, *due,
                               rules_.For(vehicle.store_id, domain::ReminderKind::kAnnualInspection, vehicle.model),
                               MomentAt(vehicle.store_id)));
}

void RemindersApp::OnVisitRecorded(const RecordedVisit& recorded) {
  const RecordedVisit visit{Known(recorded.vehicle), recorded.visit_id, recorded.visit_date, recorded.odometer_km,
                            recorded.kind};
  repository_.RecordOdometer(visit.vehicle.vehicle_id, {visit.visit_date, visit.odometer_km});
  if (IsRecent(visit.vehicle.store_id, visit.visit_date)) {
    // Back at the workshop: active again (the customers service's reclassification follows).
    repository_.RecordChurnStage(visit.vehicle.customer_id, domain::StageWord(domain::ChurnStage::kActive));
  }
  const domain::MaintenancePolicy policy = MaintenancePolicyFor(rules_, visit.vehicle.store_id, visit.vehicle.model);
  const domain::VisitEffect effect = domain::EffectOfVisit(visit.kind, policy);
  if (!effect.cancels_pending_maintenance && !effect.next_kind) {
    (void)replanner_.ReplanVehicle(visit.vehicle.vehicle_id, "odometer at visit " + visit.visit_id);
    return;
  }
  auto plan =
      domain::PlanAfterVisit(visit.vehicle, visit.kind, visit.visit_id, visit.visit_date, visit.odometer_km,
                             repository_.Odometer(visit.vehicle.vehicle_id), policy, MomentAt(visit.vehicle.store_id));
  StageLookups seen;
  if (plan && ExcludedByStage(plan->next, seen)) {
    plan.reset();  // an old visit (imported history) of a customer their rule excludes: nothing next
  }
  if (repository_.ApplyVisit(visit.visit_id, visit.vehicle.vehicle_id, effect.cancels_pending_maintenance,
                             plan ? plan->All() : std::vector<domain::Reminder>{},
                             "maintenance visit " + visit.visit_id + " on " + visit.visit_date.ToString())) {
    log::Info("maintenance schedule moved by a visit",
              {{"visit_id", visit.visit_id}, {"next_reminder_id", plan ? plan->next.reminder_id : ""}});
  }
}

void RemindersApp::OnPolicyRecorded(const domain::PolicyFacts& policy) {
  const domain::Rule rule =
      rules_.For(policy.vehicle.store_id, domain::ReminderKind::kInsuranceRenewal, Known(policy.vehicle).model);
  const std::vector<domain::PolicyFacts> known = repository_.Policies(policy.vehicle);
  repository_.RecordPolicy(policy);
  bool renewed_already = false;
  for (const auto& other : known) {
    if (domain::Renews(policy, other)) {
      repository_.CancelOpen(policy.vehicle.vehicle_id, "renewed by policy " + policy.policy_id, other.policy_id);
    }
    renewed_already = renewed_already || domain::Renews(other, policy);
  }
  if (!renewed_already && rule.enabled) {
    const domain::RenewalPolicy renewal{rule.lead_days, rule.fire_time, rule.rule_id, rule.template_id,
                                        rule.channel_plan_id};
    Store(domain::PlanRenewal(policy, renewal, MomentAt(policy.vehicle.store_id)));
  }
}

void RemindersApp::OnVehicleRetired(const domain::VehicleFacts& vehicle, const std::string& why) {
  if (const int cancelled = repository_.CancelOpen(vehicle.vehicle_id, "vehicle " + why); cancelled > 0) {
    log::Info("reminders of a retired vehicle cancelled",
              {{"vehicle_id", vehicle.vehicle_id}, {"why", why}, {"cancelled", std::to_string(cancelled)}});
  }
}

int RemindersApp::FireDue(int batch_size) {
  const std::vector<std::string> claimed = repository_.ClaimDue(clock_.Now(), kFireLease, batch_size);
  if (claimed.empty()) {
    return 0;
  }
  // The batch is read and fired in a few round trips (FindMany, FireMany), not a few per timer.
  std::vector<std::string> to_fire;
  std::map<std::string, domain::Reminder> found;
  for (auto& reminder : repository_.FindMany(claimed)) {
    if (reminder.status == domain::ReminderStatus::kScheduled) {
      const domain::PlanningMoment moment = MomentAt(reminder.store_id);
      if (domain::IsMissed(reminder.service_due_date, moment.Today(), moment.grace_days)) {
        // The chain first (idempotent), then the mark: a crash in between re-plans the same ids.
        const auto model = Known({reminder.customer_id, reminder.vehicle_id, reminder.store_id}).model;
        if (domain::IsMaintenance(reminder.kind)) {
          Store(domain::PlanAfterMissed(reminder, repository_.Odometer(reminder.vehicle_id),
                                        MaintenancePolicyFor(rules_, reminder.store_id, model), moment)
                    .All());
        }
        PlanNextInspection(reminder);
        if (repository_.Miss(domain::MarkedMissed(reminder, moment.Today(), moment.grace_days))) {
          log::Info("reminder missed, not sent", {{"reminder_id", reminder.reminder_id}});
        }
        found.emplace(reminder.reminder_id, std::move(reminder));
        continue;
      }
    }
    to_fire.push_back(reminder.reminder_id);  // one no longer scheduled only loses its lease
    found.emplace(reminder.reminder_id, std::move(reminder));
  }
  for (const auto& id : claimed) {
    if (!found.contains(id)) {
      to_fire.push_back(id);  // gone: firing it only releases its lease
    }
  }
  const std::vector<std::string> fired = repository_.FireMany(to_fire, clock_.Now());
  for (const auto& id : fired) {
    log::Info("reminder due", {{"reminder_id", id}});
    domain::Reminder done = found.at(id);  // only a scheduled reminder fires
    done.fired_at = clock_.Now();
    FollowUp(done);
    PlanNextInspection(done);
  }
  return static_cast<int>(fired.size());
}

void RemindersApp::FollowUp(const domain::Reminder& fired) {
  const auto model = Known({fired.customer_id, fired.vehicle_id, fired.store_id}).model;
  const auto at =
      domain::FollowUpMoment(fired, rules_.For(fired.store_id, fired.kind, model), stores_.ZoneOf(fired.store_id));
  if (at && replan_.FollowUp(fired.reminder_id, *at, "no visit since the reminder: followed up once")) {
    log::Info("maintenance reminder follow-up scheduled",
              {{"reminder_id", fired.reminder_id}, {"due_at", FormatRfc3339(*at)}});
  }
}

void RemindersApp::PlanNextInspection(const domain::Reminder& fired) {
  if (fired.kind != domain::ReminderKind::kAnnualInspection || fired.vehicle_id.empty()) {
    return;
  }
  const auto delivered = replan_.DeliveryDate(fired.vehicle_id);
  if (!delivered) {
    return;  // no registration date on record: the next one comes with InspectionRecorded
  }
  const domain::VehicleFacts vehicle = Known({fired.customer_id, fired.vehicle_id, fired.store_id});
  // Planned ahead: an inspection recorded meanwhile cancels it and plans the date it gives.
  Store(domain::PlanInspection(vehicle, domain::NextInspectionAfter(*delivered, fired.service_due_date),
                               rules_.For(vehicle.store_id, domain::ReminderKind::kAnnualInspection, vehicle.model),
                               MomentAt(vehicle.store_id)));
}

Result<domain::Reminder> RemindersApp::Cancel(const auth::Principal& caller, const std::string& reminder_id,
                                              const std::string& reason) {
  if (reason.empty()) {
    return InvalidArgument("reason", "is required: say why the reminder is cancelled");
  }
  auto found = Get(caller, reminder_id);
  if (!found.ok()) {
    return found.error();
  }
  if (!domain::IsOpen(found->status)) {
    return Error{ErrorCode::kFailedPrecondition, "reminder_id",
                 "reminder '" + reminder_id + "' is no longer open (" + found->reason + ")"};
  }
  auto cancelled = replan_.Cancel(reminder_id, "staff:" + caller.name + ": " + reason);
  if (!cancelled) {
    return Error{ErrorCode::kFailedPrecondition, "reminder_id", "reminder '" + reminder_id + "' closed meanwhile"};
  }
  log::Info("reminder cancelled by staff", {{"reminder_id", reminder_id}, {"by", caller.name}});
  return *cancelled;
}

Result<domain::Reminder> RemindersApp::Get(const auth::Principal& caller, const std::string& reminder_id) {
  if (reminder_id.empty()) {
    return InvalidArgument("reminder_id", "is required");
  }
  auto reminder = repository_.Find(reminder_id);
  if (!reminder) {
    return Error{ErrorCode::kNotFound, "reminder_id", "no reminder '" + reminder_id + "'"};
  }
  if (Status allowed = caller.RequireStore(reminder->store_id); !allowed.ok()) {
    return allowed.error();
  }
  return *reminder;
}

Result<std::vector<domain::Reminder>> RemindersApp::List(const auth::Principal& caller, const std::string& customer_id,
                                                         const std::string& store_id) {
  if (Status scope = auth::RequireListScope(caller, stores_, customer_id, store_id); !scope.ok()) {
    return scope.error();
  }
  std::vector<domain::Reminder> found =
      customer_id.empty() ? repository_.ListByStore(store_id, 500) : repository_.ListByCustomer(customer_id);
  std::vector<domain::Reminder> visible;
  for (auto& reminder : found) {
    if (!store_id.empty() && reminder.store_id != store_id) {
      continue;
    }
    if (!caller.MayAccessStore(reminder.store_id)) {
      return Error{ErrorCode::kPermissionDenied, "customer_id",
                   "caller '" + caller.name + "' may not access store '" + reminder.store_id + "'"};
    }
    visible.push_back(std::move(reminder));
  }
  return visible;
}

}  // namespace careloop::reminders::app
