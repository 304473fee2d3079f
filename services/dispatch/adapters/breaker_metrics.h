#pragma once

#include <string_view>

#include "common/metrics/metrics.h"
#include "services/dispatch/app/sms_failover.h"

namespace careloop::dispatch::adapters {

/// The SMS vendors' circuit breakers in metrics: a gauge per vendor,
/// `careloop_dispatch_sms_breaker_<vendor>` (0 closed, 1 half-open, 2 open), and
/// `careloop_dispatch_sms_breaker_changes_total{vendor,state}` counting every change.
class BreakerMetrics final : public app::BreakerObserver {
 public:
  explicit BreakerMetrics(metrics::Registry& registry) : registry_(registry) {}

  /// Registers the gauges of `failover`'s vendors (which must outlive the registry's scrapes).
  void Watch(const app::SmsFailover& failover);

  void Changed(std::string_view vendor, domain::BreakerState state) override;

  /// The gauge's value of a state.
  [[nodiscard]] static double Value(domain::BreakerState state);

 private:
  metrics::Registry& registry_;
};

}  // namespace careloop::dispatch::adapters
