#pragma once

#include <optional>
#include <string>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/reminders/domain/reminder.h"

/// Workshop appointments (预约): what a booking must satisfy, the reminders it plans (a
/// confirmation at once, a reminder the day before), and how it ends (fulfilled by a visit on
/// its day, a no-show the day after, or cancelled).
namespace careloop::reminders::domain {

enum class AppointmentStatus { kBooked, kCancelled, kFulfilled, kNoShow };

[[nodiscard]] std::string_view AppointmentStatusName(AppointmentStatus status);

/// A booked appointment. `visit_type` is the planned work as the customers service numbers its
/// visit types (careloop.customer.v1.VisitType), carried through: no rule here depends on it.
struct Appointment final {
  std::string appointment_id;
  std::string customer_id;
  std::string vehicle_id;
  std::string store_id;
  Instant scheduled_at{};
  Date appointment_date;  ///< store-local date of scheduled_at
  int duration_minutes = 60;
  int visit_type = 0;  ///< the contract's visit type number, carried through unchanged
  std::string advisor;
  std::string answered_reminder_id;  ///< the reminder the booking suppressed, if any
  AppointmentStatus status = AppointmentStatus::kBooked;
  std::string note;
  Instant created_at{};
  std::string cancel_reason;
  std::string fulfilled_by_visit_id;  ///< the visit that fulfilled it
  Instant day_ends_at{};              ///< store-local midnight after its day: from then on a no-show (not stored)
};

/// A booking as asked for, before it is checked.
struct BookingRequest final {
  std::string customer_id;
  std::string vehicle_id;
  std::string store_id;
  Instant scheduled_at{};
  int duration_minutes = 0;
  int visit_type = 0;
  std::string advisor;
  std::string answered_reminder_id;
  std::string note;
  std::string request_id;
};

/// What the customers service says about the customer and vehicle booked.
struct BookedVehicle final {
  std::string customer_id;  ///< the vehicle's owner
  std::string store_id;     ///< the customer's home store
  bool retired = false;     ///< sold, scrapped or transferred
};

inline constexpr int kMaxAppointmentMinutes = 24 * 60;

/// Checks a booking: the ids given, a time strictly after `now`, a duration of 1 minute to a
/// day, the vehicle being the customer's and still theirs, and the customer belonging to the
/// store booked at. Each failure names its field and the reason.
[[nodiscard]] Status ValidateBooking(const BookingRequest& request, const BookedVehicle& vehicle, Instant now);

/// The appointment a valid request books at `now` in the store's `zone`, its id derived from
/// the request id (so a replayed request books the same appointment), else from `fallback_id`.
[[nodiscard]] Appointment MakeAppointment(const BookingRequest& request, const TimeZone& zone, Instant now,
                                          const std::string& fallback_id);

/// The id of the appointment's reminder of `kind` (confirmation, day-before or no-show).
[[nodiscard]] std::string AppointmentReminderId(const std::string& appointment_id, ReminderKind kind);

/// The confirmation (service-critical), due at `now`.
[[nodiscard]] Reminder ConfirmationReminder(const Appointment& appointment, Instant now);

/// The reminder of the day before at `send_at` store-local time — none when that moment is not
/// after `now` (booked for tomorrow after the send time, or today).
[[nodiscard]] std::optional<Reminder> DayBeforeReminder(const Appointment& appointment, TimeOfDay send_at,
                                                        const TimeZone& zone, Instant now);

/// The no-show follow-up, due at `send_at` on the day after the appointment (or at `now` when
/// that has passed: it is about the missed appointment, not a service date), with the call
/// task channel plan so the store's advisor calls.
[[nodiscard]] Reminder NoShowFollowUp(const Appointment& appointment, TimeOfDay send_at, const TimeZone& zone,
                                      Instant now);

/// Whether a visit of `vehicle_id` on `visit_date` fulfils the appointment (booked, same
/// vehicle, on its day).
[[nodiscard]] bool IsFulfilledBy(const Appointment& appointment, const std::string& vehicle_id, Date visit_date);

/// Whether a booked appointment is a no-show on `today` (its day has passed).
[[nodiscard]] bool IsNoShow(const Appointment& appointment, Date today);

/// The maintenance reminder a booking suppressed, back as a new reminder when the booking is
/// cancelled: none unless its service date is still ahead (today or later). It fires at its
/// original moment, or at `now` when that has passed.
[[nodiscard]] std::optional<Reminder> RestoredReminder(const Reminder& suppressed, const Appointment& cancelled,
                                                       Date today, Instant now);

/// The reason a reminder suppressed by a booking is closed with.
inline constexpr std::string_view kAppointmentBooked = "appointment booked";

/// Channel plan naming a phone-call task for the store's advisor.
inline constexpr std::string_view kCallTaskPlan = "call_task";

}  // namespace careloop::reminders::domain
