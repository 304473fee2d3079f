#pragma once

#include <string>

// The CSI read model's Redis keys (prefix `cl:surv:csi:`). Everything under it is derived from
// the survey topic's events and can be deleted and rebuilt by replaying the topic (docs/csi.md).
namespace careloop::surveys::adapters::keys {

/// Hash: the counters of a store's month; field "<kind>|<source>|<item>|<metric>|<advisor>".
inline std::string CsiCounters(const std::string& store_id, const std::string& month) {
  return "cl:surv:csi:cnt:" + store_id + ":" + month;
}
/// String: set once an event's counters were added (the replay guard).
inline std::string CsiSeen(const std::string& event_key) {
  return "cl:surv:csi:seen:" + event_key;
}
/// Hash: what the case events said of a case.
inline std::string CsiCase(const std::string& case_id) {
  return "cl:surv:csi:case:" + case_id;
}
/// Set: the ids of the cases opened in a store's month.
inline std::string CsiCasesOf(const std::string& store_id, const std::string& month) {
  return "cl:surv:csi:cases:" + store_id + ":" + month;
}

}  // namespace careloop::surveys::adapters::keys

namespace careloop::surveys::adapters::keys {

/// String: an improvement action (careloop.survey.v1.ImprovementAction).
inline std::string Action(const std::string& action_id) {
  return "cl:surv:act:" + action_id;
}
/// Sorted set: a store's action ids by due date (days since the epoch).
inline std::string ActionsOf(const std::string& store_id) {
  return "cl:surv:act-store:" + store_id;
}
/// String: set once an update request was applied to an action (the replay guard; expires).
inline std::string ActionRequest(const std::string& action_id, const std::string& request_id) {
  return "cl:surv:act-req:" + action_id + ":" + request_id;
}

}  // namespace careloop::surveys::adapters::keys
