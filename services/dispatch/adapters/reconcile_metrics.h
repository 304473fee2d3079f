#pragma once

#include "common/metrics/metrics.h"
#include "services/dispatch/app/reconcile_ports.h"

namespace careloop::dispatch::adapters {

/// Reconciliation in metrics: `careloop_dispatch_reconciled_total{verdict}` counts every in-flight
/// send looked at by what became of it (sent, failed, resent, ask_later, gave_up).
class ReconcileMetrics final : public app::ReconcileObserver {
 public:
  explicit ReconcileMetrics(metrics::Registry& registry) : registry_(registry) {}

  void Reconciled(domain::ReconcileVerdict verdict) override;

 private:
  metrics::Registry& registry_;
};

}  // namespace careloop::dispatch::adapters
