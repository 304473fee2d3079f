#pragma once

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "common/base/error.h"
#include "common/config/config.h"
#include "common/kafka/cloud_event.h"

namespace careloop::kafka {

/// Builds a librdkafka configuration from our settings plus the pass-through map; the
/// pass-through wins, so SASL/SSL and tuning need no code. Throws config::ConfigError.
[[nodiscard]] rd_kafka_conf_t* MakeConf(const config::KafkaSettings& settings,
                                        const std::map<std::string, std::string>& defaults);

/// Idempotent producer (`enable.idempotence=true`, `acks=all`). Delivery reports are polled on
/// a dedicated thread, which runs every DeliveryCallback: keep callbacks short and never call
/// Flush() from one.
///
/// Lifetime: destroying the Producer flushes (bounded) and joins the delivery thread; every
/// callback has run or been given an error by then.
class Producer final {
 public:
  /// The broker's verdict on one record: Ok once it is durably written (acks=all).
  using DeliveryCallback = std::function<void(const Status&)>;

  /// Throws std::runtime_error when librdkafka refuses the configuration.
  Producer(const config::KafkaSettings& settings, const std::string& client_id);
  ~Producer();
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  /// Enqueues `event` on `topic` with key event.key and CloudEvents headers. Returns an error
  /// (retryable when the local queue is full) if the record was not enqueued; otherwise
  /// `on_delivery` runs exactly once later.
  Status Produce(const std::string& topic, const CloudEvent& event, DeliveryCallback on_delivery);

  /// Produces and waits up to `timeout` for the delivery report.
  Status ProduceAndWait(const std::string& topic, const CloudEvent& event, Millis timeout);

  /// Waits up to `timeout` for everything enqueued to be delivered; false on time-out.
  bool Flush(Millis timeout);

 private:
  static void OnDelivery(rd_kafka_t* rk, const rd_kafka_message_t* message, void* opaque);
  static void OnError(rd_kafka_t* rk, int err, const char* reason, void* opaque);

  std::unique_ptr<rd_kafka_t, void (*)(rd_kafka_t*)> handle_{nullptr, &rd_kafka_destroy};
  std::atomic<bool> running_{true};
  std::thread delivery_thread_;
};

}  // namespace careloop::kafka
