#include "services/reminders/domain/inspection.h"

#include "services/reminders/domain/lead_times.h"

namespace careloop::reminders::domain {
namespace {

// Steps of the schedule: 0–4 every 2 years (24…120 months), 5–9 yearly (132…180), then every
// 6 months (186, 192, …).
constexpr int kBiennialSteps = 5;
constexpr int kYearlySteps = 5;
// A car older than this (well past any scrapping) is bad data; the schedule stops growing.
constexpr int kMaxSteps = 200;

int AgeMonthsAtStep(int step) {
  if (step < kBiennialSteps) {
    return 24 * (step + 1);
  }
  if (step < kBiennialSteps + kYearlySteps) {
    return 120 + 12 * (step - kBiennialSteps + 1);
  }
  return 180 + 6 * (step - kBiennialSteps - kYearlySteps + 1);
}

}  // namespace

InspectionDue InspectionDueAtStep(Date registration, int step) {
  const int months = AgeMonthsAtStep(step);
  // Within 10 years only the 6th and the 10th year are at a station; after 10 years every one.
  const bool on_site = months == 72 || months >= 120;
  return {registration.PlusMonths(months), on_site, months};
}

InspectionDue NextInspectionAfter(Date registration, Date after) {
  InspectionDue due = InspectionDueAtStep(registration, 0);
  for (int step = 1; step < kMaxSteps && !(after < due.date); ++step) {
    due = InspectionDueAtStep(registration, step);
  }
  return due;
}

InspectionDue NextInspectionAfterPassing(Date registration, Date inspection_date) {
  return NextInspectionAfter(registration, inspection_date.PlusMonths(3));
}

InspectionDue NextInspectionDue(Date registration, const PlanningMoment& moment) {
  // The last day still inside the grace period: a due date on or after it is not missed.
  return NextInspectionAfter(registration, moment.Today().PlusDays(-moment.grace_days - 1));
}

std::vector<Reminder> PlanInspection(const VehicleFacts& vehicle, const InspectionDue& due, const Rule& rule,
                                     const PlanningMoment& moment) {
  if (!rule.enabled || !due.date.IsValid()) {
    return {};
  }
  Reminder base;
  base.customer_id = vehicle.customer_id;
  base.vehicle_id = vehicle.vehicle_id;
  base.store_id = vehicle.store_id;
  base.kind = ReminderKind::kAnnualInspection;
  base.anchor_date = due.date;
  base.reason = std::string(due.on_site ? "on-site inspection" : "inspection mark") + " due on " + due.date.ToString();
  return PlanByLeadTimes(base, due.date, rule, moment);
}

}  // namespace careloop::reminders::domain
