#pragma once

#include <chrono>
#include <vector>

#include "common/clock/clock.h"
#include "services/dispatch/app/batch_ports.h"
#include "services/dispatch/app/batch_run.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/ports.h"
#include "services/dispatch/app/reconcile_ports.h"

namespace careloop::dispatch::app {

/// How the batch worker takes its work (settings `dispatch.batch`).
struct BatchOptions final {
  int size = 500;        ///< queued requests per pass (one GetContacts look-up)
  Millis lease{60'000};  ///< a claimed request is handed to the next pass after this
};

/// What one pass did.
struct BatchPass final {
  int requests = 0;      ///< queued requests taken (and handled, unless `retry_later`)
  int vendor_calls = 0;  ///< batch API calls made
  int sent = 0;          ///< messages the vendors accepted
  int retry_later = 0;   ///< requests left queued for a later pass (a peer could not be asked)
};

/// Campaign traffic through the vendors' batch APIs (docs/dispatch.md "Batch sends"). DispatchApp
/// queues the SMS step of a campaign message (BatchQueue) instead of sending it; a pass takes up to
/// `size` queued requests, looks their customers up in one ContactDirectory::LookupMany, runs each
/// request's plan through DispatchApp (the same checks as a single send; a WeChat step is still
/// sent singly) with a BatchRun that collects the claimed SMS, groups them by (store, template,
/// signature, vendor), records each batch's numbers (BatchRecords), calls the vendor's batch API
/// (at most its MaxBatch numbers a call) and settles every message (MessageSent once each).
/// In-process and driven by RunOnce, so a worker thread or a benchmark can run it.
class CampaignBatches final {
 public:
  /// `vendors`: the batch APIs, primary first; a message that failed transiently on one goes in
  /// the other's batch (OutboundSms::avoid_provider, from domain::VendorToAvoid). At least one.
  CampaignBatches(DispatchApp& app, BatchQueue& queue, ContactDirectory& contacts, BatchRecords& records,
                  std::vector<SmsBatchSender*> vendors, const clock::Clock& clock, BatchOptions options = {});

  /// The in-flight record of claimed sends (app::Reconciler): each message of a batch call is
  /// noted under the batch id before the call, since the vendor files it under that id, so a
  /// lost batch answer is reconciled by it. Without it a lost batch answer is resent.
  void UseInFlight(InFlightSends& in_flight) { in_flight_ = &in_flight; }

  /// One pass. Throws redis::RedisUnavailable like DispatchApp (the leases bring the requests back).
  BatchPass RunOnce();

 private:
  [[nodiscard]] SmsBatchSender& VendorFor(const ReadySms& ready) const;
  /// Sends one group (at most the vendor's MaxBatch) and settles each message; returns how many were accepted.
  int SendGroup(SmsBatchSender& vendor, std::vector<ReadySms*>& group);

  DispatchApp& app_;
  BatchQueue& queue_;
  ContactDirectory& contacts_;
  BatchRecords& records_;
  std::vector<SmsBatchSender*> vendors_;
  const clock::Clock& clock_;
  BatchOptions options_;
  InFlightSends* in_flight_ = nullptr;
};

}  // namespace careloop::dispatch::app
