#pragma once

#include "common/base/time.h"
#include "common/redis/client.h"
#include "services/dispatch/app/receipt_ports.h"

namespace careloop::dispatch::adapters {

/// app::PendingReceipts in Redis: one expiring string per vendor id (keys::PendingReceipt),
/// written with its time to live and taken with GETDEL, so exactly one reader applies it.
class RedisPendingReceipts final : public app::PendingReceipts {
 public:
  RedisPendingReceipts(redis::Pool& pool, Millis keep_for) : pool_(pool), keep_for_(keep_for) {}

  void Keep(const domain::DeliveryReceipt& receipt) override;
  [[nodiscard]] std::optional<domain::DeliveryReceipt> Take(const std::string& vendor,
                                                            const std::string& provider_message_id) override;

 private:
  redis::Pool& pool_;
  Millis keep_for_;
};

/// The stored form of a kept receipt and back (fields separated by U+001F); nullopt when malformed.
[[nodiscard]] std::string EncodePendingReceipt(const domain::DeliveryReceipt& receipt);
[[nodiscard]] std::optional<domain::DeliveryReceipt> DecodePendingReceipt(std::string_view stored);

}  // namespace careloop::dispatch::adapters
