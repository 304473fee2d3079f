#pragma once

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/config/config.h"
#include "common/kafka/cloud_event.h"
#include "common/kafka/producer.h"

namespace careloop::kafka {

/// A consumer's librdkafka configuration: MakeConf (producer.h) with `defaults`, and then
/// `allow.auto.create.topics=false` whatever the pass-through says — consumers and tools never
/// create a topic by asking for it; a missing topic is the deployment's error to fix. Throws
/// config::ConfigError.
[[nodiscard]] rd_kafka_conf_t* MakeConsumerConf(const config::KafkaSettings& settings,
                                                const std::map<std::string, std::string>& defaults);

/// The headers of a consumed record, in order, as (name, value) pairs.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> ReadHeaders(const rd_kafka_message_t* message);

/// What a handler made of one event.
struct HandlerResult final {
  enum class Outcome {
    kDone,    ///< effects are durable (or there were none): move on
    kRetry,   ///< a passing failure (Redis or a peer unreachable): the same event comes back
    kPoison,  ///< the event can never be handled (undecodable, invalid): dead-letter it
  };
  Outcome outcome = Outcome::kDone;
  std::string reason;

  static HandlerResult Done() { return {Outcome::kDone, {}}; }
  static HandlerResult Retry(std::string why) { return {Outcome::kRetry, std::move(why)}; }
  static HandlerResult Poison(std::string why) { return {Outcome::kPoison, std::move(why)}; }
};

/// Handles one event. Must be idempotent: an event can arrive more than once (at-least-once).
using Handler = std::function<HandlerResult(const CloudEvent&)>;

/// A consumer-group member with at-least-once delivery: offsets are stored
/// (`enable.auto.offset.store=false`) only after the handler returns Done or the event has
/// been dead-lettered, and librdkafka's auto-commit commits nothing but stored offsets.
/// Partition assignment is cooperative-sticky (incremental rebalances).
///
/// A retryable failure is retried in place with backoff up to `handler_max_attempts` times;
/// then, like poison, the event goes to the dead-letter topic with the reason in
/// `careloop_dlq_reason`, so no partition is blocked forever.
class Consumer final {
 public:
  /// Throws std::runtime_error/ConfigError when librdkafka refuses the configuration.
  Consumer(const config::KafkaSettings& settings, const std::string& group_id, std::vector<std::string> topics,
           Handler handler, Producer& dead_letters);
  ~Consumer();
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  /// Starts the poll loop on its own thread.
  void Start();
  /// Stops the loop, commits stored offsets and leaves the group.
  void Stop();

  /// Events handled (Done), dead-lettered, and retried since start.
  [[nodiscard]] uint64_t handled() const { return handled_.load(); }
  [[nodiscard]] uint64_t dead_lettered() const { return dead_lettered_.load(); }
  /// Partitions currently assigned to this member (changes on rebalance).
  [[nodiscard]] int assigned_partitions() const { return assigned_.load(); }

 private:
  static void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions,
                          void* opaque);
  void Loop();
  void Process(const rd_kafka_message_t* message);
  HandlerResult HandleWithRetries(const CloudEvent& event);
  void DeadLetter(const rd_kafka_message_t* message, const std::string& reason);
  void StoreOffset(const rd_kafka_message_t* message);
  bool WaitOrStop(Millis delay);

  config::KafkaSettings settings_;
  std::string group_id_;
  std::vector<std::string> topics_;
  Handler handler_;
  Producer& dead_letters_;
  std::unique_ptr<rd_kafka_t, void (*)(rd_kafka_t*)> handle_{nullptr, &rd_kafka_destroy};
  std::atomic<bool> running_{false};
  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  std::thread thread_;
  std::atomic<uint64_t> handled_{0};
  std::atomic<uint64_t> dead_lettered_{0};
  std::atomic<int> assigned_{0};
};

}  // namespace careloop::kafka
