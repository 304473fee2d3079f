#include "services/reminders/adapters/appointment_mapping.h"

#include "common/events/proto_event.h"
#include "services/reminders/adapters/enum_tables.h"

namespace careloop::reminders::adapters {

namespace pb = careloop::reminder::v1;

pb::Appointment ToProto(const domain::Appointment& appointment) {
  pb::Appointment out;
  out.set_appointment_id(appointment.appointment_id);
  out.set_customer_id(appointment.customer_id);
  out.set_vehicle_id(appointment.vehicle_id);
  out.set_store_id(appointment.store_id);
  *out.mutable_scheduled_at() = events::ToTimestamp(appointment.scheduled_at);
  *out.mutable_appointment_date() = events::ToProto(appointment.appointment_date);
  out.set_duration_minutes(appointment.duration_minutes);
  out.set_visit_type(static_cast<careloop::customer::v1::VisitType>(appointment.visit_type));
  out.set_advisor(appointment.advisor);
  out.set_answered_reminder_id(appointment.answered_reminder_id);
  out.set_status(kAppointmentStatuses.ToProto(appointment.status).value_or(pb::APPOINTMENT_STATUS_UNSPECIFIED));
  out.set_note(appointment.note);
  *out.mutable_created_at() = events::ToTimestamp(appointment.created_at);
  out.set_cancel_reason(appointment.cancel_reason);
  out.set_fulfilled_by_visit_id(appointment.fulfilled_by_visit_id);
  return out;
}

domain::Appointment FromProto(const pb::Appointment& appointment) {
  domain::Appointment out;
  out.appointment_id = appointment.appointment_id();
  out.customer_id = appointment.customer_id();
  out.vehicle_id = appointment.vehicle_id();
  out.store_id = appointment.store_id();
  out.scheduled_at = events::FromTimestamp(appointment.scheduled_at());
  out.appointment_date = events::FromProto(appointment.appointment_date());
  out.duration_minutes = appointment.duration_minutes();
  out.visit_type = static_cast<int>(appointment.visit_type());
  out.advisor = appointment.advisor();
  out.answered_reminder_id = appointment.answered_reminder_id();
  // Stored records are our own: an unknown status (a newer version's) reads as booked.
  out.status = kAppointmentStatuses.FromProto(appointment.status()).value_or(domain::AppointmentStatus::kBooked);
  out.note = appointment.note();
  out.created_at = events::FromTimestamp(appointment.created_at());
  out.cancel_reason = appointment.cancel_reason();
  out.fulfilled_by_visit_id = appointment.fulfilled_by_visit_id();
  return out;
}

}  // namespace careloop::reminders::adapters
