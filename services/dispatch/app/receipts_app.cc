#include "services/dispatch/app/receipts_app.h"

#include "common/log/log.h"
#include "services/dispatch/app/batch_ports.h"

namespace careloop::dispatch::app {

Result<ReceiptsApp::Handled> ReceiptsApp::Receive(const auth::Principal& caller,
                                                  const domain::DeliveryReceipt& receipt) {
  if (Status role = caller.RequireRole({auth::Role::kService, auth::Role::kAdmin}); !role.ok()) {
    return role.error();
  }
  return Receive(receipt);
}

Result<ReceiptsApp::Handled> ReceiptsApp::Receive(const domain::DeliveryReceipt& receipt) {
  if (receipt.vendor != "aliyun" && receipt.vendor != "tencent" && receipt.vendor != "wechat") {
    return InvalidArgument("provider", "must be aliyun, tencent or wechat, got '" + receipt.vendor + "'");
  }
  if (receipt.message_id.empty() && receipt.provider_message_id.empty()) {
    return InvalidArgument("correlation_id", "a receipt names our message id or the vendor's (provider_message_id)");
  }
  Handled handled;
  std::string message_id = receipt.message_id;
  if (message_id.empty()) {
    message_id = ledger_.ByProviderId(receipt.vendor, receipt.provider_message_id).value_or("");
  }
  if (message_id.starts_with(kBatchIdPrefix) && !receipt.phone.empty()) {
    // A batch send's receipt names the vendor call and the number (app/campaign_batches.h).
    message_id = ledger_.ByBatch(receipt.vendor, message_id, receipt.phone).value_or("");
  }
  auto message = message_id.empty() ? std::nullopt : ledger_.Find(message_id);
  if (!message_id.empty() && (!message || message->status != domain::MessageStatus::kSent) &&
      ledger_.InFlight(message_id)) {
    // The receipt beat the vendor's answer to us: the vendor is asked to push it again later.
    return Error{ErrorCode::kUnavailable, "message_id", "message '" + message_id + "' is still being sent"};
  }
  if (!message && message_id.empty() && pending_ != nullptr) {
    // Tencent and WeChat name only their own id, which we learn from their answer to the send:
    // the receipt may have beaten it. Kept until that send is recorded (Recorded), then applied;
    // checked again here in case the send was recorded meanwhile.
    pending_->Keep(receipt);
    log::Info("receipt kept until its send is recorded",
              {{"vendor", receipt.vendor}, {"provider_message_id", receipt.provider_message_id}});
    if (ledger_.ByProviderId(receipt.vendor, receipt.provider_message_id)) {
      ApplyKept(receipt.vendor, receipt.provider_message_id);
    }
    return handled;  // answered as received
  }
  if (!message) {
    log::Warn("receipt for no known message", {{"vendor", receipt.vendor},
                                               {"message_id", receipt.message_id},
                                               {"provider_message_id", receipt.provider_message_id}});
    return handled;  // answered as received: the vendor must not retry it forever
  }
  handled.matched = true;
  handled.message_id = message->message_id;
  handled.customer_id = message->customer_id;
  handled.effect = domain::ApplyReceipt(*message, receipt, clock_.Now());
  if ((handled.effect == domain::ReceiptEffect::kDelivered || handled.effect == domain::ReceiptEffect::kUndelivered) &&
      !ledger_.RecordReceipt(*message)) {
    handled.effect = domain::ReceiptEffect::kAlreadyKnown;  // another instance recorded one first
  }
  log::Info("receipt", {{"message_id", handled.message_id},
                        {"vendor", receipt.vendor},
                        {"status", receipt.status_code},
                        {"effect", std::string(domain::ReceiptEffectName(handled.effect))}});
  return handled;
}

void ReceiptsApp::Recorded(const domain::Message& message) {
  if (pending_ != nullptr && !message.provider_message_id.empty()) {
    ApplyKept(message.provider, message.provider_message_id);
  }
}

void ReceiptsApp::ApplyKept(const std::string& vendor, const std::string& provider_message_id) {
  auto kept = pending_->Take(vendor, provider_message_id);
  if (!kept) {
    return;
  }
  auto applied = Receive(*kept);
  if (!applied.ok()) {
    // The vendor was answered long ago: the receipt cannot be pushed again, so it is logged.
    log::Warn(
        "kept receipt not applied",
        {{"vendor", vendor}, {"provider_message_id", provider_message_id}, {"error", applied.error().ToString()}});
  }
}

bool ReceiptsApp::Followed(const std::string& openid, bool subscribed, Instant at) {
  return follows_.Followed(openid, subscribed, at == Instant{} ? clock_.Now() : at);
}

}  // namespace careloop::dispatch::app
