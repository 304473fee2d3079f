#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/base/time.h"

namespace careloop::reminders::domain {

/// Kinds of reminder this service schedules (mirrors careloop.reminder.v1.ReminderKind).
enum class ReminderKind {
  kFirstMaintenance,
  kSecondMaintenance,
  kRegularMaintenance,
  kInsuranceRenewal,
  kWarrantyExpiry,
  kAnnualInspection,
  kBirthday,
  kHolidayGreeting,
  kWinBack,
  kSurveyInvitation,
  kCaseFollowUp,
  kAppointmentConfirmation,
  kAppointmentDayBefore,
  kCampaign,
  kSeasonalCheck,
  kAppointmentNoShow,
  kSurveyReminder,     ///< the one reminder to a survey's non-responder (timer; the surveys service decides)
  kSurveyWindowClose,  ///< the close of a survey's answer window (timer at its expires_at)
};

/// Whether a visit to the workshop answers reminders of this kind (the maintenance kinds).
[[nodiscard]] bool IsMaintenance(ReminderKind kind);

[[nodiscard]] std::string_view KindName(ReminderKind kind);

/// A store's maintenance schedule. Manufacturer-specific; these defaults are the typical ones
/// of domain.md (first at 3 months/5,000 km after delivery, second 6 months/10,000 km after
/// the first, regular every 6 months/10,000 km).
struct MaintenancePolicy final {
  int first_months = 3;
  int first_km = 5000;
  int second_months = 6;
  int second_km = 10000;
  int regular_months = 6;
  int regular_km = 10000;
  int lead_days = 7;           ///< remind this many days before the due date
  TimeOfDay send_at{10 * 60};  ///< local time of day the reminder falls due

  /// When one kind of the chain is reminded, and by which store rule.
  struct Timing final {
    int lead_days = 7;
    TimeOfDay send_at{10 * 60};
    std::string rule_id;
  };
  std::map<ReminderKind, Timing> by_kind;  ///< per-kind timing from the store rules; absent: lead_days/send_at

  /// The timing of `kind`: its entry in by_kind, else lead_days and send_at without a rule.
  [[nodiscard]] Timing TimingOf(ReminderKind kind) const;
};

/// One odometer reading.
struct OdometerReading final {
  Date date;
  int km = 0;
};

/// When a maintenance is due: the earlier of the time limit and the date the estimated
/// mileage reaches the km limit.
struct MaintenanceDue final {
  Date due_date;
  int due_km = 0;               ///< the odometer reading at which it is due
  bool due_by_mileage = false;  ///< true when the mileage estimate came first
};

/// Average km per day from the readings (earliest to latest), or nullopt when there are not
/// two readings at least 7 days apart with a non-negative distance.
[[nodiscard]] std::optional<double> AverageKmPerDay(std::vector<OdometerReading> readings);

/// Due date of a maintenance counted from `since` (delivery or last maintenance) at
/// odometer `since_km`: `months` later, or earlier when the estimated mileage reaches
/// `since_km + km_interval` first.
[[nodiscard]] MaintenanceDue DueAfter(Date since, int since_km, int months, int km_interval,
                                      const std::vector<OdometerReading>& readings);

/// The reminder's due instant: `lead_days` before the due date at the policy's local send
/// time — but never before `not_before` (a reminder computed late fires at once).
[[nodiscard]] Instant ReminderMoment(const MaintenanceDue& due, const MaintenancePolicy& policy, const TimeZone& zone,
                                     Instant not_before);
/// The same for one kind of the chain, at its own timing.
[[nodiscard]] Instant ReminderMoment(const MaintenanceDue& due, const MaintenancePolicy::Timing& timing,
                                     const TimeZone& zone, Instant not_before);

/// What a recorded visit does to the maintenance schedule of its vehicle.
struct VisitEffect final {
  bool cancels_pending_maintenance = false;  ///< the visit answered the pending reminder
  std::optional<ReminderKind> next_kind;     ///< what to schedule next
  int months = 0;
  int km = 0;
};

/// Visit types as the customers service reports them (careloop.customer.v1.VisitType).
enum class VisitKind { kOther, kFirstFreeMaintenance, kSecondFreeMaintenance, kRegularMaintenance };

/// A maintenance visit moves every maintenance reminder of the vehicle: the pending one is
/// cancelled and the next one scheduled from the visit. Other visits change nothing.
[[nodiscard]] VisitEffect EffectOfVisit(VisitKind visit, const MaintenancePolicy& policy);

/// Deterministic reminder id for one maintenance of one vehicle, so a replayed event
/// schedules the same reminder instead of a second one.
[[nodiscard]] std::string MaintenanceReminderId(ReminderKind kind, const std::string& vehicle_id,
                                                const std::string& anchor);

}  // namespace careloop::reminders::domain
