#pragma once

#include <string_view>

#include "common/base/time.h"

namespace careloop::dispatch::domain {

/// When a vendor's breaker opens and how long it stays open.
struct BreakerSettings final {
  int failure_threshold = 5;  ///< consecutive transient failures that open the breaker
  Millis open_for{30'000};    ///< how long an open breaker refuses calls before one probe
};

enum class BreakerState { kClosed, kOpen, kHalfOpen };
[[nodiscard]] std::string_view BreakerStateName(BreakerState state);

/// A circuit breaker for one vendor: closed lets calls through; `failure_threshold` consecutive
/// transient failures open it; after `open_for` it is half-open and lets one probe through — a
/// success closes it, a failure opens it again. Throttling is not a failure. Not thread-safe
/// (app::SmsFailover guards it).
class CircuitBreaker final {
 public:
  explicit CircuitBreaker(BreakerSettings settings) : settings_(settings) {}

  /// Whether a call may go to the vendor now; a half-open breaker allows one probe at a time.
  [[nodiscard]] bool Allows(Instant now);
  void OnSuccess();
  void OnFailure(Instant now);
  /// The probe let through ended without telling anything (a throttle): allow another probe.
  void OnNeutral();

  [[nodiscard]] BreakerState State(Instant now) const;
  /// When an open breaker lets a probe through.
  [[nodiscard]] Instant ReopensAt() const { return opened_at_ + settings_.open_for; }

 private:
  BreakerSettings settings_;
  int failures_ = 0;
  bool open_ = false;
  bool probing_ = false;
  Instant opened_at_{};
};

}  // namespace careloop::dispatch::domain
