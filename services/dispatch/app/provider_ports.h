#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

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
};

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
