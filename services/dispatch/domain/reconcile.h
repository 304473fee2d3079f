#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/time.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::domain {

/// What a vendor says it knows about one of our sends, found by our message id (Aliyun OutId,
/// Tencent SessionContext). kNotFound: the vendor has no record of it, so it never got it.
enum class VendorSendState {
  kNotFound,
  kAccepted,   ///< accepted, no final report yet (Aliyun SendStatus 1)
  kDelivered,  ///< accepted and reported delivered (Aliyun 3, Tencent SUCCESS)
  kFailed,     ///< accepted and reported failed (Aliyun 2, Tencent FAIL): the vendor's reason
};
[[nodiscard]] std::string_view VendorSendStateName(VendorSendState state);

struct VendorFinding final {
  std::string vendor;  ///< "aliyun" or "tencent"
  VendorSendState state = VendorSendState::kNotFound;
  std::string provider_message_id;  ///< BizId / SerialNo of the found send
  std::string code;                 ///< the vendor's status code ("DELIVERED", "DELIVRD", an ErrCode)
  std::string reason;               ///< the vendor's text
  Instant reported_at{};            ///< when the vendor says it was delivered (or failed)
};

/// A message claimed for a vendor call whose answer was never recorded: the process died
/// between claim and answer, or the answer was lost (VendorFault::kUnknown).
struct InFlightSend final {
  Message message;       ///< as it was about to go out (after a lost answer: with that attempt)
  SendRequest cause;     ///< the request it was made for (a resend is queued with it)
  Instant claimed_at{};  ///< real time of the claim (the vendors' clock)
  /// Another id the vendor files this send under, when its sender used one instead of the message
  /// id (a batch call's id in Aliyun OutId / Tencent SessionContext); empty: none.
  std::string also_filed_as;
};

/// What to do with an in-flight send, from the vendors' answers.
enum class ReconcileVerdict {
  kSent,      ///< a vendor has it: record it sent (and delivered when it says so)
  kFailed,    ///< a vendor has it and reports it failed: record the failure with its reason
  kResend,    ///< no vendor has it: release it for a retry with the same message id
  kAskLater,  ///< a vendor could not be asked: leave it in flight, ask again on a later pass
  kGiveUp,    ///< could not be settled for `give_up_after`: fail it rather than risk a double send
};
[[nodiscard]] std::string_view ReconcileVerdictName(ReconcileVerdict verdict);

struct ReconcileDecision final {
  ReconcileVerdict verdict = ReconcileVerdict::kAskLater;
  std::optional<VendorFinding> finding;  ///< kSent / kFailed: what the vendor said
};

/// Decides from each asked vendor's finding (nullopt: that vendor could not be asked). Any vendor
/// holding the send settles it (delivered beats accepted beats failed, should two answer); no
/// vendor holding it settles it as never sent only when every vendor answered; otherwise it waits,
/// unless the send has been in flight `give_up_after` (zero: never give up).
[[nodiscard]] ReconcileDecision DecideReconcile(const std::vector<std::optional<VendorFinding>>& answers,
                                                Instant claimed_at, Instant now, Millis give_up_after);

/// The message after reconciliation: its lost attempt (the last one, when it is kUnknown) reads
/// what the vendor said, or, when the process died before any answer, such an attempt is added.
/// `verdict` kSent/kFailed take `finding`; kResend makes the attempt a transient failure ("the
/// vendor never got it"); kGiveUp a permanent one. Sets the message's provider, provider id,
/// status, attempts and failure reason accordingly; `now` is when this was learnt.
void ApplyReconcile(Message& message, const ReconcileDecision& decision, Instant now);

/// The days (yyyyMMdd in China time, the vendors' calendar) a send made between `from` and `to`
/// may be filed under, oldest first; at most `max_days`.
[[nodiscard]] std::vector<std::string> VendorSendDays(Instant from, Instant to, int max_days = 3);

}  // namespace careloop::dispatch::domain
