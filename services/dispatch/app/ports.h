#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::app {

/// What ContactDirectory::LookupMany found: the contacts, and the ids nobody has on record.
struct ContactBatch final {
  std::vector<domain::Contact> found;
  std::vector<std::string> not_found;
};

/// Port: contact details by customer id (the customers service). NOT_FOUND for an unknown
/// customer; UNAVAILABLE when the directory cannot be asked right now.
class ContactDirectory {
 public:
  virtual ~ContactDirectory() = default;
  [[nodiscard]] virtual Result<domain::Contact> Lookup(const std::string& customer_id) = 0;
  /// The customer with this mobile number; nullopt when nobody has it.
  [[nodiscard]] virtual Result<std::optional<domain::Contact>> FindByMobile(const std::string& mobile) = 0;
  /// Many customers at once (campaign batches): the contacts found and the ids with no record.
  /// An error (UNAVAILABLE) means none could be asked. The default asks Lookup for each id.
  [[nodiscard]] virtual Result<ContactBatch> LookupMany(const std::vector<std::string>& customer_ids) {
    ContactBatch batch;
    for (const auto& id : customer_ids) {
      auto contact = Lookup(id);
      if (contact.ok()) {
        batch.found.push_back(std::move(contact).value());
      } else if (contact.error().code == ErrorCode::kNotFound) {
        batch.not_found.push_back(id);
      } else {
        return contact.error();
      }
    }
    return batch;
  }
};

/// Port: whether a message's cause still wants it, asked right before sending (a reminder is
/// wanted while it is due: not answered by a visit, cancelled or missed). UNAVAILABLE when its
/// owner cannot be asked right now (the send waits and is tried again).
class CauseCheck {
 public:
  virtual ~CauseCheck() = default;
  [[nodiscard]] virtual Result<bool> StillWanted(const domain::SendRequest& request) = 0;
  /// StillWanted for many requests at once (a campaign batch's pass): one answer per request, in
  /// their order. An error (UNAVAILABLE) means none could be asked. The default asks StillWanted
  /// for each.
  [[nodiscard]] virtual Result<std::vector<bool>> StillWantedMany(const std::vector<domain::SendRequest>& requests) {
    std::vector<bool> wanted;
    wanted.reserve(requests.size());
    for (const auto& request : requests) {
      auto one = StillWanted(request);
      if (!one.ok()) {
        return one.error();
      }
      wanted.push_back(one.value());
    }
    return wanted;
  }
};

/// Port: the message ledger. Every state change is one atomic write together with the event
/// that announces it (MessageSent, MessageDeferred, MessageSuppressed, MessageFailed).
class MessageLedger {
 public:
  virtual ~MessageLedger() = default;

  [[nodiscard]] virtual std::optional<domain::Message> Find(const std::string& message_id) = 0;
  /// The request a deferred or retried message was made for.
  [[nodiscard]] virtual std::optional<domain::SendRequest> Cause(const std::string& message_id) = 0;

  /// Stores `message` as deferred until message.not_before and queues it (with its cause).
  virtual void Defer(const domain::Message& message, const domain::SendRequest& cause) = 0;
  /// Records a message that will not be sent, and why.
  virtual void Suppress(const domain::Message& message) = 0;
  /// Claims the right to call the provider for `message.message_id`. Only one caller ever gets
  /// true, until Retry() releases it: this is what makes a replay send nothing twice. The same
  /// atomic step records the send as in flight (the message as it is about to go out, its cause,
  /// the real time of the claim) until RecordSent, RecordFailed, Retry or Suppress settles it; a
  /// send never settled (the process died, the answer was lost) is found there by the reconciler
  /// (docs/dispatch.md "Reconciliation").
  [[nodiscard]] virtual bool Claim(const domain::Message& message, const domain::SendRequest& cause) = 0;
  /// Keeps a claimed message in flight after its vendor's answer was lost (VendorFault::kUnknown):
  /// stores `message` (with that attempt) and leaves the claim, so nothing resends it until the
  /// reconciler asked the vendor. No event: nothing is known yet.
  virtual void AwaitReconcile(const domain::Message& message) = 0;
  /// Records an accepted send and counts it against the customer's frequency cap.
  virtual void RecordSent(const domain::Message& message) = 0;
  /// Records a permanent failure (the claim stays: it is never sent automatically again).
  virtual void RecordFailed(const domain::Message& message) = 0;
  /// Releases the claim and queues the message again at message.not_before (a retryable failure).
  virtual void Retry(const domain::Message& message, const domain::SendRequest& cause) = 0;

  /// Messages sent to the customer since `since` (for the frequency cap).
  [[nodiscard]] virtual int CountSentSince(const std::string& customer_id, Instant since) = 0;
  /// Claims deferred messages whose time has come (atomic across instances, leased).
  [[nodiscard]] virtual std::vector<std::string> ClaimDeferred(Instant now, Millis lease, int limit) = 0;
  /// Releases the lease of a deferred message that was handled.
  virtual void ReleaseDeferred(const std::string& message_id) = 0;

  /// Records a customer's reply and publishes InboundReplyReceived, atomically; false when the
  /// same reply (inbound id) was recorded before, in which case nothing is written.
  [[nodiscard]] virtual bool RecordInbound(const domain::InboundReply& reply) = 0;

  [[nodiscard]] virtual std::vector<domain::Message> ListByCustomer(const std::string& customer_id, size_t limit) = 0;
  [[nodiscard]] virtual std::vector<domain::Message> ListByStore(const std::string& store_id, size_t limit) = 0;
};

}  // namespace careloop::dispatch::app
