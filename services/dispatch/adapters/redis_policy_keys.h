#pragma once

#include <string>

namespace careloop::dispatch::adapters::keys {

// Keys of the stores' templates, contact policies and complaint pauses (prefix `cl:disp:`;
// the rest of the schema is in redis_keys.h).

/// String: a store's template (careloop.dispatch.v1.Template), by template id.
inline std::string StoreTemplate(const std::string& template_id) {
  return "cl:disp:tpl:" + template_id;
}
/// Set: a store's template ids.
inline std::string TemplatesOf(const std::string& store_id) {
  return "cl:disp:tpls:" + store_id;
}
/// String: a store's contact policy (careloop.dispatch.v1.ContactPolicy); "-" is the group default.
inline std::string Policy(const std::string& store_id) {
  return "cl:disp:policy:" + (store_id.empty() ? std::string("-") : store_id);
}
/// Set: the open complaint case ids of a customer (no marketing while non-empty).
inline std::string OpenCases(const std::string& customer_id) {
  return "cl:disp:cases:" + customer_id;
}
/// Hash: an open complaint case's owner, customer, store, vehicle and deadline (its follow-up calls).
inline std::string Case(const std::string& case_id) {
  return "cl:disp:case:" + case_id;
}

}  // namespace careloop::dispatch::adapters::keys
