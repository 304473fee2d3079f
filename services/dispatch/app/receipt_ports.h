#pragma once

#include <optional>
#include <string>

#include "common/base/time.h"
#include "services/dispatch/domain/message.h"
#include "services/dispatch/domain/receipts.h"

namespace careloop::dispatch::app {

/// Port: the ledger as receipts see it.
class ReceiptLedger {
 public:
  virtual ~ReceiptLedger() = default;
  [[nodiscard]] virtual std::optional<domain::Message> Find(const std::string& message_id) = 0;
  /// Our message id for a vendor's id of an accepted send (Tencent sid, WeChat MsgID).
  [[nodiscard]] virtual std::optional<std::string> ByProviderId(const std::string& vendor,
                                                                const std::string& provider_message_id) = 0;
  /// Stores `message` as a receipt left it (delivered, or failed) with MessageDelivered (state
  /// DELIVERED, or UNDELIVERED plus MessageFailed), atomically and once per message: false when a
  /// receipt was recorded for it before, in which case nothing is written.
  [[nodiscard]] virtual bool RecordReceipt(const domain::Message& message) = 0;
  /// Whether the message is claimed and its vendor call not recorded yet (a receipt that beats
  /// the vendor's answer to us).
  [[nodiscard]] virtual bool InFlight(const std::string& message_id) = 0;
  /// Our message id for a number of a vendor batch (app::BatchRecords wrote it before the call);
  /// nullopt when unknown. The default (a ledger without batch sends) knows none.
  [[nodiscard]] virtual std::optional<std::string> ByBatch(const std::string& /*vendor*/,
                                                           const std::string& /*batch_id*/,
                                                           const std::string& /*phone*/) {
    return std::nullopt;
  }
};

/// Port: receipts that name a vendor id (Tencent sid, WeChat MsgID) before the send's answer told
/// us that id. Kept for a short while, keyed by vendor and vendor id, and taken once.
class PendingReceipts {
 public:
  virtual ~PendingReceipts() = default;
  /// Keeps `receipt` (its vendor and provider_message_id set) until Take or its time runs out.
  virtual void Keep(const domain::DeliveryReceipt& receipt) = 0;
  /// The kept receipt for that vendor id, removed as it is read: one caller gets it.
  [[nodiscard]] virtual std::optional<domain::DeliveryReceipt> Take(const std::string& vendor,
                                                                    const std::string& provider_message_id) = 0;
};

/// Port: told each time a send is recorded as accepted by the vendor (DispatchApp::Settle), so a
/// receipt that arrived first is applied now.
class SendRecorded {
 public:
  virtual ~SendRecorded() = default;
  virtual void Recorded(const domain::Message& message) = 0;
};

/// Port: WeChat follow / unfollow pushes arriving on the receipt route. Follow state is kept
/// elsewhere; main.cc wires the implementation. `false`: not handled (nobody keeps follow state
/// in this deployment), which the route answers so WeChat does not retry.
class FollowEvents {
 public:
  virtual ~FollowEvents() = default;
  [[nodiscard]] virtual bool Followed(const std::string& openid, bool subscribed, Instant at) = 0;
};

/// The FollowEvents of a deployment without follow state: every push is "not handled".
class UnhandledFollowEvents final : public FollowEvents {
 public:
  [[nodiscard]] bool Followed(const std::string& /*openid*/, bool /*subscribed*/, Instant /*at*/) override {
    return false;
  }
};

}  // namespace careloop::dispatch::app
