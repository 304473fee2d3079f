#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/base/time.h"
#include "common/clock/clock.h"

namespace careloop::testing {

/// In-memory twin of the Redis timer queue (common/redis/timer_queue.h): ids scored by due
/// time on the business clock, and leases scored by expiry on real time. A claim moves an id
/// from the timers into the leases; an id whose lease expired (its instance died mid-fire) is
/// claimed again, before anything newly due.
class FakeTimerQueue final {
 public:
  /// `real_time` is what leases run on; it is not the business clock, so a simulated clock
  /// jumping ahead expires no lease.
  explicit FakeTimerQueue(const clock::Clock& real_time) : real_time_(real_time) {}

  /// Queues `id` at `due` (moves it if queued already).
  void Add(const std::string& id, Instant due) { timers_[id] = due; }
  /// Drops `id` from the timers and the leases.
  void Remove(const std::string& id) {
    timers_.erase(id);
    leases_.erase(id);
  }
  /// Drops the lease of `id` (its timer was handled).
  void Release(const std::string& id) { leases_.erase(id); }

  /// Claims up to `limit` ids: expired leases first, then timers due at `now`, each leased
  /// until real time + `lease`.
  [[nodiscard]] std::vector<std::string> Claim(Instant now, Millis lease, int limit) {
    const Instant real_now = real_time_.Now();
    const Instant lease_until = real_now + lease;
    std::vector<std::string> claimed;
    for (const auto& id : Ordered(leases_, real_now, limit)) {
      leases_[id] = lease_until;
      claimed.push_back(id);
    }
    const int room = limit - static_cast<int>(claimed.size());
    for (const auto& id : Ordered(timers_, now, room)) {
      timers_.erase(id);
      leases_[id] = lease_until;
      claimed.push_back(id);
    }
    return claimed;
  }

  [[nodiscard]] bool IsQueued(const std::string& id) const { return timers_.contains(id); }
  [[nodiscard]] bool IsLeased(const std::string& id) const { return leases_.contains(id); }
  [[nodiscard]] size_t QueuedCount() const { return timers_.size(); }
  [[nodiscard]] size_t LeasedCount() const { return leases_.size(); }

 private:
  // Like ZRANGEBYSCORE -inf `until` LIMIT 0 `limit`: by score, then by id.
  static std::vector<std::string> Ordered(const std::map<std::string, Instant>& scored, Instant until, int limit) {
    std::vector<std::pair<Instant, std::string>> due;
    for (const auto& [id, score] : scored) {
      if (score <= until) {
        due.emplace_back(score, id);
      }
    }
    std::sort(due.begin(), due.end());
    std::vector<std::string> ids;
    for (const auto& entry : due) {
      if (static_cast<int>(ids.size()) >= limit) {
        break;
      }
      ids.push_back(entry.second);
    }
    return ids;
  }

  const clock::Clock& real_time_;
  std::map<std::string, Instant> timers_;
  std::map<std::string, Instant> leases_;
};

}  // namespace careloop::testing
