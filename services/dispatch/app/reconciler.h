#pragma once

#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/clock/clock.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/ports.h"
#include "services/dispatch/app/receipts_app.h"
#include "services/dispatch/app/reconcile_ports.h"
#include "services/dispatch/domain/reconcile.h"

namespace careloop::dispatch::app {

/// `reconcile:` in the dispatch settings.
struct ReconcileOptions final {
  /// A send in flight this long (real time) is asked about. Must exceed the vendors' read
  /// timeout, or a send still waiting for its answer would be asked about.
  Millis after{120'000};
  int batch = 100;  ///< in-flight sends looked at per pass
  /// A send whose vendor could not be asked for this long fails (reason "unreconciled") rather
  /// than wait forever or risk a double send; zero: it waits forever.
  Millis give_up_after{24 * 3600 * 1000};
  Millis lease{60'000};  ///< how long one reconciler holds a send it is looking at
  Millis poll{5'000};    ///< the pause when a pass found less than a full batch
};

/// Settles sends that died between their claim and the vendor's answer (docs/dispatch.md
/// "Reconciliation"): asks the vendors by our message id and records what they know — sent (and
/// delivered when they say so), failed with the vendor's reason, or, when no vendor has it,
/// released for a resend under the same message id. A vendor that cannot be asked now is asked
/// on a later pass. WeChat has no status query but drops a repeated client_msg_id, and staff
/// steps are idempotent by message id: those are resent. Safe across instances (leases).
class Reconciler final {
 public:
  /// `clock` is the deployment's (attempt times, retry times); `real_time` the wall clock the
  /// vendors and the in-flight ages run on.
  Reconciler(InFlightSends& in_flight, MessageLedger& ledger, ContactDirectory& contacts, const clock::Clock& clock,
             const clock::Clock& real_time, const DispatchPolicy& policy, ReconcileOptions options);

  /// A vendor to ask about SMS sends (main.cc adds each configured SMS vendor's query).
  void AddStatusQuery(SendStatusQuery& query) { queries_.push_back(&query); }
  /// Where a send the vendor reports delivered is recorded delivered (MessageDelivered).
  void UseReceipts(ReceiptsApp& receipts) { receipts_ = &receipts; }
  void UseObserver(ReconcileObserver& observer) { observer_ = &observer; }

  /// One pass: claims up to `batch` stale in-flight sends and settles each; returns how many it
  /// looked at. Throws redis::RedisUnavailable like the ledger.
  int RunOnce();

  /// Settles one in-flight send (after its lease was taken); nullopt when it was not in flight.
  std::optional<domain::ReconcileVerdict> Reconcile(const std::string& message_id);

  [[nodiscard]] const ReconcileOptions& options() const { return options_; }

 private:
  /// Each vendor's finding for an SMS (nullopt: it could not be asked); all nullopt when the
  /// customer's number cannot be had.
  std::vector<std::optional<domain::VendorFinding>> AskVendors(const domain::InFlightSend& send, Instant now);
  void Record(domain::InFlightSend& send, const domain::ReconcileDecision& decision);

  InFlightSends& in_flight_;
  MessageLedger& ledger_;
  ContactDirectory& contacts_;
  const clock::Clock& clock_;
  const clock::Clock& real_time_;
  domain::RetryRules rules_;
  ReconcileOptions options_;
  std::vector<SendStatusQuery*> queries_;
  ReceiptsApp* receipts_ = nullptr;
  ReconcileObserver* observer_ = nullptr;
};

}  // namespace careloop::dispatch::app
