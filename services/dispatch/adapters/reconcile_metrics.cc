#include "services/dispatch/adapters/reconcile_metrics.h"

#include <string>

namespace careloop::dispatch::adapters {

void ReconcileMetrics::Reconciled(domain::ReconcileVerdict verdict) {
  registry_
      .GetCounter("careloop_dispatch_reconciled_total",
                  "In-flight sends (claimed, vendor answer never recorded) reconciled, by verdict",
                  {{"verdict", std::string(domain::ReconcileVerdictName(verdict))}})
      .Increment();
}

}  // namespace careloop::dispatch::adapters
