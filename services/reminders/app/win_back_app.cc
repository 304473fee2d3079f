#include "services/reminders/app/win_back_app.h"

#include "common/log/log.h"

namespace careloop::reminders::app {
namespace {

// The customer's main car for win-back: the one still theirs delivered (else bought) last.
const VehicleProfile* MainCar(const CustomerProfile& profile) {
  const VehicleProfile* main = nullptr;
  const auto since = [](const VehicleProfile& v) {
    return v.delivery_date.IsSet() ? v.delivery_date : v.purchase_date;
  };
  for (const auto& vehicle : profile.vehicles) {
    if (!vehicle.retired && (main == nullptr || since(*main) < since(vehicle))) {
      main = &vehicle;
    }
  }
  return main;
}

std::vector<std::string> OpenOf(CareReminders& reminders, const std::string& customer_id,
                                bool (*wanted)(domain::ReminderKind)) {
  std::vector<std::string> ids;
  for (const auto& reminder : reminders.ListByCustomer(customer_id)) {
    if (domain::IsOpen(reminder.status) && wanted(reminder.kind)) {
      ids.push_back(reminder.reminder_id);
    }
  }
  return ids;
}

bool IsWinBack(domain::ReminderKind kind) {
  return kind == domain::ReminderKind::kWinBack;
}

}  // namespace

WinBackApp::WinBackApp(CareReminders& reminders, CustomerProfiles& customers, RuleBook& rules,
                       const clock::Clock& clock, const config::StoreCatalog& stores)
    : reminders_(reminders), customers_(customers), rules_(rules), clock_(clock), stores_(stores) {}

Status WinBackApp::OnStageChanged(const StageChange& change) {
  if (change.to != domain::ChurnStage::kUnknown) {
    // Read by the planners (RemindersApp): a rule plans nothing for the stages it excludes.
    reminders_.RecordChurnStage(change.customer_id, domain::StageWord(change.to));
  }
  if (!domain::IsWorse(change.from, change.to)) {
    return Ok{};
  }
  if (domain::ActionFor(change.to) == domain::WinBackAction::kLeaveRoutine) {
    const auto routine = OpenOf(reminders_, change.customer_id, domain::IsRoutineCare);
    if (!routine.empty()) {
      const int cancelled =
          reminders_.Close(routine, domain::ReminderStatus::kCancelled, std::string(domain::kLongLostReason));
      log::Info("routine care ended for a long lost customer",
                {{"customer_id", change.customer_id}, {"cancelled", std::to_string(cancelled)}});
    }
    return Ok{};
  }
  auto profile = customers_.Get(change.customer_id);
  if (!profile.ok()) {
    return profile.error().code == ErrorCode::kNotFound ? Status(Ok{}) : Status(profile.error());
  }
  if (!profile->merged_into_customer_id.empty()) {
    return Ok{};
  }
  const std::string store_id = change.store_id.empty() ? profile->store_id : change.store_id;
  domain::WinBackFacts facts{change.customer_id, store_id, "", "", {}, change.to, change.last_visit_date};
  if (const VehicleProfile* car = MainCar(*profile)) {
    facts.vehicle_id = car->vehicle_id;
    facts.advisor = car->assigned_advisor;
    facts.delivery_date = car->delivery_date.IsSet() ? car->delivery_date : car->purchase_date;
  }
  const domain::Rule rule = rules_.For(store_id, domain::ReminderKind::kWinBack, "");
  if (!rule.enabled) {
    return Ok{};  // the store runs no automatic win-back
  }
  const domain::PlanningMoment moment{stores_.ZoneOf(store_id), clock_.Now()};
  if (auto plan = domain::PlanWinBack(facts, rule.fire_time, moment); plan && reminders_.Schedule(*plan)) {
    log::Info("win-back planned", {{"reminder_id", plan->reminder_id}, {"template_id", plan->template_id}});
  }
  return Ok{};
}

void WinBackApp::OnReturnVisit(const std::string& customer_id, const std::string& store_id, const std::string& visit_id,
                               Date visit_date) {
  const config::StoreSettings* store = stores_.Find(store_id);
  const int grace_days = store != nullptr ? store->missed_grace_days : config::StoreSettings{}.missed_grace_days;
  if (domain::IsMissed(visit_date, stores_.ZoneOf(store_id).DateAt(clock_.Now()), grace_days)) {
    return;  // an old visit recorded now (imported history) is no return to the workshop
  }
  reminders_.RecordChurnStage(customer_id, domain::StageWord(domain::ChurnStage::kActive));
  const auto open = OpenOf(reminders_, customer_id, IsWinBack);
  if (!open.empty()) {
    reminders_.Close(open, domain::ReminderStatus::kCancelled, "return visit " + visit_id);
    log::Info("win-back ended by a return visit", {{"customer_id", customer_id}, {"visit_id", visit_id}});
  }
}

}  // namespace careloop::reminders::app
