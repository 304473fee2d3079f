#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <string>
#include <vector>

#include "common/kafka/cloud_event.h"
#include "common/kafka/consumer.h"
#include "common/kafka/producer.h"

namespace careloop::testing {

/// A plain librdkafka consumer that reads a whole topic from the beginning (no group), for
/// asserting what services and libraries published.
class TopicProbe final {
 public:
  TopicProbe(const std::string& brokers, const std::string& topic) {
    config::KafkaSettings settings;
    settings.brokers = brokers;
    rd_kafka_conf_t* conf = kafka::MakeConf(settings, {{"group.id", "probe"}, {"enable.auto.commit", "false"}});
    char error[256];
    handle_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
    const rd_kafka_metadata_t* metadata = nullptr;
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(handle_, topic.c_str(), nullptr);
    rd_kafka_metadata(handle_, 0, rkt, &metadata, 5000);
    rd_kafka_topic_partition_list_t* partitions = rd_kafka_topic_partition_list_new(4);
    for (int i = 0; metadata != nullptr && i < metadata->topics[0].partition_cnt; ++i) {
      rd_kafka_topic_partition_list_add(partitions, topic.c_str(), i)->offset = RD_KAFKA_OFFSET_BEGINNING;
    }
    if (metadata != nullptr) {
      rd_kafka_metadata_destroy(metadata);
    }
    rd_kafka_topic_destroy(rkt);
    rd_kafka_assign(handle_, partitions);
    rd_kafka_topic_partition_list_destroy(partitions);
  }
  ~TopicProbe() {
    rd_kafka_consumer_close(handle_);
    rd_kafka_destroy(handle_);
  }

  /// Reads until `predicate` holds for the events read so far or `timeout` passes.
  template <class Predicate>
  std::vector<kafka::CloudEvent> ReadUntil(Predicate predicate,
                                           std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!predicate(events_) && std::chrono::steady_clock::now() < deadline) {
      rd_kafka_message_t* message = rd_kafka_consumer_poll(handle_, 100);
      if (message == nullptr) {
        continue;
      }
      if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        kafka::CloudEvent event;
        auto parsed = kafka::FromHeaders(kafka::ReadHeaders(message));
        if (parsed.ok()) {
          event = parsed.value();
        } else {
          event.extra_headers = kafka::ReadHeaders(message);
        }
        if (message->key != nullptr) {
          event.key.assign(static_cast<const char*>(message->key), message->key_len);
        }
        if (message->payload != nullptr) {
          event.data.assign(static_cast<const char*>(message->payload), message->len);
        }
        event.partition = message->partition;
        event.offset = message->offset;
        events_.push_back(std::move(event));
      }
      rd_kafka_message_destroy(message);
    }
    return events_;
  }

 private:
  rd_kafka_t* handle_ = nullptr;
  std::vector<kafka::CloudEvent> events_;
};

/// The value of header `name`, or "".
inline std::string HeaderOf(const kafka::CloudEvent& event, const std::string& name) {
  for (const auto& [key, value] : event.extra_headers) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

}  // namespace careloop::testing
