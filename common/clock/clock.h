#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "common/base/time.h"
#include "common/config/config.h"

namespace careloop::clock {

/// The source of "now" for business rules. Every service takes one; nothing reads the
/// system clock directly, so tests and demos can live through weeks in seconds.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual Instant Now() const = 0;
};

/// The real UTC clock.
class SystemClock final : public Clock {
 public:
  [[nodiscard]] Instant Now() const override;
};

/// A clock that can be set: a deployment's simulated clock (SharedSimulatedClock), and
/// ManualClock in tests. The system clock is not one. careloop.admin.v1.ClockService sets it.
class SettableClock : public Clock {
 public:
  /// Makes Now() return `instant` (and time flow on from there, if it flows).
  virtual void Set(Instant instant) = 0;
  /// Moves Now() forward by `by`, or back when `by` is negative.
  virtual void Advance(Millis by) = 0;
};

/// A clock that moves only when told to. For unit tests. Thread-safe.
class ManualClock final : public SettableClock {
 public:
  explicit ManualClock(Instant start) : now_ms_(start.time_since_epoch().count()) {}
  [[nodiscard]] Instant Now() const override { return Instant{Millis{now_ms_.load()}}; }
  void Set(Instant instant) override { now_ms_.store(instant.time_since_epoch().count()); }
  void Advance(Millis by) override { now_ms_.fetch_add(by.count()); }

 private:
  std::atomic<int64_t> now_ms_;
};

/// Redis key holding the simulated clock's offset from real time, in milliseconds.
inline constexpr const char* kSimulatedOffsetKey = "cl:clock:offset_ms";

/// A simulated clock shared by every service of a deployment: now = real time + an offset kept
/// in Redis. Set/Advance (called by the ClockService, which `careloopctl clock set/advance`
/// calls with an admin token) change the offset; each service re-reads it every `refresh`
/// (100 ms by default) on a background thread, so Now() never does I/O.
/// Time keeps flowing between changes, so leases and timeouts behave as in production.
class SharedSimulatedClock final : public SettableClock {
 public:
  /// Reads the offset once (throws redis::RedisUnavailable if Redis is down) and starts refreshing.
  SharedSimulatedClock(const config::RedisSettings& settings, Millis refresh = Millis{100});
  ~SharedSimulatedClock() override;
  [[nodiscard]] Instant Now() const override;
  /// Writes the new offset to Redis (throws redis::RedisUnavailable); this instance sees it at
  /// once, the others at their next refresh.
  void Set(Instant instant) override;
  void Advance(Millis by) override;

 private:
  void Refresh();

  config::RedisSettings settings_;
  Millis refresh_;
  std::atomic<int64_t> offset_ms_{0};
  std::mutex offset_mutex_;  ///< orders Set/Advance and the refresh's read-and-store
  std::atomic<bool> running_{true};
  std::mutex mutex_;
  std::condition_variable stop_;
  std::thread thread_;
};

/// Sets the shared simulated clock so that now == `target`. Returns the new offset.
int64_t SetSimulatedTime(const config::RedisSettings& settings, Instant target);
/// Moves the shared simulated clock forward (or back, if negative) by `by`. Returns the new offset.
int64_t AdvanceSimulatedTime(const config::RedisSettings& settings, Millis by);

}  // namespace careloop::clock
