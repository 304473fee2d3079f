#pragma once

#include <string>
#include <string_view>

namespace careloop::customers::adapters::keys {

// The customers service's whole Redis key schema. Prefix `cl:cust:` so services can share a
// Redis in small deployments.

/// String: the customer record (careloop.customer.v1.Customer, vehicles embedded).
inline std::string Customer(const std::string& id) {
  return "cl:cust:c:" + id;
}
/// String: a service visit (careloop.customer.v1.ServiceVisit).
inline std::string Visit(const std::string& id) {
  return "cl:cust:visit:" + id;
}
/// Sorted set: a customer's visit ids scored by visit date (days since epoch).
inline std::string VisitsOf(const std::string& customer_id) {
  return "cl:cust:visits:" + customer_id;
}
/// String indexes → customer id.
inline std::string ByMobile(const std::string& mobile) {
  return "cl:cust:idx:mobile:" + mobile;
}
inline std::string ByVin(const std::string& vin) {
  return "cl:cust:idx:vin:" + vin;
}
inline std::string ByPlate(const std::string& plate) {
  return "cl:cust:idx:plate:" + plate;
}
inline std::string ByVehicle(const std::string& vehicle_id) {
  return "cl:cust:idx:vehicle:" + vehicle_id;
}
/// Set: the customer ids of a store.
inline std::string OfStore(const std::string& store_id) {
  return "cl:cust:idx:store:" + store_id;
}
/// List: a customer's consent history, oldest first (careloop.customer.v1.ChannelConsent).
inline std::string ConsentLog(const std::string& customer_id) {
  return "cl:cust:consent-log:" + customer_id;
}
/// String: what a request id produced (idempotent retries of commands), kept 7 days.
inline std::string Request(const std::string& request_id) {
  return "cl:cust:req:" + request_id;
}
/// Sorted sets: customers due for reclassification (business ms) and the claims on them.
inline constexpr const char* kReclassify = "cl:cust:reclassify";
inline constexpr const char* kReclassifyLeases = "cl:cust:reclassify-leases";
/// Set: a store's customers in one segment, e.g. ("S001", "churn", "at_risk"); dimensions are
/// churn, tier (high | standard), lifecycle and criterion.
inline std::string Segment(const std::string& store_id, std::string_view dimension, std::string_view value) {
  return "cl:cust:seg:" + store_id + ":" + std::string(dimension) + ":" + std::string(value);
}
/// Stream: the transactional outbox, published by the relay.
inline constexpr const char* kOutbox = "cl:cust:outbox";

inline constexpr int kRequestTtlSeconds = 7 * 24 * 3600;

}  // namespace careloop::customers::adapters::keys
