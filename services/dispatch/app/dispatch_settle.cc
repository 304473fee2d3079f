// DispatchApp::Settle: what becomes of a claimed message once the vendor answered (or no vendor
// could be called). The rules are domain::DecideAfter's; this records them.
#include "common/log/log.h"
#include "services/dispatch/app/dispatch_app.h"

namespace careloop::dispatch::app {

Outcome DispatchApp::Settle(domain::Message& message, const domain::SendRequest& request,
                            const std::vector<domain::SendRequest>& companions, const SendOutcome& sent, Instant now) {
  const Instant answered_at = clock_.Now();
  const domain::VendorFault fault = FaultOf(sent);
  const bool called = sent.provider != "none";  // "none": every breaker open, no vendor was asked
  if (called) {
    domain::MessageAttempt attempt;
    attempt.channel = message.channel;
    attempt.vendor = !sent.provider.empty()        ? sent.provider
                     : message.channel == "wechat" ? std::string("wechat")
                                                   : std::string(sms_.Provider());
    attempt.at = answered_at;
    attempt.fault = fault;
    attempt.code = sent.error_code;
    attempt.reason = sent.error_message;
    attempt.provider_message_id = sent.provider_message_id;
    message.provider = attempt.vendor;
    message.attempt_log.push_back(std::move(attempt));
    ++message.attempts;
  }
  const domain::RetryRules rules{policy_.max_attempts, policy_.retry_backoff, policy_.throttle_wait,
                                 policy_.failover_after};
  const domain::AfterAttempt next = called
                                        ? domain::DecideAfter(message.attempt_log, sent.retry_after, now, rules)
                                        : domain::AfterAttempt{domain::NextStep::kRetryLater, now + sent.retry_after};

  if (next.step == domain::NextStep::kDone) {
    message.status = domain::MessageStatus::kSent;
    message.sent_at = answered_at;
    message.provider_message_id = sent.provider_message_id;
    message.failure_reason.clear();
    ledger_.RecordSent(message);
    if (send_recorded_ != nullptr) {
      send_recorded_->Recorded(message);  // a receipt that beat the vendor's answer is applied now
    }
    for (const auto& companion : companions) {
      domain::Message merged =
          domain::Suppressed(companion, domain::MessageIdFor(companion.cause_id, companion.occurrence, "sms"),
                             domain::Suppression::kMerged, message.sent_at);
      merged.merged_into = message.message_id;
      ledger_.Suppress(merged);
    }
    log::Info("message sent", {{"message_id", message.message_id},
                               {"provider", message.provider},
                               {"to", message.masked_recipient},
                               {"kind", domain::CareKindName(request.kind)},
                               {"attempts", std::to_string(message.attempts)},
                               {"merged", std::to_string(companions.size())}});
    return Outcome::kSent;
  }
  message.failure_reason = sent.error_code + ": " + sent.error_message;
  if (next.step == domain::NextStep::kReconcile) {
    // The answer was lost after the vendor may have taken it: no resend until the reconciler
    // asked the vendor (app/reconciler.cc).
    message.status = domain::MessageStatus::kQueued;
    ledger_.AwaitReconcile(message);
    log::Warn("send answer lost, awaiting reconciliation",
              {{"message_id", message.message_id}, {"provider", message.provider}, {"reason", message.failure_reason}});
    return Outcome::kRetrying;
  }
  if (next.step == domain::NextStep::kRetryLater) {
    const bool throttled = fault == domain::VendorFault::kThrottled;
    message.status = throttled ? domain::MessageStatus::kDeferred : domain::MessageStatus::kQueued;
    message.defer_reason = throttled ? "vendor throttled" : "vendor failed, retrying";
    message.not_before = next.not_before;
    ledger_.Retry(message, request);
    log::Warn(throttled ? "send throttled, deferred" : "send failed, will retry",
              {{"message_id", message.message_id},
               {"provider", message.provider},
               {"reason", message.failure_reason},
               {"not_before", FormatRfc3339(message.not_before)}});
    return throttled ? Outcome::kDeferred : Outcome::kRetrying;
  }
  message.status = domain::MessageStatus::kFailed;
  ledger_.RecordFailed(message);
  log::Warn("send failed permanently", {{"message_id", message.message_id},
                                        {"provider", message.provider},
                                        {"fault", std::string(domain::VendorFaultName(fault))},
                                        {"reason", message.failure_reason}});
  return Outcome::kFailed;
}

}  // namespace careloop::dispatch::app
