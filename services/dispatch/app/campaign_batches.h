#pragma once

#include <chrono>
#include <functional>
#include <string>
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
  /// Requests of different customers handled side by side in a pass (threads). A customer's
  /// requests are always in one lane, in queue order, so the per-customer checks (caps,
  /// spacing, the same-day rule) see each other as in a single lane. 1: one after another.
  int lanes = 1;
};

/// What one pass did.
struct BatchPass final {
  int requests = 0;      ///< queued requests taken (and handled, unless `retry_later`)
  int vendor_calls = 0;  ///< batch API calls made
  int sent = 0;          ///< messages the vendors accepted
  int retry_later = 0;   ///< requests left queued for a later pass (a peer could not be asked)
};

/// Campaign traffic through the vendors' batch APIs (docs/dispatch.md "Batch sends"). DispatchApp
/// queues a campaign message whole (BatchQueue) instead of running its plan; a pass takes up to
/// `size` queued requests, looks their customers up in one ContactDirectory::LookupMany, asks
/// whether their causes still want them in one CauseCheck::StillWantedMany, runs each request's
/// plan through DispatchApp (the same checks as a single send; a WeChat step is sent singly, with
/// the contact of the pass; each campaign's facts are read once a pass) with a BatchRun that collects the claimed SMS,
/// groups them by (store, template, signature, vendor), records each batch's numbers (BatchRecords), calls the vendor's
/// batch API (at most its MaxBatch numbers a call) and settles every message (MessageSent once each). In-process and
/// driven by RunOnce, so a worker thread or a benchmark can run it.
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
  /// Where a pass asks whether its requests' causes still want them, all in one question
  /// (CauseCheck::StillWantedMany; main.cc wires the reminders service's GetReminders). Without
  /// it each message's cause is asked singly, as a single send does.
  void UseCauses(CauseCheck& causes) { causes_ = &causes; }

  /// One pass. Throws redis::RedisUnavailable like DispatchApp (the leases bring the requests back).
  BatchPass RunOnce();

 private:
  [[nodiscard]] SmsBatchSender& VendorFor(const ReadySms& ready) const;
  /// Runs `each(i)` for every i < count in up to `options_.lanes` threads; the items of one
  /// customer (`customer_of(i)`) share a lane, in order. A lane's exception is rethrown here.
  void InLanes(size_t count, const std::function<const std::string&(size_t)>& customer_of,
               const std::function<void(size_t)>& each) const;
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
  CauseCheck* causes_ = nullptr;
};

}  // namespace careloop::dispatch::app
