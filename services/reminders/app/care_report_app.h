#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/base/error.h"
#include "common/config/stores.h"
#include "services/reminders/app/care_report_ports.h"
#include "services/reminders/domain/care_report.h"
#include "services/reminders/domain/reminder.h"

namespace careloop::reminders::app {

/// A reminder that fired, as ReminderDue announced it.
struct DueReminder final {
  std::string reminder_id;
  std::string store_id;
  std::string customer_id;
  std::string vehicle_id;
  domain::ReminderKind kind = domain::ReminderKind::kFirstMaintenance;
  Instant fired_at{};
};

/// An appointment booked, as AppointmentBooked announced it.
struct BookedAppointment final {
  std::string appointment_id;
  std::string store_id;
  std::string customer_id;
  std::string vehicle_id;
  Instant booked_at{};
  std::string answered_reminder_id;
};

/// The care report of one store and month.
struct CareReport final {
  std::string store_id;
  domain::CareMonth month;
  int return_window_days = 30;
  std::vector<domain::CareReportRow> rows;
};

/// Care effectiveness and the care calendar: records what became of each fired reminder (from
/// the reminder, dispatch and customer topics) and answers the report and the upcoming care.
class CareReportApp final {
 public:
  /// `stats` and `calendar` must outlive the app.
  CareReportApp(CareStats& stats, ReminderCalendar& calendar, const config::StoreCatalog& stores);

  // Facts, each idempotent (a replay records nothing twice).
  void OnReminderDue(const DueReminder& due);
  void OnReminderMissed(const std::string& reminder_id, const std::string& store_id, domain::ReminderKind kind,
                        Instant missed_at);
  /// A message about a reminder; one without a reminder (a survey's) is not care and is skipped.
  void OnMessageOutcome(const std::string& reminder_id, std::optional<domain::CareChannel> channel,
                        domain::MessageOutcome outcome);
  void OnVisitRecorded(const std::string& visit_id, const std::string& customer_id, const std::string& vehicle_id,
                       Date visit_date);
  void OnAppointmentBooked(const BookedAppointment& booked);

  /// The report of `store_id` for `month` ("YYYY-MM"), optionally one kind / one channel.
  /// INVALID_ARGUMENT naming store_id or month for a missing or malformed one.
  [[nodiscard]] Result<CareReport> Report(const auth::Principal& caller, const std::string& store_id,
                                          const std::string& month, const domain::CareReportFilter& filter);

  /// The store's scheduled reminders due on store-local dates `from` to `to` (inclusive), soonest
  /// first, at most `limit`. INVALID_ARGUMENT naming `due` for a missing or reversed range.
  [[nodiscard]] Result<std::vector<domain::Reminder>> Upcoming(const auth::Principal& caller,
                                                               const std::string& store_id, Date from, Date to,
                                                               size_t limit);

 private:
  [[nodiscard]] int WindowOf(const std::string& store_id) const;

  CareStats& stats_;
  ReminderCalendar& calendar_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::reminders::app
