#pragma once

#include <string>

namespace careloop::reminders::adapters::campaign_keys {

// The campaigns' Redis key schema (prefix `cl:rem:cmp:`); their reminders live under the
// reminders' own keys (redis_keys.h).

/// String: a campaign (careloop.reminder.v1.Campaign, progress counts left zero).
inline std::string Campaign(const std::string& id) {
  return "cl:rem:cmp:" + id;
}
/// Hash: a campaign's progress, field (due, sent, suppressed, failed, cancelled) → count.
inline std::string Progress(const std::string& id) {
  return "cl:rem:cmp:progress:" + id;
}
/// Set: "<field>:<message or reminder id>" of every outcome counted, so a replay counts nothing twice.
inline std::string Counted(const std::string& id) {
  return "cl:rem:cmp:counted:" + id;
}
/// Set: the customer ids of a campaign's audience.
inline std::string Audience(const std::string& id) {
  return "cl:rem:cmp:audience:" + id;
}
/// String: the audience size, set once the audience is fixed.
inline std::string AudienceFixed(const std::string& id) {
  return "cl:rem:cmp:fixed:" + id;
}
/// Sorted set: a store's campaign ids by creation time (ms).
inline std::string OfStore(const std::string& store_id) {
  return "cl:rem:cmp:store:" + store_id;
}
/// Sorted set: scheduled campaign ids by launch moment (business clock, ms).
inline constexpr const char* kLaunches = "cl:rem:cmp:launches";

}  // namespace careloop::reminders::adapters::campaign_keys
