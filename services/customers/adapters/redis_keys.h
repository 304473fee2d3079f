#pragma once

#include <string>
#include <string_view>

namespace careloop::customers::adapters::keys {

// The customers service's whole Redis key schema. Prefix `cl:cust:` so services can share a
// Redis in small deployments.

/// String: the customer record (careloop.customer.v1.Customer, vehicles embedded).
inline std::string Customer(const std::string& id) {
  return "cl:cust:c:" + id;
}
/// String: the customer's history (careloop.customer.v1.StoredHistory): visits, policies,
/// inspections, referrals, purchases, packages, complaints, odometer readings, segment changes.
inline std::string History(const std::string& customer_id) {
  return "cl:cust:h:" + customer_id;
}
/// String indexes → customer id.
inline std::string ByMobile(const std::string& mobile) {
  return "cl:cust:idx:mobile:" + mobile;
}
inline std::string ByVin(const std::string& vin) {
  return "cl:cust:idx:vin:" + vin;
}
inline std::string ByPlate(const std::string& plate) {
  return "cl:cust:idx:plate:" + plate;
}
/// List: a customer's consent history, oldest first (careloop.customer.v1.ChannelConsent).
inline std::string ConsentLog(const std::string& customer_id) {
  return "cl:cust:consent-log:" + customer_id;
}
/// String: what a request id produced (idempotent retries of commands), kept 7 days.
inline std::string Request(const std::string& request_id) {
  return "cl:cust:req:" + request_id;
}
/// Sorted sets: customers due for reclassification (business ms) and the claims on them.
inline constexpr const char* kReclassify = "cl:cust:reclassify";
inline constexpr const char* kReclassifyLeases = "cl:cust:reclassify-leases";
/// Set: a store's customers filed under a facet (domain/search.h), e.g. ("S001", "city", "杭州市");
/// ("S001", "all", "") is every customer of the store.
inline std::string Facet(const std::string& store_id, std::string_view name, std::string_view value) {
  return "cl:cust:f:" + store_id + ":" + std::string(name) + ":" + std::string(value);
}
/// Sorted set, every score 0: a store's customers in id order (the members of its ("all", "")
/// facet), read a page at a time with ZRANGEBYLEX. Written with the facet in the same atomic
/// step; filled in from the facet for data older than the index (StoreIdsBackfill).
inline std::string StoreIds(const std::string& store_id) {
  return "cl:cust:ids:" + store_id;
}
/// String: how far the store's id index has been filled in from its "all" facet — an SSCAN
/// cursor, or "done". Searches use the index only once it is "done".
inline std::string StoreIdsBackfill(const std::string& store_id) {
  return "cl:cust:ids-backfill:" + store_id;
}
/// Sorted set: a store's customers by a dated facet, scored by days since epoch; the member is
/// the customer id, or "<customer id>|<key>" when a customer has several dates (one per car).
inline std::string DatedFacet(const std::string& store_id, std::string_view name) {
  return "cl:cust:d:" + store_id + ":" + std::string(name);
}
/// Scratch keys of the search script (created and deleted inside one script run).
inline constexpr const char* kSearchScratch = "cl:cust:tmp:search:";
/// List: contacts reported by dispatch, newest first, capped (timeline).
inline std::string Contacts(const std::string& customer_id) {
  return "cl:cust:contacts:" + customer_id;
}
inline constexpr int kTimelineListCap = 1000;
/// String (with a TTL): the first copy of one contact dispatch reported — `token` is a digest of
/// its message id and what happened — so a redelivered event adds nothing.
inline std::string ContactSeen(const std::string& token) {
  return "cl:cust:contact-seen:" + token;
}
/// How long a contact's first copy is remembered (redeliveries come within minutes).
inline constexpr int kContactSeenSeconds = 30 * 24 * 3600;
/// Reports. Hash: a store's counts at a month's end (field = domain FigureQuery name); string:
/// the store's latest snapshot month; hash: churn movements counted as they happen in a month;
/// set: referral ids whose referred person bought in a month.
inline std::string Snapshot(const std::string& store_id, const std::string& month) {
  return "cl:cust:report:snapshot:" + store_id + ":" + month;
}
inline std::string LastSnapshot(const std::string& store_id) {
  return "cl:cust:report:last:" + store_id;
}
inline std::string Movements(const std::string& store_id, const std::string& month) {
  return "cl:cust:report:moves:" + store_id + ":" + month;
}
inline std::string ReferralPurchases(const std::string& store_id, const std::string& month) {
  return "cl:cust:report:referrals:" + store_id + ":" + month;
}
/// Stream: the transactional outbox, published by the relay.
inline constexpr const char* kOutbox = "cl:cust:outbox";

inline constexpr int kRequestTtlSeconds = 7 * 24 * 3600;

}  // namespace careloop::customers::adapters::keys
