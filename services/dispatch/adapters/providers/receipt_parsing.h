#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/dispatch/domain/receipts.h"

/// The vendors' delivery-report pushes, read into domain receipts, and the checks of where they
/// came from (docs/dispatch.md "Receipts"). No I/O: the HTTP route (adapters/receipt_http) feeds
/// these.
namespace careloop::dispatch::adapters {

/// Aliyun SmsReport (HTTP batch push): a JSON array of {out_id, biz_id, success, err_code,
/// err_msg, report_time "YYYY-MM-DD HH:MM:SS" China time, …}. nullopt when it is not that.
[[nodiscard]] std::optional<std::vector<domain::DeliveryReceipt>> ParseAliyunReport(std::string_view body);

/// Tencent SMS status callback: a JSON array of {sid, report_status SUCCESS|FAIL, errmsg,
/// description, user_receive_time, …}. nullopt when it is not that.
[[nodiscard]] std::optional<std::vector<domain::DeliveryReceipt>> ParseTencentCallback(std::string_view body);

/// A WeChat official-account event push (XML), the fields we read.
struct WeChatEvent final {
  std::string event;   ///< "TEMPLATESENDJOBFINISH", "subscribe", "unsubscribe", …
  std::string openid;  ///< FromUserName
  std::string msg_id;  ///< MsgID (template sends)
  std::string status;  ///< "success", "failed:user block", "failed: system failed"
  int64_t create_time = 0;
};
/// nullopt when the body is not an event push (no <MsgType>event</MsgType>).
[[nodiscard]] std::optional<WeChatEvent> ParseWeChatEvent(std::string_view xml);
/// A TEMPLATESENDJOBFINISH event as a receipt ("success" is delivered, anything else not).
[[nodiscard]] domain::DeliveryReceipt WeChatReceipt(const WeChatEvent& event);

/// WeChat's server check: signature == hex(sha1(the sorted concatenation of token, timestamp and
/// nonce)). False when the token is not configured.
[[nodiscard]] bool WeChatSignatureValid(std::string_view token, std::string_view timestamp, std::string_view nonce,
                                        std::string_view signature);

/// Aliyun and Tencent sign nothing in their pushes: the receiving URL carries a secret token we
/// configured there. True only when one is configured and `presented` equals it (constant time).
[[nodiscard]] bool SharedTokenValid(std::string_view configured, std::string_view presented);

}  // namespace careloop::dispatch::adapters
