#pragma once

#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/reminder.h"
#include "services/reminders/domain/rule.h"

namespace careloop::reminders::domain {

/// The reminders of something due on `due` (a warranty end, an inspection due date), planned
/// at `moment` from `rule`'s lead times and fire time: one reminder per lead time whose moment
/// is still ahead (a rule without lead times: one on the day). When none is ahead, one at once
/// while `due` has not passed beyond the grace period, else one recorded as missed. Every
/// reminder copies `base` (customer, vehicle, store, kind, anchor_date, reason) and gets the
/// rule's id, template and channel plan; ids derive from the kind, the vehicle, the anchor date
/// and the lead time (LeadTimeReminderId), so a replay plans the same ids.
[[nodiscard]] std::vector<Reminder> PlanByLeadTimes(const Reminder& base, Date due, const Rule& rule,
                                                    const PlanningMoment& moment);

/// Deterministic id of one lead-time firing of a vehicle's reminder.
[[nodiscard]] std::string LeadTimeReminderId(ReminderKind kind, const std::string& vehicle_id,
                                             const std::string& anchor, int lead_days);

}  // namespace careloop::reminders::domain
