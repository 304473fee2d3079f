#pragma once

#include <string>

#include "common/auth/auth.h"
#include "common/base/error.h"
#include "common/clock/clock.h"
#include "services/dispatch/app/receipt_ports.h"
#include "services/dispatch/domain/receipts.h"

namespace careloop::dispatch::app {

/// Delivery receipts: a vendor's report turns a sent message into delivered (MessageDelivered)
/// or failed (MessageFailed with the vendor's status). A receipt naming only a vendor id we do
/// not know yet is kept a short while (PendingReceipts) and applied when that send is recorded;
/// one for a message we never learn of is recorded nowhere else (the caller answers the vendor so
/// it stops retrying). A repeated receipt is harmless.
class ReceiptsApp final : public SendRecorded {
 public:
  ReceiptsApp(ReceiptLedger& ledger, FollowEvents& follows, const clock::Clock& clock)
      : ledger_(ledger), follows_(follows), clock_(clock) {}

  /// Where a receipt naming a vendor id not known yet is kept (Tencent and WeChat may push it
  /// before their answer to the send reaches us); without it such a receipt is dropped.
  void UsePendingReceipts(PendingReceipts& pending) { pending_ = &pending; }

  struct Handled final {
    std::string message_id;   ///< ours; empty when the receipt matched no message
    std::string customer_id;  ///< the message's customer
    domain::ReceiptEffect effect = domain::ReceiptEffect::kNotSent;
    bool matched = false;
  };

  /// A receipt whose origin was checked (the HTTP route checked the vendor's signature or token).
  /// INVALID_ARGUMENT naming the field for a receipt without a vendor or without any id;
  /// UNAVAILABLE while the message is still in flight (the receipt beat the vendor's answer).
  [[nodiscard]] Result<Handled> Receive(const domain::DeliveryReceipt& receipt);
  /// The same through ReceiveInbound(DELIVERY_RECEIPT): service identities and admins only.
  [[nodiscard]] Result<Handled> Receive(const auth::Principal& caller, const domain::DeliveryReceipt& receipt);

  /// A WeChat follow (subscribed) or unfollow push; false: not handled here.
  [[nodiscard]] bool Followed(const std::string& openid, bool subscribed, Instant at);

  /// A send was recorded: a receipt kept for its vendor id is applied now.
  void Recorded(const domain::Message& message) override;

 private:
  /// Applies a receipt kept for (vendor, provider id), if one is (and this caller takes it).
  void ApplyKept(const std::string& vendor, const std::string& provider_message_id);

  ReceiptLedger& ledger_;
  FollowEvents& follows_;
  const clock::Clock& clock_;
  PendingReceipts* pending_ = nullptr;
};

}  // namespace careloop::dispatch::app
