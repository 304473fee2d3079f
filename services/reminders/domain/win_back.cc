#include "services/reminders/domain/win_back.h"

#include "common/base/ids.h"

namespace careloop::reminders::domain {
namespace {

int Rank(ChurnStage stage) {
  switch (stage) {
    case ChurnStage::kUnknown:
    case ChurnStage::kActive: return 0;
    case ChurnStage::kAtRisk: return 1;
    case ChurnStage::kLapsing: return 2;
    case ChurnStage::kLost: return 3;
    case ChurnStage::kLongLost: return 4;
  }
  return 0;
}

}  // namespace

bool IsWorse(ChurnStage from, ChurnStage to) {
  return Rank(to) > Rank(from);
}

VehicleAgeBand AgeBandOf(Date delivery_date, Date today) {
  if (!delivery_date.IsValid()) {
    return VehicleAgeBand::kOld;
  }
  if (today < delivery_date.PlusMonths(12)) {
    return VehicleAgeBand::kNew;
  }
  if (today < delivery_date.PlusMonths(36)) {
    return VehicleAgeBand::kMiddle;
  }
  return VehicleAgeBand::kOld;
}

std::string_view AgeBandName(VehicleAgeBand band) {
  switch (band) {
    case VehicleAgeBand::kNew: return "new";
    case VehicleAgeBand::kMiddle: return "middle";
    case VehicleAgeBand::kOld: return "old";
  }
  return "old";
}

WinBackAction ActionFor(ChurnStage stage) {
  switch (stage) {
    case ChurnStage::kAtRisk: return WinBackAction::kCareMessage;
    case ChurnStage::kLapsing: return WinBackAction::kAdvisorCall;
    case ChurnStage::kLost: return WinBackAction::kOffer;
    case ChurnStage::kLongLost: return WinBackAction::kLeaveRoutine;
    default: return WinBackAction::kNone;
  }
}

std::string WinBackTemplate(ChurnStage stage, VehicleAgeBand band) {
  std::string name = "win_back_" + std::string(StageWord(stage));
  if (ActionFor(stage) == WinBackAction::kOffer) {
    name += '_';
    name += AgeBandName(band);
  }
  return name;
}

std::optional<Reminder> PlanWinBack(const WinBackFacts& facts, TimeOfDay send_at, const PlanningMoment& moment) {
  const WinBackAction action = ActionFor(facts.stage);
  if (action != WinBackAction::kCareMessage && action != WinBackAction::kAdvisorCall &&
      action != WinBackAction::kOffer) {
    return std::nullopt;
  }
  const Date today = moment.Today();
  const VehicleAgeBand band = AgeBandOf(facts.delivery_date, today);
  Reminder reminder;
  reminder.reminder_id = DerivedId("rem-", {"win_back", facts.customer_id, StageWord(facts.stage),
                                            facts.last_visit_date.IsSet() ? facts.last_visit_date.ToString() : "-"});
  reminder.customer_id = facts.customer_id;
  reminder.vehicle_id = facts.vehicle_id;
  reminder.store_id = facts.store_id;
  reminder.kind = ReminderKind::kWinBack;
  const Instant planned = moment.zone.At(today, send_at);
  reminder.due_at = planned < moment.now ? moment.now : planned;
  reminder.service_due_date = moment.zone.DateAt(reminder.due_at);  // about coming back, from now on
  reminder.template_id = WinBackTemplate(facts.stage, band);
  if (action == WinBackAction::kAdvisorCall) {
    reminder.channel_plan_id = "call_task";
  }
  reminder.reason = "churn stage " + std::string(StageWord(facts.stage)) +
                    (facts.last_visit_date.IsSet() ? " (last visit " + facts.last_visit_date.ToString() + ")" : "") +
                    (action == WinBackAction::kAdvisorCall ? ", call by advisor " + facts.advisor : "") +
                    (action == WinBackAction::kOffer ? ", offer for a " + std::string(AgeBandName(band)) + " car" : "");
  return reminder;
}

std::string_view StageWord(ChurnStage stage) {
  switch (stage) {
    case ChurnStage::kAtRisk: return "at_risk";
    case ChurnStage::kLapsing: return "lapsing";
    case ChurnStage::kLost: return "lost";
    case ChurnStage::kLongLost: return "long_lost";
    default: return "active";
  }
}

bool IsRoutineCare(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::kFirstMaintenance:
    case ReminderKind::kSecondMaintenance:
    case ReminderKind::kRegularMaintenance:
    case ReminderKind::kInsuranceRenewal:
    case ReminderKind::kWarrantyExpiry:
    case ReminderKind::kAnnualInspection:
    case ReminderKind::kBirthday:
    case ReminderKind::kHolidayGreeting:
    case ReminderKind::kSeasonalCheck: return true;
    default: return false;
  }
}

}  // namespace careloop::reminders::domain
