#pragma once

#include <string>

// The appointments' part of the reminders service's Redis key schema (prefix `cl:rem:appt:`).
namespace careloop::reminders::adapters::keys {

/// String: an appointment (careloop.reminder.v1.Appointment).
inline std::string Appointment(const std::string& id) {
  return "cl:rem:appt:" + id;
}
/// Sorted sets: appointment ids of a customer / store / vehicle by start (ms since epoch).
inline std::string AppointmentsOfCustomer(const std::string& customer_id) {
  return "cl:rem:appt-cust:" + customer_id;
}
inline std::string AppointmentsOfStore(const std::string& store_id) {
  return "cl:rem:appt-store:" + store_id;
}
inline std::string AppointmentsOfVehicle(const std::string& vehicle_id) {
  return "cl:rem:appt-veh:" + vehicle_id;
}
/// Sorted set: booked appointment ids by the end of their day (ms): the no-show sweep's queue.
inline constexpr const char* kBookedAppointments = "cl:rem:appt-booked";

}  // namespace careloop::reminders::adapters::keys
