#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/dispatch/app/receipt_ports.h"

namespace careloop::dispatch::adapters {

/// app::ReceiptLedger over the dispatch ledger's Redis keys (redis_keys.h): a receipt rewrites the
/// message and appends MessageDelivered (and MessageFailed when undelivered) to the outbox in one
/// atomic step, guarded by the message's receipt key so a repeated receipt writes nothing.
class RedisReceiptStore final : public app::ReceiptLedger {
 public:
  RedisReceiptStore(redis::Pool& pool, const clock::Clock& clock) : pool_(pool), clock_(clock) {}

  [[nodiscard]] std::optional<domain::Message> Find(const std::string& message_id) override;
  [[nodiscard]] std::optional<std::string> ByProviderId(const std::string& vendor,
                                                        const std::string& provider_message_id) override;
  [[nodiscard]] bool RecordReceipt(const domain::Message& message) override;
  /// The message's claim says "sending".
  [[nodiscard]] bool InFlight(const std::string& message_id) override;
  /// The batch record's entry (adapters/redis_batch_queue.h).
  [[nodiscard]] std::optional<std::string> ByBatch(const std::string& vendor, const std::string& batch_id,
                                                   const std::string& phone) override;

 private:
  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::dispatch::adapters
