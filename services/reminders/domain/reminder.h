#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/chinese_calendar.h"
#include "services/reminders/domain/maintenance.h"

namespace careloop::reminders::domain {

/// kMissed: its service date was more than the grace period behind today when it was planned or
/// came to fire — recorded, never sent. kDone: answered by the visit it asked for.
enum class ReminderStatus { kScheduled, kDue, kCancelled, kMissed, kDone };

/// Whether a reminder is still open: waiting to fire, or fired and not yet answered.
[[nodiscard]] bool IsOpen(ReminderStatus status);

/// One reminder of one vehicle's care: when it falls due and what it is about.
struct Reminder final {
  std::string reminder_id;
  std::string customer_id;
  std::string vehicle_id;
  std::string store_id;
  ReminderKind kind = ReminderKind::kFirstMaintenance;
  ReminderStatus status = ReminderStatus::kScheduled;
  Instant due_at{};        ///< when the reminder fires (lead time before the service is due)
  Date service_due_date;   ///< when the service itself is due
  int service_due_km = 0;  ///< odometer reading at which the service is due
  int occurrence = 1;      ///< 1 for the first firing; a re-fire of the same reminder counts up
  Instant fired_at{};
  std::string reason;              ///< why it was scheduled or cancelled, for people reading it
  std::string policy_id;           ///< insurance renewal: the policy that ends on service_due_date
  int lead_days = 0;               ///< insurance renewal: days before the end this firing is for
  std::string rule_id;             ///< the store rule that planned it, if any
  std::string campaign_id;         ///< campaign / seasonal check / win-back offer from a campaign
  std::string appointment_id;      ///< appointment confirmation / day-before reminder
  std::string visit_id;            ///< the visit a survey invitation or no-show follow-up is about
  std::string case_id;             ///< complaint case follow-up
  std::string advisor;             ///< survey invitation: the staff the survey rates
  std::string survey_id;           ///< survey reminder / window close: the issued survey
  std::optional<Holiday> holiday;  ///< holiday greeting: the holiday greeted
  std::string template_id;         ///< dispatch's template; empty for the store's default of the kind
  std::string channel_plan_id;     ///< dispatch's channel plan; empty for the store's default
  Date anchor_date;   ///< what its due date counts from (delivery, visit, previous due); re-planning uses it
  int anchor_km = 0;  ///< the odometer at the anchor (maintenance)
};

/// A vehicle's facts as the reminder rules need them.
struct VehicleFacts final {
  std::string customer_id;
  std::string vehicle_id;
  std::string store_id;
  std::string model;  ///< the vehicle's model, for model-specific rules; empty when unknown
};

/// When a reminder is planned: the store's zone, now, and the store's grace period.
struct PlanningMoment final {
  const TimeZone& zone;
  Instant now{};
  int grace_days = 14;  ///< a service date further behind today than this is missed

  [[nodiscard]] Date Today() const { return zone.DateAt(now); }
};

/// Care is never about the past: a reminder whose service was due more than `grace_days` before
/// `today` is missed (recorded, never sent). Within the grace period it still goes out — worded
/// without the date that has passed.
[[nodiscard]] bool IsMissed(Date service_due_date, Date today, int grace_days);

/// One maintenance chain as planned at a moment: the reminders whose service date had already
/// passed beyond the grace period (status kMissed), oldest first, then the one to send.
struct MaintenancePlan final {
  std::vector<Reminder> missed;
  Reminder next;

  /// Every reminder of the plan, in the order to store them (missed first).
  [[nodiscard]] std::vector<Reminder> All() const;
};

/// The first free maintenance of a delivered vehicle — and, when imported history makes it
/// long past, the chain moved on to the first maintenance still ahead (second, then regular).
[[nodiscard]] MaintenancePlan PlanFirstMaintenance(const VehicleFacts& vehicle, Date delivery_date, int delivery_km,
                                                   const std::vector<OdometerReading>& readings,
                                                   const MaintenancePolicy& policy, const PlanningMoment& moment);

/// The maintenance that follows a maintenance visit (per EffectOfVisit), if any, moved on the
/// same way past service dates already missed (an old visit in imported history).
[[nodiscard]] std::optional<MaintenancePlan> PlanAfterVisit(const VehicleFacts& vehicle, VisitKind visit,
                                                            const std::string& visit_id, Date visit_date, int visit_km,
                                                            const std::vector<OdometerReading>& readings,
                                                            const MaintenancePolicy& policy,
                                                            const PlanningMoment& moment);

/// What follows `missed` (a reminder found missed when it came to fire): the next maintenance
/// of its chain — second after first, regular after either — counted from its service date and
/// km, moved on past service dates already missed.
[[nodiscard]] MaintenancePlan PlanAfterMissed(const Reminder& missed, const std::vector<OdometerReading>& readings,
                                              const MaintenancePolicy& policy, const PlanningMoment& moment);

/// `reminder` recorded as missed at `today`, with the reason people read.
[[nodiscard]] Reminder MarkedMissed(Reminder reminder, Date today, int grace_days);

}  // namespace careloop::reminders::domain
