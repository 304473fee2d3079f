#include "services/dispatch/domain/reconcile.h"

#include <cstdio>

namespace careloop::dispatch::domain {
namespace {

// Delivered beats accepted beats failed: a vendor that has the send delivered is the truth.
int Rank(VendorSendState state) {
  switch (state) {
    case VendorSendState::kDelivered: return 3;
    case VendorSendState::kAccepted: return 2;
    case VendorSendState::kFailed: return 1;
    case VendorSendState::kNotFound: return 0;
  }
  return 0;
}

}  // namespace

std::string_view VendorSendStateName(VendorSendState state) {
  switch (state) {
    case VendorSendState::kNotFound: return "not_found";
    case VendorSendState::kAccepted: return "accepted";
    case VendorSendState::kDelivered: return "delivered";
    case VendorSendState::kFailed: return "failed";
  }
  return "unknown";
}

std::string_view ReconcileVerdictName(ReconcileVerdict verdict) {
  switch (verdict) {
    case ReconcileVerdict::kSent: return "sent";
    case ReconcileVerdict::kFailed: return "failed";
    case ReconcileVerdict::kResend: return "resent";
    case ReconcileVerdict::kAskLater: return "ask_later";
    case ReconcileVerdict::kGiveUp: return "gave_up";
  }
  return "unknown";
}

ReconcileDecision DecideReconcile(const std::vector<std::optional<VendorFinding>>& answers, Instant claimed_at,
                                  Instant now, Millis give_up_after) {
  const VendorFinding* best = nullptr;
  bool everyone_answered = !answers.empty();
  for (const auto& answer : answers) {
    if (!answer) {
      everyone_answered = false;
      continue;
    }
    if (answer->state != VendorSendState::kNotFound && (best == nullptr || Rank(answer->state) > Rank(best->state))) {
      best = &*answer;
    }
  }
  if (best != nullptr) {
    return {best->state == VendorSendState::kFailed ? ReconcileVerdict::kFailed : ReconcileVerdict::kSent, *best};
  }
  if (everyone_answered) {
    return {ReconcileVerdict::kResend, std::nullopt};
  }
  if (give_up_after.count() > 0 && now - claimed_at >= give_up_after) {
    return {ReconcileVerdict::kGiveUp, std::nullopt};
  }
  return {ReconcileVerdict::kAskLater, std::nullopt};
}

void ApplyReconcile(Message& message, const ReconcileDecision& decision, Instant now) {
  if (decision.verdict == ReconcileVerdict::kAskLater) {
    return;
  }
  const bool lost_answer = !message.attempt_log.empty() && message.attempt_log.back().fault == VendorFault::kUnknown;
  if (!lost_answer) {  // the process died before the answer: the call was never written down
    MessageAttempt attempt;
    attempt.channel = message.channel;
    attempt.vendor = message.provider;
    attempt.at = now;
    message.attempt_log.push_back(std::move(attempt));
    ++message.attempts;
  }
  MessageAttempt& attempt = message.attempt_log.back();
  switch (decision.verdict) {
    case ReconcileVerdict::kSent:
    case ReconcileVerdict::kFailed: {
      const VendorFinding& finding = *decision.finding;
      const bool sent = decision.verdict == ReconcileVerdict::kSent;
      attempt.vendor = finding.vendor;
      attempt.fault = sent ? VendorFault::kNone : VendorFault::kPermanent;
      attempt.code = finding.code;
      attempt.reason = finding.reason;
      attempt.provider_message_id = finding.provider_message_id;
      message.provider = finding.vendor;
      message.provider_message_id = finding.provider_message_id;
      message.status = sent ? MessageStatus::kSent : MessageStatus::kFailed;
      if (sent) {
        message.sent_at = attempt.at;  // when it went to the vendor, as far as we know
        message.failure_reason.clear();
      } else {
        message.failure_reason = finding.code + ": " + finding.reason;
      }
      return;
    }
    case ReconcileVerdict::kResend:
      attempt.fault = VendorFault::kTransient;
      attempt.code = "not_at_vendor";
      attempt.reason = "the vendor has no record of this message id: it never got it";
      message.status = MessageStatus::kQueued;
      message.failure_reason = attempt.code + ": " + attempt.reason;
      return;
    case ReconcileVerdict::kGiveUp:
      attempt.fault = VendorFault::kPermanent;
      attempt.code = "unreconciled";
      attempt.reason = "the vendor could not be asked whether it got the message";
      message.status = MessageStatus::kFailed;
      message.failure_reason = attempt.code + ": " + attempt.reason;
      return;
    case ReconcileVerdict::kAskLater: break;
  }
}

std::vector<std::string> VendorSendDays(Instant from, Instant to, int max_days) {
  static const TimeZone kChina("Asia/Shanghai");
  std::vector<std::string> days;
  Date day = kChina.DateAt(from);
  const Date last = kChina.DateAt(to);
  while (static_cast<int>(days.size()) < max_days && day.DaysSinceEpoch() <= last.DaysSinceEpoch()) {
    char text[9];
    std::snprintf(text, sizeof text, "%04d%02d%02d", day.year, day.month, day.day);
    days.emplace_back(text);
    day = day.PlusDays(1);
  }
  return days;
}

}  // namespace careloop::dispatch::domain
