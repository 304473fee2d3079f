#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "common/config/config.h"
#include "common/kafka/cloud_event.h"
#include "common/kafka/producer.h"
#include "common/redis/client.h"

namespace careloop::outbox {

/// The Redis command that appends `event` (bound for `topic`) to the outbox stream
/// `stream_key`. Put it in the same atomic write as the state change it announces: then the
/// event exists if and only if the change does.
[[nodiscard]] redis::Command AppendCommand(const std::string& stream_key, const std::string& topic,
                                           const kafka::CloudEvent& event);

/// Publishes a service's outbox stream to Kafka in order and deletes each entry only after
/// the broker's delivery report. A crash between the report and the delete republishes that
/// entry: consumers dedupe on ce_id. One relay per outbox at a time holds a lease in Redis, so
/// several service instances never interleave (which would break per-customer order).
class Relay final {
 public:
  Relay(const config::RedisSettings& settings, kafka::Producer& producer, std::string stream_key,
        std::string instance_id);
  ~Relay();
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  void Start();
  void Stop();

  /// Entries published and deleted since start.
  [[nodiscard]] uint64_t published() const { return published_.load(); }

 private:
  void Loop();
  bool HoldLease(redis::Connection& connection);
  void DeleteAcknowledged(redis::Connection& connection);

  config::RedisSettings settings_;
  kafka::Producer& producer_;
  std::string stream_key_;
  std::string lease_key_;
  std::string instance_id_;
  std::atomic<bool> running_{false};
  std::thread thread_;

  std::mutex acks_mutex_;
  std::condition_variable acks_changed_;
  std::deque<std::string> acked_ids_;  // delivered, not yet deleted
  size_t in_flight_ = 0;
  bool delivery_failed_ = false;
  std::atomic<uint64_t> published_{0};
};

}  // namespace careloop::outbox
