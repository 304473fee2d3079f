#include "services/dispatch/adapters/redis_pending_receipts.h"

#include <charconv>
#include <vector>

#include "services/dispatch/adapters/redis_keys.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr char kSeparator = '\x1f';
constexpr std::size_t kFields = 7;

std::vector<std::string_view> Split(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t at = text.find(kSeparator); at != std::string_view::npos; at = text.find(kSeparator, start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

std::string EncodePendingReceipt(const domain::DeliveryReceipt& receipt) {
  const auto at_ms = std::chrono::duration_cast<Millis>(receipt.at.time_since_epoch()).count();
  std::string out;
  for (const std::string& field : {receipt.vendor, receipt.message_id, receipt.provider_message_id,
                                   std::string(receipt.delivered ? "1" : "0"), receipt.status_code, receipt.reason}) {
    out += field;
    out += kSeparator;
  }
  return out + std::to_string(at_ms);
}

std::optional<domain::DeliveryReceipt> DecodePendingReceipt(std::string_view stored) {
  const auto parts = Split(stored);
  if (parts.size() != kFields || (parts[3] != "0" && parts[3] != "1")) {
    return std::nullopt;
  }
  std::int64_t at_ms = 0;
  const auto [end, error] = std::from_chars(parts[6].data(), parts[6].data() + parts[6].size(), at_ms);
  if (error != std::errc{} || end != parts[6].data() + parts[6].size()) {
    return std::nullopt;
  }
  domain::DeliveryReceipt receipt;
  receipt.vendor = std::string(parts[0]);
  receipt.message_id = std::string(parts[1]);
  receipt.provider_message_id = std::string(parts[2]);
  receipt.delivered = parts[3] == "1";
  receipt.status_code = std::string(parts[4]);
  receipt.reason = std::string(parts[5]);
  receipt.at = Instant{Millis{at_ms}};
  return receipt;
}

void RedisPendingReceipts::Keep(const domain::DeliveryReceipt& receipt) {
  auto connection = pool_.Acquire();
  // A vendor pushing the same receipt again replaces it: the same report, kept a while longer.
  connection->Run({"SET", keys::PendingReceipt(receipt.vendor, receipt.provider_message_id),
                   EncodePendingReceipt(receipt), "PX", std::to_string(keep_for_.count())});
}

std::optional<domain::DeliveryReceipt> RedisPendingReceipts::Take(const std::string& vendor,
                                                                  const std::string& provider_message_id) {
  auto connection = pool_.Acquire();
  redis::Reply kept = connection->Run({"GETDEL", keys::PendingReceipt(vendor, provider_message_id)});
  if (kept.IsNil()) {
    return std::nullopt;
  }
  return DecodePendingReceipt(kept.Str());
}

}  // namespace careloop::dispatch::adapters
