#pragma once

#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/reminder.h"
#include "services/reminders/domain/rule.h"

namespace careloop::reminders::domain {

/// One due date of a vehicle's periodic technical inspection (年检).
struct InspectionDue final {
  Date date;             ///< the last day the current inspection mark is valid
  bool on_site = false;  ///< an inspection at a station (上线检验), else only the mark is applied for (申领检验标志)
  int age_months = 0;  ///< the vehicle's age at the due date, in months since registration
};

/// The inspection schedule of a private (non-operating) small or micro passenger car of at
/// most 9 seats, from its registration date, per:
/// - 《中华人民共和国道路交通安全法实施条例》 art. 16: small/micro non-operating passenger cars
///   are inspected every 2 years within 6 years, yearly after 6 years, every 6 months after
///   15 years;
/// - 公安部、质检总局《关于加强和改进机动车检验工作的意见》 (2014): no on-site inspection within
///   6 years for such cars of ≤ 6 seats (the mark is applied for every 2 years; on-site in year 6);
/// - 公安部、市场监管总局《关于深化机动车检验制度改革优化车检服务工作的意见》 (2022, in force from
///   2022-10-01): the exemption extended to 10 years and to ≤ 9 seats (vans excluded): the mark
///   every 2 years, on-site inspection in the 6th and 10th year; 10–15 years yearly, after 15
///   years every 6 months (the implementing regulation's periods still apply).
/// So the due dates are at 2, 4, 6 (on site), 8, 10 (on site), 11, 12, … 15 years, then every 6
/// months (15½, 16, …), each on the registration's day of month. Vehicles in a fatal accident
/// or illegally modified keep the yearly cycle; the record does not know that, staff correct
/// it by recording the next due date (InspectionRecorded.next_due_date), which wins.
[[nodiscard]] InspectionDue InspectionDueAtStep(Date registration, int step);

/// The first due date of the schedule strictly after `after`.
[[nodiscard]] InspectionDue NextInspectionAfter(Date registration, Date after);

/// The due date after an inspection passed on `inspection_date`. An inspection may be done up
/// to three months before the mark expires (《机动车登记规定》, 2021, art. 54) and the new
/// mark counts from the old due date, so the next due date is the first after
/// `inspection_date` + 3 months.
[[nodiscard]] InspectionDue NextInspectionAfterPassing(Date registration, Date inspection_date);

/// The first due date not yet missed at `moment` (due + grace ≥ today): what to remind about
/// for a car registered on `registration` (imported history reminds of nothing past).
[[nodiscard]] InspectionDue NextInspectionDue(Date registration, const PlanningMoment& moment);

/// The inspection reminders of a vehicle for the inspection due on `due` (per PlanByLeadTimes).
/// Empty when the rule is disabled. Ids derive from the vehicle, the due date and the lead time.
[[nodiscard]] std::vector<Reminder> PlanInspection(const VehicleFacts& vehicle, const InspectionDue& due,
                                                   const Rule& rule, const PlanningMoment& moment);

}  // namespace careloop::reminders::domain
