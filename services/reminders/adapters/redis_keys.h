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

}  // namespace careloop::reminders::adapters::keys
