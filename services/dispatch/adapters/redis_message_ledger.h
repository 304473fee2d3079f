#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/dispatch/app/ports.h"

namespace careloop::dispatch::adapters {

/// MessageLedger on Redis: each state change writes the message, its indexes and its event
/// in one MULTI/EXEC; claims are SET NX together with the in-flight record (keys::kInFlight),
/// which every settling write removes; deferred sends are a leased timer queue.
class RedisMessageLedger final : public app::MessageLedger {
 public:
  RedisMessageLedger(redis::Pool& pool, const clock::Clock& clock);

  [[nodiscard]] std::optional<domain::Message> Find(const std::string& message_id) override;
  [[nodiscard]] std::optional<domain::SendRequest> Cause(const std::string& message_id) override;
  void Defer(const domain::Message& message, const domain::SendRequest& cause) override;
  void Suppress(const domain::Message& message) override;
  [[nodiscard]] bool Claim(const domain::Message& message, const domain::SendRequest& cause) override;
  void AwaitReconcile(const domain::Message& message) override;
  void RecordSent(const domain::Message& message) override;
  [[nodiscard]] bool RecordInbound(const domain::InboundReply& reply) override;
  void RecordFailed(const domain::Message& message) override;
  void Retry(const domain::Message& message, const domain::SendRequest& cause) override;
  [[nodiscard]] int CountSentSince(const std::string& customer_id, Instant since) override;
  [[nodiscard]] std::vector<std::string> ClaimDeferred(Instant now, Millis lease, int limit) override;
  void ReleaseDeferred(const std::string& message_id) override;
  [[nodiscard]] std::vector<domain::Message> ListByCustomer(const std::string& customer_id, size_t limit) override;
  [[nodiscard]] std::vector<domain::Message> ListByStore(const std::string& store_id, size_t limit) override;

 private:
  std::vector<domain::Message> Load(const std::string& index_key, size_t limit);

  redis::Pool& pool_;
  const clock::Clock& clock_;
};

}  // namespace careloop::dispatch::adapters
