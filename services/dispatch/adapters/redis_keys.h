#pragma once

#include <string>

namespace careloop::dispatch::adapters::keys {

// The dispatch service's Redis key schema (prefix `cl:disp:`). Dispatch keeps no phone
// numbers: it looks them up by customer id for every send.

/// String: a message (careloop.dispatch.v1.Message).
inline std::string Message(const std::string& id) {
  return "cl:disp:m:" + id;
}
/// Hash: the request a message was made for (for deferred and retried sends).
inline std::string Cause(const std::string& id) {
  return "cl:disp:cause:" + id;
}
/// String, set NX before the provider call: only one sender per message id, ever.
inline std::string Claim(const std::string& id) {
  return "cl:disp:claim:" + id;
}
/// Sorted sets: deferred/retried message ids by not-before (business ms), and their leases.
inline constexpr const char* kDeferred = "cl:disp:deferred";
inline constexpr const char* kDeferredLeases = "cl:disp:deferred-leases";
/// Sorted set: a customer's sent message ids by send time (the frequency cap's window).
inline std::string SentTo(const std::string& customer_id) {
  return "cl:disp:sent:" + customer_id;
}
/// Sorted sets: message ids by creation time, per customer and per store.
inline std::string OfCustomer(const std::string& customer_id) {
  return "cl:disp:cust:" + customer_id;
}
inline std::string OfStore(const std::string& store_id) {
  return "cl:disp:store:" + store_id;
}
/// String: a customer reply (careloop.dispatch.v1.InboundReplyReceived, the published form:
/// no sender, no text); its existence makes a provider's retry a no-op. Kept 90 days.
inline std::string Inbound(const std::string& inbound_id) {
  return "cl:disp:in:" + inbound_id;
}
inline constexpr int kInboundTtlDays = 90;
/// String: our message id for a vendor's id of an accepted send (receipts name only theirs).
inline std::string ByProviderId(const std::string& vendor, const std::string& provider_message_id) {
  return "cl:disp:pmid:" + vendor + ":" + provider_message_id;
}
/// String, set with the first receipt of a message: a repeated receipt writes nothing.
inline std::string Receipt(const std::string& id) {
  return "cl:disp:receipt:" + id;
}
/// Sorted set: message ids claimed for a vendor call and not settled yet, by the real time (ms)
/// of the claim; and the reconcilers' leases on them (docs/dispatch.md "Reconciliation").
inline constexpr const char* kInFlight = "cl:disp:inflight";
inline constexpr const char* kInFlightLeases = "cl:disp:inflight-leases";
/// Hash: an in-flight send — `message` (careloop.dispatch.v1.Message as about to go out),
/// `claimed_ms` (real time), `filed_as` (another id the vendor files it under, a batch call's);
/// its cause is kept beside it in InFlightCause.
inline std::string InFlight(const std::string& id) {
  return "cl:disp:inflight:m:" + id;
}
inline std::string InFlightCause(const std::string& id) {
  return "cl:disp:inflight:cause:" + id;
}
/// String, expiring: a receipt naming a vendor id no send has recorded yet (it beat the vendor's
/// answer to us), kept until that send is recorded (app::PendingReceipts).
inline std::string PendingReceipt(const std::string& vendor, const std::string& provider_message_id) {
  return "cl:disp:receipt-pending:" + vendor + ":" + provider_message_id;
}
/// Campaign batch sends (adapters/redis_batch_queue.h): the leased queue of requests by enqueue
/// time, its leases, each request (hash), and a vendor batch's numbers (hash phone → message id).
inline constexpr const char* kBatchQueue = "cl:disp:batchq";
inline constexpr const char* kBatchLeases = "cl:disp:batchq-leases";
inline std::string BatchCause(const std::string& message_id) {
  return "cl:disp:batchq-cause:" + message_id;
}
inline std::string Batch(const std::string& vendor, const std::string& batch_id) {
  return "cl:disp:batch:" + vendor + ":" + batch_id;
}
/// Stream: the transactional outbox.
inline constexpr const char* kOutbox = "cl:disp:outbox";

}  // namespace careloop::dispatch::adapters::keys
