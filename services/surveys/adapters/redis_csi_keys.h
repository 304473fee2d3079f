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
