#include "services/dispatch/app/reconciler.h"

#include <utility>

#include "common/log/log.h"

namespace careloop::dispatch::app {
namespace {

// A vendor's clock and ours differ a little: the query window starts this much before the claim.
constexpr Millis kClockSlack{60'000};

}  // namespace

Reconciler::Reconciler(InFlightSends& in_flight, MessageLedger& ledger, ContactDirectory& contacts,
                       const clock::Clock& clock, const clock::Clock& real_time, const DispatchPolicy& policy,
                       ReconcileOptions options)
    : in_flight_(in_flight),
      ledger_(ledger),
      contacts_(contacts),
      clock_(clock),
      real_time_(real_time),
      rules_{policy.max_attempts, policy.retry_backoff, policy.throttle_wait, policy.failover_after},
      options_(options) {}

int Reconciler::RunOnce() {
  const auto ids = in_flight_.ClaimStale(options_.after, options_.lease, options_.batch);
  for (const auto& message_id : ids) {
    (void)Reconcile(message_id);
  }
  return static_cast<int>(ids.size());
}

std::vector<std::optional<domain::VendorFinding>> Reconciler::AskVendors(const domain::InFlightSend& send,
                                                                         Instant now) {
  std::vector<std::optional<domain::VendorFinding>> answers(queries_.size());
  auto contact = contacts_.Lookup(send.message.customer_id);
  if (!contact.ok() || contact.value().mobile.empty()) {
    log::Warn("reconcile: the customer's number cannot be had now",
              {{"message_id", send.message.message_id},
               {"reason", contact.ok() ? std::string("no mobile on record") : contact.error().ToString()}});
    return answers;
  }
  const StatusQuery query{send.message.message_id, send.also_filed_as, contact.value().mobile,
                          send.claimed_at - kClockSlack, now};
  for (size_t i = 0; i < queries_.size(); ++i) {
    auto finding = queries_[i]->Find(query);
    if (!finding.ok()) {
      log::Warn("reconcile: vendor cannot be asked now", {{"message_id", send.message.message_id},
                                                          {"vendor", std::string(queries_[i]->Provider())},
                                                          {"reason", finding.error().ToString()}});
      continue;
    }
    answers[i] = std::move(finding).value();
  }
  return answers;
}

std::optional<domain::ReconcileVerdict> Reconciler::Reconcile(const std::string& message_id) {
  auto send = in_flight_.Find(message_id);
  if (!send) {
    return std::nullopt;  // settled meanwhile: settling removed its lease too
  }
  const Instant now = real_time_.Now();
  domain::ReconcileDecision decision;
  if (send->message.channel == "sms") {  // no vendor to ask: it waits, then gives up, never resent blind
    decision = domain::DecideReconcile(AskVendors(*send, now), send->claimed_at, now, options_.give_up_after);
  } else {
    // WeChat drops a second send with the same client_msg_id; a staff step opens its task once
    // per message id: a resend under the same id is safe.
    decision.verdict = domain::ReconcileVerdict::kResend;
  }
  if (decision.verdict == domain::ReconcileVerdict::kAskLater) {
    in_flight_.AskLater(message_id);
  } else {
    Record(*send, decision);
  }
  log::Info("reconciled", {{"message_id", message_id},
                           {"channel", send->message.channel},
                           {"verdict", std::string(domain::ReconcileVerdictName(decision.verdict))},
                           {"vendor", decision.finding ? decision.finding->vendor : std::string("-")}});
  if (observer_ != nullptr) {
    observer_->Reconciled(decision.verdict);
  }
  return decision.verdict;
}

void Reconciler::Record(domain::InFlightSend& send, const domain::ReconcileDecision& decision) {
  domain::Message& message = send.message;
  const Instant now = clock_.Now();
  domain::ApplyReconcile(message, decision, now);
  switch (decision.verdict) {
    case domain::ReconcileVerdict::kSent:
      ledger_.RecordSent(message);
      if (receipts_ != nullptr) {
        receipts_->Recorded(message);  // a receipt that beat the lost answer is applied now
      }
      if (decision.finding->state == domain::VendorSendState::kDelivered && receipts_ != nullptr) {
        domain::DeliveryReceipt receipt;
        receipt.vendor = decision.finding->vendor;
        receipt.message_id = message.message_id;
        receipt.provider_message_id = decision.finding->provider_message_id;
        receipt.delivered = true;
        receipt.status_code = decision.finding->code;
        receipt.reason = decision.finding->reason;
        receipt.at = decision.finding->reported_at;
        if (auto recorded = receipts_->Receive(receipt); !recorded.ok()) {
          // The vendor's own report, pushed later, records it instead.
          log::Warn("reconcile: delivery not recorded",
                    {{"message_id", message.message_id}, {"reason", recorded.error().ToString()}});
        }
      }
      return;
    case domain::ReconcileVerdict::kFailed:
    case domain::ReconcileVerdict::kGiveUp: ledger_.RecordFailed(message); return;
    case domain::ReconcileVerdict::kResend: {
      if (message.channel != "sms") {
        message.attempt_log.back().code = "answer_lost";
        message.attempt_log.back().reason = "no status query on this channel: resent under the same id";
        message.failure_reason = "answer_lost: resent under the same id";
      }
      const domain::AfterAttempt next = domain::DecideAfter(message.attempt_log, Millis{0}, now, rules_);
      if (next.step == domain::NextStep::kRetryLater) {
        message.not_before = next.not_before;
        message.defer_reason = "vendor never got it, resending";
        ledger_.Retry(message, send.cause);
      } else {
        message.status = domain::MessageStatus::kFailed;
        ledger_.RecordFailed(message);
      }
      return;
    }
    case domain::ReconcileVerdict::kAskLater: return;
  }
}

}  // namespace careloop::dispatch::app
