#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/time.h"

namespace careloop::dispatch::domain {

/// What a vendor's answer to a send means for us. The provider adapters map each vendor's codes
/// onto these (docs/dispatch.md "Vendor codes"); what to do next is decided here.
enum class VendorFault {
  kNone,       ///< accepted
  kThrottled,  ///< "not now": a rate limit; wait the vendor's window, not a failure
  kTransient,  ///< timeout, 5xx, the vendor's own trouble: retry with backoff, then fail over
  kPermanent,  ///< bad number, unfollowed, template rejected: fail at once with the vendor's reason
  /// The answer was lost after the request may have reached the vendor (read timeout, a torn
  /// connection, an unreadable 2xx): accepted or not is unknown. An SMS is not sent again on its
  /// own: it stays in flight until the reconciler asked the vendor (docs/dispatch.md
  /// "Reconciliation"). WeChat dedupes on client_msg_id, so a WeChat send retries like kTransient.
  kUnknown,
};

[[nodiscard]] std::string_view VendorFaultName(VendorFault fault);
[[nodiscard]] std::optional<VendorFault> ParseVendorFault(std::string_view name);

/// One call to a vendor for a message: every call is kept with the message, in order.
struct MessageAttempt final {
  std::string channel;  ///< "sms" or "wechat"
  std::string vendor;   ///< "aliyun", "tencent" or "wechat"
  Instant at{};
  VendorFault fault = VendorFault::kNone;  ///< kNone: the vendor accepted it
  std::string code;                        ///< the vendor's code ("isv.BUSINESS_LIMIT_CONTROL", "wechat_43004")
  std::string reason;                      ///< the vendor's text
  std::string provider_message_id;         ///< the vendor's id of an accepted send
};

/// How a message is retried after a vendor said no.
struct RetryRules final {
  int max_failures = 5;          ///< transient failures after which the message fails for good
  Millis backoff{60'000};        ///< before the 2nd try; doubled after every further transient failure
  Millis throttle_wait{60'000};  ///< a throttled send waits this when the vendor names no window
  /// Consecutive transient failures on one SMS vendor after which the message's next try goes to
  /// the other vendor (when there is one).
  int failover_after = 1;
};

enum class NextStep {
  kDone,        ///< accepted: record it sent
  kRetryLater,  ///< release the claim and try again at `not_before`
  kFail,        ///< fail for good with the vendor's reason
  kReconcile,   ///< the answer was lost: keep the claim, the reconciler asks the vendor
};

struct AfterAttempt final {
  NextStep step = NextStep::kDone;
  Instant not_before{};
};

/// Transient failures among `history` (throttled answers do not count).
[[nodiscard]] int TransientFailures(const std::vector<MessageAttempt>& history);

/// What to do after `history`'s last attempt (made at `now`): accepted → done; permanent → fail;
/// throttled → retry after `vendor_window` (or the rules' wait when the vendor named none),
/// never counted towards failing; transient → retry with doubling backoff until `max_failures`
/// transient failures, then fail; unknown (the answer lost) → reconcile, except on WeChat, which
/// dedupes a re-send with the same client_msg_id and so retries as transient. An empty history
/// is a transient failure before any call.
[[nodiscard]] AfterAttempt DecideAfter(const std::vector<MessageAttempt>& history, Millis vendor_window, Instant now,
                                       const RetryRules& rules);

/// The SMS vendor the next try of a message should avoid: the vendor of its last attempts when
/// they are `failover_after` (or more) consecutive transient failures on it; empty otherwise.
[[nodiscard]] std::string VendorToAvoid(const std::vector<MessageAttempt>& history, int failover_after);

}  // namespace careloop::dispatch::domain
