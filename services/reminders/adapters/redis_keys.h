#pragma once

#include <string>

namespace careloop::reminders::adapters::keys {

// The reminders service's Redis key schema (prefix `cl:rem:`).

/// String: a reminder (careloop.reminder.v1.Reminder).
inline std::string Reminder(const std::string& id) {
  return "cl:rem:r:" + id;
}
/// Sorted set: scheduled reminder ids scored by due time (business clock, ms since epoch).
inline constexpr const char* kTimers = "cl:rem:timers";
/// Hash customer id → churn stage word, as last heard (CustomerSegmentChanged, a recent visit).
inline constexpr const char* kChurnStages = "cl:rem:churn-stages";
/// Sorted set: reminder ids being fired, scored by lease expiry (real time, ms).
inline constexpr const char* kLeases = "cl:rem:leases";
/// Set: a vehicle's open maintenance reminder ids (scheduled, or fired and not yet answered).
inline std::string PendingOfVehicle(const std::string& vehicle_id) {
  return "cl:rem:pending:" + vehicle_id;
}
/// Sorted set: a customer's reminder ids by due time.
inline std::string OfCustomer(const std::string& customer_id) {
  return "cl:rem:cust:" + customer_id;
}
/// Sorted set: a store's reminder ids by due time.
inline std::string OfStore(const std::string& store_id) {
  return "cl:rem:store:" + store_id;
}
/// Hash: a vehicle's odometer readings, date → km.
inline std::string Odometer(const std::string& vehicle_id) {
  return "cl:rem:odo:" + vehicle_id;
}
/// Hash: a vehicle's insurance policies, policy id → "<c|m> <start> <end>".
inline std::string Policies(const std::string& vehicle_id) {
  return "cl:rem:policies:" + vehicle_id;
}
/// String: set once a visit has moved the schedule, so a replay does nothing.
inline std::string AppliedVisit(const std::string& visit_id) {
  return "cl:rem:visit:" + visit_id;
}
/// Hash: a vehicle's facts the rules need later: customer_id, store_id, model, delivery date.
inline std::string VehicleFacts(const std::string& vehicle_id) {
  return "cl:rem:vehicle:" + vehicle_id;
}
/// Hash: the store rules, rule id → careloop.reminder.v1.ReminderRule.
inline constexpr const char* kRules = "cl:rem:rules";
/// Hash: the configured rules as last seeded, rule id → ReminderRule (an edited config re-seeds).
inline constexpr const char* kSeededRules = "cl:rem:rules:seeded";
/// Stream: the transactional outbox.
inline constexpr const char* kOutbox = "cl:rem:outbox";

// Care effectiveness (adapters/redis_care_stats.cc).
/// Hash: what became of a reminder — store, customer, vehicle, kind, fired_on (its first firing),
/// one field per message outcome "o:<channel|->:<outcome>", and "booked" once a booking answers it.
inline std::string CareReminder(const std::string& reminder_id) {
  return "cl:rem:care:r:" + reminder_id;
}
/// Set: ids of the reminders of a store first fired in a month ("2027-01").
inline std::string CareFired(const std::string& store_id, const std::string& month) {
  return "cl:rem:care:fired:" + store_id + ":" + month;
}
/// Hash: ids of the reminders of a store recorded missed in a month → kind word.
inline std::string CareMissed(const std::string& store_id, const std::string& month) {
  return "cl:rem:care:missed:" + store_id + ":" + month;
}
/// Sorted sets: visit ids of a vehicle / a customer, scored by visit date (days since 1970-01-01).
inline std::string CareVisitsOfVehicle(const std::string& vehicle_id) {
  return "cl:rem:care:visits:v:" + vehicle_id;
}
inline std::string CareVisitsOfCustomer(const std::string& customer_id) {
  return "cl:rem:care:visits:c:" + customer_id;
}
/// Sorted sets: appointment ids of a vehicle / a customer, scored by the date they were booked on.
inline std::string CareBookingsOfVehicle(const std::string& vehicle_id) {
  return "cl:rem:care:books:v:" + vehicle_id;
}
inline std::string CareBookingsOfCustomer(const std::string& customer_id) {
  return "cl:rem:care:books:c:" + customer_id;
}

}  // namespace careloop::reminders::adapters::keys
