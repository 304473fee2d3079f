#include "services/reminders/domain/maintenance.h"

#include <algorithm>
#include <cmath>

#include "common/base/ids.h"

namespace careloop::reminders::domain {

std::string_view KindName(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::kFirstMaintenance: return "first_maintenance";
    case ReminderKind::kSecondMaintenance: return "second_maintenance";
    case ReminderKind::kRegularMaintenance: return "regular_maintenance";
    case ReminderKind::kInsuranceRenewal: return "insurance_renewal";
    case ReminderKind::kWarrantyExpiry: return "warranty_expiry";
    case ReminderKind::kAnnualInspection: return "annual_inspection";
    case ReminderKind::kBirthday: return "birthday";
    case ReminderKind::kHolidayGreeting: return "holiday_greeting";
    case ReminderKind::kWinBack: return "win_back";
    case ReminderKind::kSurveyInvitation: return "survey_invitation";
    case ReminderKind::kCaseFollowUp: return "case_follow_up";
    case ReminderKind::kAppointmentConfirmation: return "appointment_confirmation";
    case ReminderKind::kAppointmentDayBefore: return "appointment_day_before";
    case ReminderKind::kCampaign: return "campaign";
    case ReminderKind::kSeasonalCheck: return "seasonal_check";
    case ReminderKind::kAppointmentNoShow: return "appointment_no_show";
    case ReminderKind::kSurveyReminder: return "survey_reminder";
    case ReminderKind::kSurveyWindowClose: return "survey_window_close";
  }
  return "unknown";
}

bool IsMaintenance(ReminderKind kind) {
  return kind == ReminderKind::kFirstMaintenance || kind == ReminderKind::kSecondMaintenance ||
         kind == ReminderKind::kRegularMaintenance;
}

std::optional<double> AverageKmPerDay(std::vector<OdometerReading> readings) {
  if (readings.size() < 2) {
    return std::nullopt;
  }
  std::sort(readings.begin(), readings.end(),
            [](const OdometerReading& a, const OdometerReading& b) { return a.date < b.date; });
  const auto& first = readings.front();
  const auto& last = readings.back();
  const int64_t days = last.date.DaysSinceEpoch() - first.date.DaysSinceEpoch();
  const int distance = last.km - first.km;
  if (days < 7 || distance < 0) {
    return std::nullopt;
  }
  return static_cast<double>(distance) / static_cast<double>(days);
}

MaintenanceDue DueAfter(Date since, int since_km, int months, int km_interval,
                        const std::vector<OdometerReading>& readings) {
  MaintenanceDue due{since.PlusMonths(months), since_km + km_interval, false};
  const auto per_day = AverageKmPerDay(readings);
  if (!per_day || *per_day <= 0) {
    return due;
  }
  // Project from the latest reading, which is the best estimate of today's odometer.
  const auto latest =
      *std::max_element(readings.begin(), readings.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  const int remaining_km = due.due_km - latest.km;
  const Date by_mileage =
      remaining_km <= 0 ? latest.date : latest.date.PlusDays(static_cast<int64_t>(std::ceil(remaining_km / *per_day)));
  if (by_mileage < due.due_date) {
    due.due_date = std::max(by_mileage, since);
    due.due_by_mileage = true;
  }
  return due;
}

Instant ReminderMoment(const MaintenanceDue& due, const MaintenancePolicy& policy, const TimeZone& zone,
                       Instant not_before) {
  return ReminderMoment(due, MaintenancePolicy::Timing{policy.lead_days, policy.send_at, ""}, zone, not_before);
}

Instant ReminderMoment(const MaintenanceDue& due, const MaintenancePolicy::Timing& timing, const TimeZone& zone,
                       Instant not_before) {
  const Instant planned = zone.At(due.due_date.PlusDays(-timing.lead_days), timing.send_at);
  return std::max(planned, not_before);
}

MaintenancePolicy::Timing MaintenancePolicy::TimingOf(ReminderKind kind) const {
  const auto found = by_kind.find(kind);
  return found != by_kind.end() ? found->second : Timing{lead_days, send_at, ""};
}

VisitEffect EffectOfVisit(VisitKind visit, const MaintenancePolicy& policy) {
  switch (visit) {
    case VisitKind::kFirstFreeMaintenance:
      return {true, ReminderKind::kSecondMaintenance, policy.second_months, policy.second_km};
    case VisitKind::kSecondFreeMaintenance:
    case VisitKind::kRegularMaintenance:
      return {true, ReminderKind::kRegularMaintenance, policy.regular_months, policy.regular_km};
    case VisitKind::kOther: return {};
  }
  return {};
}

std::string MaintenanceReminderId(ReminderKind kind, const std::string& vehicle_id, const std::string& anchor) {
  return DerivedId("rem-", {KindName(kind), vehicle_id, anchor});
}

}  // namespace careloop::reminders::domain
