#pragma once

#include <string>

namespace careloop::surveys::adapters::keys {

// The surveys service's Redis key schema (prefix `cl:surv:`).

/// String: a survey (careloop.survey.v1.Survey).
inline std::string Survey(const std::string& id) {
  return "cl:surv:s:" + id;
}
/// Sorted set: a customer's survey ids by issue time.
inline std::string OfCustomer(const std::string& customer_id) {
  return "cl:surv:cust:" + customer_id;
}
/// Sorted set: a store's survey ids by issue time.
inline std::string OfStore(const std::string& store_id) {
  return "cl:surv:store:" + store_id;
}
/// Stream: the transactional outbox.
inline constexpr const char* kOutbox = "cl:surv:outbox";

}  // namespace careloop::surveys::adapters::keys
