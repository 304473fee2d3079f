#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "careloop/customer/v1/storage.pb.h"
#include "common/redis/client.h"
#include "services/customers/app/ports.h"

namespace careloop::customers::adapters {

/// Parses `bytes` as `Message`; false when they are not a valid encoding.
template <typename Message>
[[nodiscard]] bool ParseInto(std::string_view bytes, Message& out) {
  return out.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

/// One history item as stored (a timeline entry holding its record) and the event that announces it.
struct StoredItem final {
  careloop::customer::v1::TimelineEntry entry;  ///< the item as stored (KeyOf identifies it)
  std::unique_ptr<google::protobuf::Message> event;
  std::vector<redis::Command> also;  ///< report counters the item feeds
};

/// `item` of `owner` as stored and announced at `now`.
[[nodiscard]] StoredItem Store(const domain::Customer& owner, const app::CustomerRepository::HistoryItem& item,
                               Instant now);

/// The customer's stored history (empty when nil); throws for corrupt bytes.
[[nodiscard]] careloop::customer::v1::StoredHistory ParseStoredHistory(const redis::Reply& reply);

/// What identifies a history entry: "<kind>:<id>"; a later item with the same key replaces it.
/// Empty for entries that are never replaced (segment changes).
[[nodiscard]] std::string KeyOf(const careloop::customer::v1::TimelineEntry& entry);

/// The stored history as the domain's History (visits in date order).
[[nodiscard]] domain::History ToHistory(const careloop::customer::v1::StoredHistory& stored,
                                        const std::string& customer_id);

/// A timeline entry of `kind` at `at` with `summary` and no detail.
[[nodiscard]] careloop::customer::v1::TimelineEntry Entry(careloop::customer::v1::TimelineEntryKind kind, Instant at,
                                                          const std::string& summary);

/// How a classification moved, in words for the timeline ("churn stage active -> at_risk; …").
[[nodiscard]] std::string DescribeSegment(const std::optional<domain::Classification>& before,
                                          const domain::Classification& after);

}  // namespace careloop::customers::adapters
