#pragma once

#include <string>
#include <string_view>

#include "common/base/time.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::domain {

/// A vendor's delivery report for one message: Aliyun SmsReport, Tencent's status callback,
/// WeChat's TEMPLATESENDJOBFINISH event, or ReceiveInbound(DELIVERY_RECEIPT).
struct DeliveryReceipt final {
  std::string vendor;               ///< "aliyun", "tencent" or "wechat"
  std::string message_id;           ///< ours, when the vendor echoes it (Aliyun out_id); else empty
  std::string provider_message_id;  ///< the vendor's (BizId, SerialNo/sid, MsgID)
  bool delivered = false;
  std::string status_code;  ///< the vendor's, e.g. "DELIVERED", "DELIVRD", "failed:user block"
  std::string reason;       ///< the vendor's text
  Instant at{};             ///< when the vendor says it happened; unset: when it arrived
  /// The number it went to, when the vendor names it (Aliyun phone_number): a batch send's receipt
  /// names the batch (message_id is then our batch id) and the number. Never logged.
  std::string phone;
};

/// What a receipt does to its message.
enum class ReceiptEffect {
  kDelivered,     ///< sent → delivered
  kUndelivered,   ///< sent → failed, with the vendor's status as the reason
  kAlreadyKnown,  ///< a repeated receipt (or a late one after another): nothing changes
  kNotSent,       ///< the message never went out (queued, deferred, suppressed): ignored
};
[[nodiscard]] std::string_view ReceiptEffectName(ReceiptEffect effect);

/// Applies `receipt` to `message` (its status, delivered_at, receipt_code, failure_reason) and
/// says what it did; `now` stands in for a receipt without a time, and a receipt dated before the
/// send (the vendor's clock is not ours) counts as delivered when sent.
[[nodiscard]] ReceiptEffect ApplyReceipt(Message& message, const DeliveryReceipt& receipt, Instant now);

}  // namespace careloop::dispatch::domain
