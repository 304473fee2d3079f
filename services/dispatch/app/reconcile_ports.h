#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/dispatch/domain/reconcile.h"

namespace careloop::dispatch::app {

/// What to ask a vendor: one of our sends, by our message id (the correlation id every send
/// carries: Aliyun OutId, Tencent SessionContext), to the customer's number, made between
/// `sent_from` and `sent_to` (real time: the vendors file sends by their own clock).
struct StatusQuery final {
  std::string message_id;
  std::string also_filed_as;  ///< matched like the message id when set (InFlightSend::also_filed_as)
  std::string phone;          ///< the customer's mobile; never logged
  Instant sent_from{};
  Instant sent_to{};
};

/// Port: a vendor's record of our sends (Aliyun QuerySendDetails, Tencent
/// PullSmsSendStatusByPhoneNumber). A send the vendor has no record of is kNotFound; UNAVAILABLE
/// when the vendor cannot be asked right now (timeout, 5xx, throttled, an answer we cannot read).
class SendStatusQuery {
 public:
  virtual ~SendStatusQuery() = default;
  /// The vendor's name as SmsSender::Provider() names it: "aliyun" or "tencent".
  [[nodiscard]] virtual std::string_view Provider() const = 0;
  [[nodiscard]] virtual Result<domain::VendorFinding> Find(const StatusQuery& query) = 0;
};

/// Port: the ledger's in-flight sends (written by MessageLedger::Claim, removed when the send
/// is settled). Ages run on real time, like leases: the vendors live in real time.
class InFlightSends {
 public:
  virtual ~InFlightSends() = default;
  /// Claims up to `limit` sends in flight for at least `older_than` (or whose earlier lease ran
  /// out), each leased for `lease`: two reconcilers never take the same send.
  [[nodiscard]] virtual std::vector<std::string> ClaimStale(Millis older_than, Millis lease, int limit) = 0;
  /// The send as claimed; nullopt when it is no longer in flight (settled meanwhile).
  [[nodiscard]] virtual std::optional<domain::InFlightSend> Find(const std::string& message_id) = 0;
  /// Ends the lease of a send that stays in flight: it is looked at again `older_than` from now.
  virtual void AskLater(const std::string& message_id) = 0;
  /// A sender that files the send at the vendor under another id (a batch call's id) names it
  /// here before calling the vendor, so the reconciler matches it too. Nothing when the send is
  /// no longer in flight.
  virtual void NoteFiledAs(const std::string& message_id, const std::string& correlation_id) = 0;
};

/// Port: counts what reconciliation decided (main.cc exposes them in metrics).
class ReconcileObserver {
 public:
  virtual ~ReconcileObserver() = default;
  virtual void Reconciled(domain::ReconcileVerdict verdict) = 0;
};

}  // namespace careloop::dispatch::app
