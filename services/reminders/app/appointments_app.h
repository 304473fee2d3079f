#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/care_ports.h"
#include "services/reminders/app/rules_ports.h"
#include "services/reminders/domain/appointment.h"

namespace careloop::reminders::app {

/// Which appointments ListAppointments shows.
struct AppointmentQuery final {
  std::string customer_id;
  std::string store_id;
  std::optional<domain::AppointmentStatus> status;
  std::optional<Date> from;  ///< store-local dates, inclusive
  std::optional<Date> to;
};

/// Workshop appointments: booking (a confirmation at once, a reminder the day before, the
/// maintenance reminder it answers suppressed), cancelling (what it suppressed restored if still
/// ahead), fulfilment by a visit on its day, and the no-show follow-up the day after.
class AppointmentsApp final {
 public:
  /// The times of the day-before reminder and the no-show follow-up, and whether they go at all,
  /// are the store's rules of those kinds (the confirmation always goes: it is service-critical).
  AppointmentsApp(AppointmentRepository& appointments, CareReminders& reminders, CustomerProfiles& customers,
                  RuleBook& rules, const clock::Clock& clock, const config::StoreCatalog& stores);

  /// Books after checking it with the customers service's record (see domain::ValidateBooking).
  /// A replayed request id answers the appointment it booked, changing nothing.
  [[nodiscard]] Result<domain::Appointment> Book(const auth::Principal& caller, const domain::BookingRequest& request);
  /// Cancels a booked appointment; a replay answers the cancelled appointment.
  [[nodiscard]] Result<domain::Appointment> Cancel(const auth::Principal& caller, const std::string& appointment_id,
                                                   const std::string& reason);
  [[nodiscard]] Result<std::vector<domain::Appointment>> List(const auth::Principal& caller,
                                                              const AppointmentQuery& query);
  /// A visit of the vehicle on an appointment's day fulfils it. Idempotent.
  void OnVisitRecorded(const std::string& vehicle_id, const std::string& visit_id, Date visit_date);
  /// Marks booked appointments whose day has passed as no-shows, each with its follow-up;
  /// returns how many. Safe to run on every instance at once.
  int SweepNoShows(int limit = 100);

 private:
  /// The confirmation and day-before reminders of a booked appointment (idempotent).
  void ScheduleReminders(const domain::Appointment& appointment);
  /// The reminder a booking suppresses: the one it names (if still open), or the vehicle's open
  /// maintenance one.
  [[nodiscard]] Result<std::string> Answered(const domain::BookingRequest& request);
  /// The suppressed maintenance reminder back after a cancellation, if its service is ahead.
  void Restore(const domain::Appointment& cancelled);

  AppointmentRepository& appointments_;
  CareReminders& reminders_;
  CustomerProfiles& customers_;
  RuleBook& rules_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::reminders::app
