#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/maintenance.h"
#include "services/reminders/domain/reminder.h"
#include "services/reminders/domain/rule.h"

namespace careloop::reminders::domain {

/// What a rule change or a new odometer reading does to one reminder still waiting to fire.
enum class ReplanAction {
  kKeep,    ///< nothing changes
  kMove,    ///< moved to `reminder` (ReminderRescheduled)
  kCancel,  ///< the rule is disabled or no longer has this firing's lead time
  kMiss,    ///< its new service date is already beyond the grace period: recorded missed, never sent
};

struct Replanned final {
  ReplanAction action = ReplanAction::kKeep;
  Reminder reminder;  ///< the reminder after the change (for kMove and kMiss)
  std::string reason;
};

/// Whether a rule change re-plans `reminder`: one planned by a rule (its rule_id), or of a kind
/// this service always plans by rule (maintenance, renewal, warranty, inspection — also those
/// recorded before reminders named their rule). Campaign, appointment and case timers keep the
/// moment they were given.
[[nodiscard]] bool PlannedByRule(const Reminder& reminder);

/// `pending` (scheduled, not fired) re-planned under `rule`, the rule that governs it now, with
/// the vehicle's odometer `readings`, at `moment`; `why` says what changed ("rule … changed",
/// "odometer reading"). Maintenance and warranty reminders with an anchor get their service
/// date recomputed from it (DueByRule); every reminder its firing moment from the service date,
/// its lead time and the rule's fire time (never before now: a moment that has passed fires at
/// once). Insurance, warranty and inspection firings keep their own lead time while the rule
/// still lists it; maintenance takes the rule's lead time. Never touches a fired occurrence.
[[nodiscard]] Replanned Replan(const Reminder& pending, const Rule& rule, const std::vector<OdometerReading>& readings,
                               const PlanningMoment& moment, const std::string& why);

/// The firings a changed rule adds beside `sibling` (a reminder of the same thing: same policy,
/// warranty or inspection): one per lead time of `rule` whose moment is still ahead, with the
/// ids the kind's planner gives them (so existing ones, fired or not, are found taken). Empty
/// for maintenance (one firing per due date) and for a disabled rule.
[[nodiscard]] std::vector<Reminder> AddedFirings(const Reminder& sibling, const Rule& rule,
                                                 const PlanningMoment& moment);

/// When an ignored maintenance reminder is followed up: `rule.follow_up_days` after it fired,
/// at the rule's fire time. nullopt when there is no follow-up: not maintenance, already the
/// follow-up (occurrence 2 — after it the customer is left to win-back), rule disabled or
/// without follow-up days.
[[nodiscard]] std::optional<Instant> FollowUpMoment(const Reminder& fired, const Rule& rule, const TimeZone& zone);

}  // namespace careloop::reminders::domain
