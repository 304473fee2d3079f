#include "services/dispatch/adapters/breaker_metrics.h"

#include <string>

namespace careloop::dispatch::adapters {

double BreakerMetrics::Value(domain::BreakerState state) {
  switch (state) {
    case domain::BreakerState::kClosed: return 0;
    case domain::BreakerState::kHalfOpen: return 1;
    case domain::BreakerState::kOpen: return 2;
  }
  return 0;
}

void BreakerMetrics::Watch(const app::SmsFailover& failover) {
  for (const auto& vendor : failover.Vendors()) {
    registry_.AddGauge("careloop_dispatch_sms_breaker_" + vendor,
                       "Circuit breaker of the " + vendor + " SMS vendor: 0 closed, 1 half-open, 2 open",
                       [&failover, vendor] { return Value(failover.StateOf(vendor)); });
  }
}

void BreakerMetrics::Changed(std::string_view vendor, domain::BreakerState state) {
  registry_
      .GetCounter("careloop_dispatch_sms_breaker_changes_total", "Circuit breaker state changes per SMS vendor",
                  {{"vendor", std::string(vendor)}, {"state", std::string(domain::BreakerStateName(state))}})
      .Increment();
}

}  // namespace careloop::dispatch::adapters
