#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/time.h"
#include "services/dispatch/domain/vendor_faults.h"

namespace careloop::dispatch::app {

/// One SMS to hand to a vendor. `message_id` is our deterministic id; adapters put it in the
/// vendor's correlation field (Aliyun `OutId`, Tencent `SessionContext`) so a send can be traced.
struct OutboundSms final {
  std::string message_id;
  std::string phone;          ///< E.164 without '+', or an 11-digit mainland mobile.
  std::string sign_name;      ///< The registered SMS signature (签名), e.g. "星途汽车".
  std::string template_code;  ///< The vendor's template code / id.
  /// Template parameters by name. Tencent templates are positional: adapters send the values
  /// in the order of `param_order`.
  std::map<std::string, std::string> params;
  std::vector<std::string> param_order;
  /// A vendor that failed this message transiently (domain::VendorToAvoid): a sender with a
  /// second vendor (app::SmsFailover) tries the other one. Empty: no preference.
  std::string avoid_provider;
};

/// One WeChat official-account template message.
struct OutboundWeChat final {
  std::string message_id;  ///< Sent as `client_msg_id`, which WeChat dedupes on.
  std::string openid;
  std::string template_id;
  std::string url;
  std::map<std::string, std::string> data;  ///< keyword name → value
};

/// What a vendor said about a send. `retryable` separates throttling, timeouts and 5xx
/// (try again later with the same message id) from permanent rejections.
struct SendOutcome final {
  bool accepted = false;
  bool retryable = false;
  std::string provider_message_id;  ///< Aliyun BizId, Tencent SerialNo, WeChat msgid.
  std::string error_code;
  std::string error_message;
  /// The adapters' classification of the vendor's answer (docs/dispatch.md "Vendor codes").
  /// kNone on a rejection means "unclassified": FaultOf() falls back to `retryable`.
  domain::VendorFault fault = domain::VendorFault::kNone;
  /// For a throttled send: the vendor's window (how long to wait); zero when it names none.
  Millis retry_after{0};
  /// The vendor that answered, when the sender picks among several (app::SmsFailover); empty
  /// means the sender's own Provider(). "none" means no vendor was called (every breaker open).
  std::string provider;
};

/// What an outcome means: accepted, or the adapter's classification, or (for senders that do not
/// classify) transient when retryable, else permanent.
[[nodiscard]] inline domain::VendorFault FaultOf(const SendOutcome& outcome) {
  if (outcome.accepted) {
    return domain::VendorFault::kNone;
  }
  if (outcome.fault != domain::VendorFault::kNone) {
    return outcome.fault;
  }
  return outcome.retryable ? domain::VendorFault::kTransient : domain::VendorFault::kPermanent;
}

/// Port: a vendor that sends SMS. Implementations must be safe to call from several threads.
class SmsSender {
 public:
  virtual ~SmsSender() = default;
  /// Provider name as recorded in the ledger and events: "aliyun" or "tencent".
  [[nodiscard]] virtual std::string_view Provider() const = 0;
  [[nodiscard]] virtual SendOutcome Send(const OutboundSms& sms) = 0;
};

/// Port: WeChat template messages. Implementations cache the access token and refresh it.
class WeChatSender {
 public:
  virtual ~WeChatSender() = default;
  [[nodiscard]] virtual SendOutcome Send(const OutboundWeChat& message) = 0;
};

}  // namespace careloop::dispatch::app
