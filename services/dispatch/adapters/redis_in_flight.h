#pragma once

#include "common/redis/client.h"
#include "services/dispatch/app/reconcile_ports.h"

namespace careloop::dispatch::adapters {

/// app::InFlightSends over the ledger's in-flight keys (redis_keys.h kInFlight…), which
/// RedisMessageLedger::Claim writes and its settling writes remove. Claims of stale sends are a
/// leased timer queue (redis::ClaimDueTimers) over the in-flight set, scored by real time.
class RedisInFlightSends final : public app::InFlightSends {
 public:
  explicit RedisInFlightSends(redis::Pool& pool) : pool_(pool) {}

  [[nodiscard]] std::vector<std::string> ClaimStale(Millis older_than, Millis lease, int limit) override;
  [[nodiscard]] std::optional<domain::InFlightSend> Find(const std::string& message_id) override;
  /// Back into the in-flight set scored now (real time), lease ended — only while the send is
  /// still in flight (a send settled meanwhile is left alone).
  void AskLater(const std::string& message_id) override;
  /// The record's `filed_as` field, only while the send is in flight.
  void NoteFiledAs(const std::string& message_id, const std::string& correlation_id) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::dispatch::adapters
