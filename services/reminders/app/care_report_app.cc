#include "services/reminders/app/care_report_app.h"

namespace careloop::reminders::app {

CareReportApp::CareReportApp(CareStats& stats, ReminderCalendar& calendar, const config::StoreCatalog& stores)
    : stats_(stats), calendar_(calendar), stores_(stores) {}

int CareReportApp::WindowOf(const std::string& store_id) const {
  const config::StoreSettings* store = stores_.Find(store_id);
  return store != nullptr ? store->return_window_days : config::StoreSettings{}.return_window_days;
}

void CareReportApp::OnReminderDue(const DueReminder& due) {
  stats_.RecordFired({due.reminder_id, due.store_id, due.customer_id, due.vehicle_id, due.kind,
                      stores_.ZoneOf(due.store_id).DateAt(due.fired_at)});
}

void CareReportApp::OnReminderMissed(const std::string& reminder_id, const std::string& store_id,
                                     domain::ReminderKind kind, Instant missed_at) {
  stats_.RecordMissed(store_id, {reminder_id, kind, stores_.ZoneOf(store_id).DateAt(missed_at)});
}

void CareReportApp::OnMessageOutcome(const std::string& reminder_id, std::optional<domain::CareChannel> channel,
                                     domain::MessageOutcome outcome) {
  if (reminder_id.empty()) {
    return;
  }
  stats_.RecordOutcome(reminder_id, channel, outcome);
}

void CareReportApp::OnVisitRecorded(const std::string& visit_id, const std::string& customer_id,
                                    const std::string& vehicle_id, Date visit_date) {
  stats_.RecordVisit(visit_id, customer_id, vehicle_id, visit_date);
}

void CareReportApp::OnAppointmentBooked(const BookedAppointment& booked) {
  stats_.RecordBooking(booked.appointment_id, booked.customer_id, booked.vehicle_id,
                       stores_.ZoneOf(booked.store_id).DateAt(booked.booked_at), booked.answered_reminder_id);
}

Result<CareReport> CareReportApp::Report(const auth::Principal& caller, const std::string& store_id,
                                         const std::string& month, const domain::CareReportFilter& filter) {
  if (store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  const auto parsed = domain::CareMonth::Parse(month);
  if (!parsed) {
    return InvalidArgument("month", "must be YYYY-MM between 1901-01 and 2100-12; got '" + month + "'");
  }
  if (!stores_.IsKnown(store_id)) {
    return Error{ErrorCode::kNotFound, "store_id", "no store '" + store_id + "'"};
  }
  if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
    return allowed.error();
  }
  const int window = WindowOf(store_id);
  return CareReport{store_id, *parsed, window,
                    domain::TallyCareReport(stats_.MonthFacts(store_id, *parsed, window), window, filter)};
}

Result<std::vector<domain::Reminder>> CareReportApp::Upcoming(const auth::Principal& caller,
                                                              const std::string& store_id, Date from, Date to,
                                                              size_t limit) {
  if (store_id.empty()) {
    return InvalidArgument("store_id", "is required with a due date range");
  }
  if (!from.IsValid() || !to.IsValid()) {
    return InvalidArgument("due", "needs a valid start_date and end_date");
  }
  if (to < from) {
    return InvalidArgument("due", "end_date " + to.ToString() + " is before start_date " + from.ToString());
  }
  if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
    return allowed.error();
  }
  const TimeZone& zone = stores_.ZoneOf(store_id);
  return calendar_.DueBetween(store_id, zone.StartOfDay(from), zone.StartOfDay(to.PlusDays(1)), limit);
}

}  // namespace careloop::reminders::app
