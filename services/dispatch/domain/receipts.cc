#include "services/dispatch/domain/receipts.h"

#include <algorithm>

namespace careloop::dispatch::domain {

std::string_view ReceiptEffectName(ReceiptEffect effect) {
  switch (effect) {
    case ReceiptEffect::kDelivered: return "delivered";
    case ReceiptEffect::kUndelivered: return "undelivered";
    case ReceiptEffect::kAlreadyKnown: return "already_known";
    case ReceiptEffect::kNotSent: return "not_sent";
  }
  return "unknown";
}

ReceiptEffect ApplyReceipt(Message& message, const DeliveryReceipt& receipt, Instant now) {
  if (message.status == MessageStatus::kDelivered ||
      (message.status == MessageStatus::kFailed && !message.receipt_code.empty())) {
    return ReceiptEffect::kAlreadyKnown;  // the first receipt settled it
  }
  if (message.status != MessageStatus::kSent) {
    return ReceiptEffect::kNotSent;
  }
  message.receipt_code =
      receipt.status_code.empty() ? (receipt.delivered ? "delivered" : "undelivered") : receipt.status_code;
  if (receipt.delivered) {
    message.status = MessageStatus::kDelivered;
    // The vendor's clock is not ours (nor the simulated one): a delivery is never before the send.
    message.delivered_at = receipt.at == Instant{} ? now : std::max(receipt.at, message.sent_at);
    return ReceiptEffect::kDelivered;
  }
  message.status = MessageStatus::kFailed;
  message.failure_reason = message.receipt_code + ": " + (receipt.reason.empty() ? "not delivered" : receipt.reason);
  return ReceiptEffect::kUndelivered;
}

}  // namespace careloop::dispatch::domain
