#include "services/reminders/domain/appointment.h"

#include "common/base/ids.h"

namespace careloop::reminders::domain {
namespace {

Reminder About(const Appointment& appointment, ReminderKind kind) {
  Reminder reminder;
  reminder.reminder_id = AppointmentReminderId(appointment.appointment_id, kind);
  reminder.customer_id = appointment.customer_id;
  reminder.vehicle_id = appointment.vehicle_id;
  reminder.store_id = appointment.store_id;
  reminder.kind = kind;
  reminder.status = ReminderStatus::kScheduled;
  reminder.service_due_date = appointment.appointment_date;
  reminder.appointment_id = appointment.appointment_id;
  return reminder;
}

}  // namespace

std::string AppointmentReminderId(const std::string& appointment_id, ReminderKind kind) {
  return DerivedId("rem-", {KindName(kind), appointment_id});
}

std::string_view AppointmentStatusName(AppointmentStatus status) {
  switch (status) {
    case AppointmentStatus::kBooked: return "booked";
    case AppointmentStatus::kCancelled: return "cancelled";
    case AppointmentStatus::kFulfilled: return "fulfilled";
    case AppointmentStatus::kNoShow: return "no_show";
  }
  return "unknown";
}

Status ValidateBooking(const BookingRequest& request, const BookedVehicle& vehicle, Instant now) {
  if (request.customer_id.empty()) {
    return InvalidArgument("customer_id", "is required");
  }
  if (request.vehicle_id.empty()) {
    return InvalidArgument("vehicle_id", "is required");
  }
  if (request.store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  if (request.scheduled_at <= now) {
    return InvalidArgument("scheduled_at", "must be in the future, got " + FormatRfc3339(request.scheduled_at) +
                                               " at " + FormatRfc3339(now));
  }
  if (request.duration_minutes <= 0 || request.duration_minutes > kMaxAppointmentMinutes) {
    return InvalidArgument("duration_minutes", "must be 1–" + std::to_string(kMaxAppointmentMinutes) +
                                                   " minutes, got " + std::to_string(request.duration_minutes));
  }
  if (vehicle.customer_id != request.customer_id) {
    return InvalidArgument("vehicle_id", "vehicle '" + request.vehicle_id + "' is not a vehicle of customer '" +
                                             request.customer_id + "'");
  }
  if (vehicle.retired) {
    return InvalidArgument("vehicle_id", "vehicle '" + request.vehicle_id + "' is no longer the customer's");
  }
  if (vehicle.store_id != request.store_id) {
    return InvalidArgument("store_id", "customer '" + request.customer_id + "' belongs to store '" + vehicle.store_id +
                                           "', not '" + request.store_id + "'");
  }
  return Ok{};
}

Appointment MakeAppointment(const BookingRequest& request, const TimeZone& zone, Instant now,
                            const std::string& fallback_id) {
  Appointment appointment;
  appointment.appointment_id =
      request.request_id.empty() ? fallback_id : DerivedId("apt-", {request.store_id, request.request_id});
  appointment.customer_id = request.customer_id;
  appointment.vehicle_id = request.vehicle_id;
  appointment.store_id = request.store_id;
  appointment.scheduled_at = request.scheduled_at;
  appointment.appointment_date = zone.DateAt(request.scheduled_at);
  appointment.duration_minutes = request.duration_minutes;
  appointment.visit_type = request.visit_type;
  appointment.advisor = request.advisor;
  appointment.answered_reminder_id = request.answered_reminder_id;
  appointment.note = request.note;
  appointment.created_at = now;
  appointment.day_ends_at = zone.StartOfDay(appointment.appointment_date.PlusDays(1));
  return appointment;
}

Reminder ConfirmationReminder(const Appointment& appointment, Instant now) {
  Reminder reminder = About(appointment, ReminderKind::kAppointmentConfirmation);
  reminder.due_at = now;
  reminder.reason = "appointment on " + appointment.appointment_date.ToString() + " booked";
  return reminder;
}

std::optional<Reminder> DayBeforeReminder(const Appointment& appointment, TimeOfDay send_at, const TimeZone& zone,
                                          Instant now) {
  const Instant due = zone.At(appointment.appointment_date.PlusDays(-1), send_at);
  if (due <= now) {
    return std::nullopt;
  }
  Reminder reminder = About(appointment, ReminderKind::kAppointmentDayBefore);
  reminder.due_at = due;
  reminder.reason = "the day before the appointment on " + appointment.appointment_date.ToString();
  return reminder;
}

Reminder NoShowFollowUp(const Appointment& appointment, TimeOfDay send_at, const TimeZone& zone, Instant now) {
  Reminder reminder = About(appointment, ReminderKind::kAppointmentNoShow);
  const Instant planned = zone.At(appointment.appointment_date.PlusDays(1), send_at);
  reminder.due_at = planned < now ? now : planned;
  reminder.service_due_date = zone.DateAt(reminder.due_at);  // about re-booking, not the day that passed
  reminder.channel_plan_id = std::string(kCallTaskPlan);
  reminder.reason = "no-show at the appointment on " + appointment.appointment_date.ToString();
  return reminder;
}

bool IsFulfilledBy(const Appointment& appointment, const std::string& vehicle_id, Date visit_date) {
  return appointment.status == AppointmentStatus::kBooked && appointment.vehicle_id == vehicle_id &&
         appointment.appointment_date == visit_date;
}

bool IsNoShow(const Appointment& appointment, Date today) {
  return appointment.status == AppointmentStatus::kBooked && appointment.appointment_date < today;
}

std::optional<Reminder> RestoredReminder(const Reminder& suppressed, const Appointment& cancelled, Date today,
                                         Instant now) {
  if (!IsMaintenance(suppressed.kind) || suppressed.service_due_date < today) {
    return std::nullopt;
  }
  Reminder restored = suppressed;
  restored.reminder_id = DerivedId("rem-", {"restored", suppressed.reminder_id, cancelled.appointment_id});
  restored.status = ReminderStatus::kScheduled;
  restored.due_at = suppressed.due_at < now ? now : suppressed.due_at;
  restored.fired_at = Instant{};
  restored.occurrence = 1;
  restored.reason = "restored: appointment " + cancelled.appointment_id + " cancelled";
  return restored;
}

}  // namespace careloop::reminders::domain
