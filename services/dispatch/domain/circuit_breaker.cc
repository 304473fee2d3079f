#include "services/dispatch/domain/circuit_breaker.h"

namespace careloop::dispatch::domain {

std::string_view BreakerStateName(BreakerState state) {
  switch (state) {
    case BreakerState::kClosed: return "closed";
    case BreakerState::kOpen: return "open";
    case BreakerState::kHalfOpen: return "half_open";
  }
  return "unknown";
}

BreakerState CircuitBreaker::State(Instant now) const {
  if (!open_) {
    return BreakerState::kClosed;
  }
  return now >= ReopensAt() ? BreakerState::kHalfOpen : BreakerState::kOpen;
}

bool CircuitBreaker::Allows(Instant now) {
  switch (State(now)) {
    case BreakerState::kClosed: return true;
    case BreakerState::kOpen: return false;
    case BreakerState::kHalfOpen:
      if (probing_) {
        return false;
      }
      probing_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::OnSuccess() {
  failures_ = 0;
  open_ = false;
  probing_ = false;
}

void CircuitBreaker::OnFailure(Instant now) {
  probing_ = false;
  if (open_) {
    opened_at_ = now;  // the probe failed: open for another period
    return;
  }
  if (++failures_ >= settings_.failure_threshold) {
    open_ = true;
    opened_at_ = now;
  }
}

void CircuitBreaker::OnNeutral() {
  probing_ = false;
}

}  // namespace careloop::dispatch::domain
