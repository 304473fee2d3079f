#include "services/reminders/app/appointments_app.h"

#include <algorithm>

#include "common/base/ids.h"
#include "common/log/log.h"

namespace careloop::reminders::app {
namespace {

using domain::Appointment;
using domain::AppointmentStatus;

// The appointment's confirmation and day-before reminders still to fire: once it is cancelled,
// fulfilled or missed they have nothing left to say (and must never name its passed date).
std::vector<std::string> PendingOf(CareReminders& reminders, const std::string& appointment_id) {
  std::vector<std::string> pending;
  for (const auto kind :
       {domain::ReminderKind::kAppointmentConfirmation, domain::ReminderKind::kAppointmentDayBefore}) {
    const std::string id = domain::AppointmentReminderId(appointment_id, kind);
    if (auto reminder = reminders.Find(id); reminder && reminder->status == domain::ReminderStatus::kScheduled) {
      pending.push_back(id);
    }
  }
  return pending;
}

}  // namespace

AppointmentsApp::AppointmentsApp(AppointmentRepository& appointments, CareReminders& reminders,
                                 CustomerProfiles& customers, RuleBook& rules, const clock::Clock& clock,
                                 const config::StoreCatalog& stores)
    : appointments_(appointments),
      reminders_(reminders),
      customers_(customers),
      rules_(rules),
      clock_(clock),
      stores_(stores) {}

Result<std::string> AppointmentsApp::Answered(const domain::BookingRequest& request) {
  if (!request.answered_reminder_id.empty()) {
    auto answered = reminders_.Find(request.answered_reminder_id);
    if (!answered || answered->vehicle_id != request.vehicle_id) {
      return InvalidArgument("answered_reminder_id", "no reminder '" + request.answered_reminder_id + "' of vehicle '" +
                                                         request.vehicle_id + "'");
    }
    // Only an open reminder is suppressed (and so restored if the booking is cancelled).
    return domain::IsOpen(answered->status) ? request.answered_reminder_id : std::string();
  }
  for (const auto& reminder : reminders_.ListByCustomer(request.customer_id)) {
    if (reminder.vehicle_id == request.vehicle_id && domain::IsMaintenance(reminder.kind) &&
        domain::IsOpen(reminder.status)) {
      return reminder.reminder_id;
    }
  }
  return std::string();
}

void AppointmentsApp::ScheduleReminders(const Appointment& appointment) {
  const Instant now = clock_.Now();
  reminders_.Schedule(domain::ConfirmationReminder(appointment, now));
  const domain::Rule rule = rules_.For(appointment.store_id, domain::ReminderKind::kAppointmentDayBefore, "");
  if (!rule.enabled) {
    return;
  }
  if (auto day_before =
          domain::DayBeforeReminder(appointment, rule.fire_time, stores_.ZoneOf(appointment.store_id), now)) {
    reminders_.Schedule(*day_before);
  }
}

Result<Appointment> AppointmentsApp::Book(const auth::Principal& caller, const domain::BookingRequest& request) {
  if (request.store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  if (!stores_.IsKnown(request.store_id)) {
    return InvalidArgument("store_id", "unknown store '" + request.store_id + "'");
  }
  if (Status allowed = caller.RequireStore(request.store_id); !allowed.ok()) {
    return allowed.error();
  }
  const Instant now = clock_.Now();
  Appointment appointment =
      domain::MakeAppointment(request, stores_.ZoneOf(request.store_id), now, NewRandomId("apt-"));
  if (auto booked = appointments_.Find(appointment.appointment_id)) {
    // A replayed request: its reminders again (idempotent; repairs a crash after the booking).
    if (booked->status == AppointmentStatus::kBooked) {
      ScheduleReminders(*booked);
    }
    return *booked;
  }
  if (request.customer_id.empty()) {
    return InvalidArgument("customer_id", "is required");
  }
  auto profile = customers_.Get(request.customer_id);
  if (!profile.ok()) {
    if (profile.error().code == ErrorCode::kNotFound) {
      return InvalidArgument("customer_id", "no customer '" + request.customer_id + "'");
    }
    return profile.error();
  }
  if (!profile->merged_into_customer_id.empty()) {
    return InvalidArgument("customer_id", "customer '" + request.customer_id + "' was merged into '" +
                                              profile->merged_into_customer_id + "'");
  }
  domain::BookedVehicle vehicle{"", profile->store_id, false};
  for (const auto& known : profile->vehicles) {
    if (known.vehicle_id == request.vehicle_id) {
      vehicle.customer_id = known.customer_id.empty() ? profile->customer_id : known.customer_id;
      vehicle.retired = known.retired;
    }
  }
  if (Status valid = domain::ValidateBooking(request, vehicle, now); !valid.ok()) {
    return valid.error();
  }
  auto answered = Answered(request);
  if (!answered.ok()) {
    return answered.error();
  }
  appointment.answered_reminder_id = answered.value();
  std::vector<std::string> suppressed;
  if (!appointment.answered_reminder_id.empty()) {
    suppressed.push_back(appointment.answered_reminder_id);
  }
  if (appointments_.Book(appointment, suppressed)) {
    log::Info("appointment booked", {{"appointment_id", appointment.appointment_id},
                                     {"store_id", appointment.store_id},
                                     {"date", appointment.appointment_date.ToString()},
                                     {"answered_reminder_id", appointment.answered_reminder_id}});
  }
  ScheduleReminders(appointment);
  return appointment;
}

void AppointmentsApp::Restore(const Appointment& cancelled) {
  if (cancelled.answered_reminder_id.empty()) {
    return;
  }
  const auto suppressed = reminders_.Find(cancelled.answered_reminder_id);
  if (!suppressed || suppressed->status != domain::ReminderStatus::kCancelled ||
      suppressed->reason.find(domain::kAppointmentBooked) == std::string::npos) {
    return;  // answered by a visit, or cancelled for another reason (the car sold) meanwhile
  }
  const Instant now = clock_.Now();
  if (auto restored =
          domain::RestoredReminder(*suppressed, cancelled, stores_.ZoneOf(cancelled.store_id).DateAt(now), now)) {
    if (reminders_.Schedule(*restored)) {
      log::Info("maintenance reminder restored",
                {{"appointment_id", cancelled.appointment_id}, {"reminder_id", restored->reminder_id}});
    }
  }
}

Result<Appointment> AppointmentsApp::Cancel(const auth::Principal& caller, const std::string& appointment_id,
                                            const std::string& reason) {
  if (appointment_id.empty()) {
    return InvalidArgument("appointment_id", "is required");
  }
  if (reason.empty()) {
    return InvalidArgument("reason", "is required");
  }
  auto appointment = appointments_.Find(appointment_id);
  if (!appointment) {
    return Error{ErrorCode::kNotFound, "appointment_id", "no appointment '" + appointment_id + "'"};
  }
  if (Status allowed = caller.RequireStore(appointment->store_id); !allowed.ok()) {
    return allowed.error();
  }
  if (appointment->status == AppointmentStatus::kCancelled) {
    Restore(*appointment);  // a replay: finishes what a crash may have left
    return *appointment;
  }
  if (appointment->status != AppointmentStatus::kBooked) {
    return Error{ErrorCode::kFailedPrecondition, "appointment_id",
                 "appointment '" + appointment_id + "' is " +
                     std::string(domain::AppointmentStatusName(appointment->status)) + ", not booked"};
  }
  Appointment next = *appointment;
  next.status = AppointmentStatus::kCancelled;
  next.cancel_reason = reason;
  const auto pending = PendingOf(reminders_, appointment_id);
  if (!appointments_.Transition(next, pending, "appointment cancelled: " + reason)) {
    auto now_stored = appointments_.Find(appointment_id);
    return Error{ErrorCode::kFailedPrecondition, "appointment_id",
                 "appointment '" + appointment_id + "' changed meanwhile (now " +
                     std::string(domain::AppointmentStatusName(now_stored ? now_stored->status
                                                                          : AppointmentStatus::kCancelled)) +
                     ")"};
  }
  log::Info("appointment cancelled", {{"appointment_id", appointment_id}});
  Restore(next);
  return next;
}

Result<std::vector<Appointment>> AppointmentsApp::List(const auth::Principal& caller, const AppointmentQuery& query) {
  if (Status scope = auth::RequireListScope(caller, stores_, query.customer_id, query.store_id); !scope.ok()) {
    return scope.error();
  }
  if (query.from && query.to && *query.to < *query.from) {
    return InvalidArgument("dates", "ends before it starts");
  }
  std::vector<Appointment> found = query.customer_id.empty() ? appointments_.ListByStore(query.store_id)
                                                             : appointments_.ListByCustomer(query.customer_id);
  std::vector<Appointment> shown;
  for (auto& appointment : found) {
    if ((!query.store_id.empty() && appointment.store_id != query.store_id) ||
        (query.status && appointment.status != *query.status) ||
        (query.from && appointment.appointment_date < *query.from) ||
        (query.to && *query.to < appointment.appointment_date)) {
      continue;
    }
    if (!caller.MayAccessStore(appointment.store_id)) {
      return Error{ErrorCode::kPermissionDenied, "customer_id",
                   "caller '" + caller.name + "' may not access store '" + appointment.store_id + "'"};
    }
    shown.push_back(std::move(appointment));
  }
  std::stable_sort(shown.begin(), shown.end(),
                   [](const auto& a, const auto& b) { return a.scheduled_at < b.scheduled_at; });
  return shown;
}

void AppointmentsApp::OnVisitRecorded(const std::string& vehicle_id, const std::string& visit_id, Date visit_date) {
  for (const auto& appointment : appointments_.ListByVehicle(vehicle_id)) {
    if (!domain::IsFulfilledBy(appointment, vehicle_id, visit_date)) {
      continue;
    }
    Appointment next = appointment;
    next.status = AppointmentStatus::kFulfilled;
    next.fulfilled_by_visit_id = visit_id;
    const auto pending = PendingOf(reminders_, appointment.appointment_id);
    if (appointments_.Transition(next, pending, "appointment fulfilled by visit " + visit_id)) {
      log::Info("appointment fulfilled", {{"appointment_id", appointment.appointment_id}, {"visit_id", visit_id}});
    }
  }
}

int AppointmentsApp::SweepNoShows(int limit) {
  const Instant now = clock_.Now();
  int marked = 0;
  for (const auto& appointment : appointments_.DayEndedBy(now, limit)) {
    const TimeZone& zone = stores_.ZoneOf(appointment.store_id);
    if (!domain::IsNoShow(appointment, zone.DateAt(now))) {
      continue;
    }
    // The follow-up first (idempotent), then the mark: a crash in between plans the same id again.
    const domain::Rule rule = rules_.For(appointment.store_id, domain::ReminderKind::kAppointmentNoShow, "");
    std::optional<domain::Reminder> follow_up;
    if (rule.enabled) {
      follow_up = domain::NoShowFollowUp(appointment, rule.fire_time, zone, now);
      reminders_.Schedule(*follow_up);
    }
    Appointment next = appointment;
    next.status = AppointmentStatus::kNoShow;
    const auto pending = PendingOf(reminders_, appointment.appointment_id);
    if (appointments_.Transition(next, pending, "appointment missed (no-show)")) {
      ++marked;
      log::Info("appointment no-show", {{"appointment_id", appointment.appointment_id}});
    } else if (follow_up) {  // fulfilled or cancelled meanwhile: no follow-up
      reminders_.Close({follow_up->reminder_id}, domain::ReminderStatus::kCancelled, "appointment no longer booked");
    }
  }
  return marked;
}

}  // namespace careloop::reminders::app
