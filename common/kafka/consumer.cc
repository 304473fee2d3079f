#include "common/kafka/consumer.h"

#include <algorithm>
#include <cstring>

#include "common/log/log.h"

namespace careloop::kafka {

rd_kafka_conf_t* MakeConsumerConf(const config::KafkaSettings& settings,
                                  const std::map<std::string, std::string>& defaults) {
  rd_kafka_conf_t* conf = MakeConf(settings, defaults);
  char error[512];
  if (rd_kafka_conf_set(conf, "allow.auto.create.topics", "false", error, sizeof error) != RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    throw config::ConfigError("kafka.librdkafka.allow.auto.create.topics", error);
  }
  return conf;
}

std::vector<std::pair<std::string, std::string>> ReadHeaders(const rd_kafka_message_t* message) {
  std::vector<std::pair<std::string, std::string>> headers;
  rd_kafka_headers_t* raw_headers = nullptr;
  if (rd_kafka_message_headers(message, &raw_headers) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return headers;
  }
  const char* name = nullptr;
  const void* value = nullptr;
  size_t size = 0;
  for (size_t i = 0; rd_kafka_header_get_all(raw_headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
    headers.emplace_back(name, value == nullptr ? std::string() : std::string(static_cast<const char*>(value), size));
  }
  return headers;
}

Consumer::Consumer(const config::KafkaSettings& settings, const std::string& group_id, std::vector<std::string> topics,
                   Handler handler, Producer& dead_letters)
    : settings_(settings),
      group_id_(group_id),
      topics_(std::move(topics)),
      handler_(std::move(handler)),
      dead_letters_(dead_letters) {
  rd_kafka_conf_t* conf = MakeConsumerConf(settings_, {
                                                          {"group.id", group_id},
                                                          {"enable.auto.offset.store", "false"},
                                                          {"enable.auto.commit", "true"},
                                                          {"auto.commit.interval.ms", "1000"},
                                                          {"auto.offset.reset", "earliest"},
                                                          {"partition.assignment.strategy", "cooperative-sticky"},
                                                          {"enable.partition.eof", "false"},
                                                      });
  rd_kafka_conf_set_rebalance_cb(conf, &Consumer::OnRebalance);
  rd_kafka_conf_set_opaque(conf, this);
  char error[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("kafka consumer: ") + error);
  }
  handle_.reset(rk);
  rd_kafka_poll_set_consumer(rk);
}

Consumer::~Consumer() {
  Stop();
}

void Consumer::Start() {
  rd_kafka_topic_partition_list_t* subscription = rd_kafka_topic_partition_list_new(static_cast<int>(topics_.size()));
  for (const auto& topic : topics_) {
    rd_kafka_topic_partition_list_add(subscription, topic.c_str(), RD_KAFKA_PARTITION_UA);
  }
  const rd_kafka_resp_err_t err = rd_kafka_subscribe(handle_.get(), subscription);
  rd_kafka_topic_partition_list_destroy(subscription);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error(std::string("kafka subscribe: ") + rd_kafka_err2str(err));
  }
  running_.store(true);
  thread_ = std::thread([this] { Loop(); });
}

void Consumer::Stop() {
  if (!running_.exchange(false)) {
    return;
  }
  {
    std::lock_guard lock(stop_mutex_);
    stop_signal_.notify_all();
  }
  thread_.join();
  rd_kafka_consumer_close(handle_.get());  // commits stored offsets, leaves the group
}

void Consumer::OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions,
                           void* opaque) {
  auto* self = static_cast<Consumer*>(opaque);
  const auto count_assignment = [rk, self] {
    rd_kafka_topic_partition_list_t* assignment = nullptr;
    if (rd_kafka_assignment(rk, &assignment) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      self->assigned_.store(assignment->cnt);
      rd_kafka_topic_partition_list_destroy(assignment);
    }
  };
  const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    if (cooperative) {
      if (rd_kafka_error_t* error = rd_kafka_incremental_assign(rk, partitions)) {
        log::Error("kafka incremental assign failed", {{"reason", rd_kafka_error_string(error)}});
        rd_kafka_error_destroy(error);
      }
    } else {
      rd_kafka_assign(rk, partitions);
    }
    count_assignment();
    log::Info("kafka partitions assigned", {{"count", partitions->cnt}, {"cooperative", cooperative}});
    return;
  }
  // Revoked (or lost): commit what this member finished before another member takes over.
  if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS && !rd_kafka_assignment_lost(rk)) {
    rd_kafka_commit(rk, partitions, 0);
  }
  if (cooperative) {
    if (rd_kafka_error_t* error = rd_kafka_incremental_unassign(rk, partitions)) {
      rd_kafka_error_destroy(error);
    }
  } else {
    rd_kafka_assign(rk, nullptr);
  }
  count_assignment();
  log::Info("kafka partitions revoked", {{"count", partitions->cnt}, {"cooperative", cooperative}});
}

void Consumer::Loop() {
  while (running_.load()) {
    rd_kafka_message_t* message = rd_kafka_consumer_poll(handle_.get(), 100);
    if (message == nullptr) {
      continue;
    }
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        log::Warn("kafka consume error", {{"error", rd_kafka_message_errstr(message)}});
      }
    } else {
      Process(message);
    }
    rd_kafka_message_destroy(message);
  }
}

void Consumer::Process(const rd_kafka_message_t* message) {
  auto parsed = FromHeaders(ReadHeaders(message));
  if (!parsed.ok()) {
    DeadLetter(message, "not a CloudEvent: " + parsed.error().ToString());
    return;
  }
  CloudEvent event = std::move(parsed).value();
  event.topic = rd_kafka_topic_name(message->rkt);
  event.partition = message->partition;
  event.offset = message->offset;
  if (message->key != nullptr) {
    event.key.assign(static_cast<const char*>(message->key), message->key_len);
  }
  if (message->payload != nullptr) {
    event.data.assign(static_cast<const char*>(message->payload), message->len);
  }
  const HandlerResult result = HandleWithRetries(event);
  switch (result.outcome) {
    case HandlerResult::Outcome::kDone:
      handled_.fetch_add(1);
      StoreOffset(message);
      return;
    case HandlerResult::Outcome::kPoison: DeadLetter(message, result.reason); return;
    case HandlerResult::Outcome::kRetry:
      // Only when stopping mid-retry: the offset stays unstored, so the event is redelivered.
      return;
  }
}

HandlerResult Consumer::HandleWithRetries(const CloudEvent& event) {
  Millis backoff{100};
  for (int attempt = 1;; ++attempt) {
    HandlerResult result;
    try {
      result = handler_(event);
    } catch (const std::exception& e) {
      result = HandlerResult::Retry(std::string("handler threw: ") + e.what());
    }
    if (result.outcome != HandlerResult::Outcome::kRetry) {
      return result;
    }
    log::Warn("event handler will retry",
              {{"ce_id", event.id}, {"ce_type", event.type}, {"attempt", attempt}, {"reason", result.reason}});
    if (attempt >= settings_.handler_max_attempts) {
      return HandlerResult::Poison("retries exhausted after " + std::to_string(attempt) +
                                   " attempts: " + result.reason);
    }
    if (!WaitOrStop(backoff)) {
      return result;
    }
    backoff = std::min(backoff * 2, Millis{5000});
  }
}

bool Consumer::WaitOrStop(Millis delay) {
  std::unique_lock lock(stop_mutex_);
  return !stop_signal_.wait_for(lock, delay, [this] { return !running_.load(); });
}

void Consumer::DeadLetter(const rd_kafka_message_t* message, const std::string& reason) {
  // Forward the record as it came (key, value, headers) plus why, so it can be replayed later.
  CloudEvent letter;
  const auto headers = ReadHeaders(message);
  auto parsed = FromHeaders(headers);
  if (parsed.ok()) {
    letter = parsed.value();
  } else {
    // Keep the original headers verbatim; give the letter attributes of its own.
    letter.id = std::string("dlq-") + rd_kafka_topic_name(message->rkt) + "-" + std::to_string(message->partition) +
                "-" + std::to_string(message->offset);
    letter.source = "/careloop/deadletter";
    letter.type = "careloop.deadletter.v1.Undecodable";
    letter.extra_headers = headers;
  }
  if (message->key != nullptr) {
    letter.key.assign(static_cast<const char*>(message->key), message->key_len);
  }
  if (message->payload != nullptr) {
    letter.data.assign(static_cast<const char*>(message->payload), message->len);
  }
  letter.extra_headers.emplace_back(kDeadLetterReasonHeader, reason);
  letter.extra_headers.emplace_back(kDeadLetterSourceTopicHeader, rd_kafka_topic_name(message->rkt));
  letter.extra_headers.emplace_back(kDeadLetterSourcePartitionHeader, std::to_string(message->partition));
  letter.extra_headers.emplace_back(kDeadLetterSourceOffsetHeader, std::to_string(message->offset));
  letter.extra_headers.emplace_back(kDeadLetterConsumerHeader, group_id_);
  Millis backoff{200};
  while (running_.load()) {
    const Status sent = dead_letters_.ProduceAndWait(kDeadLetterTopic, letter, Millis{10000});
    if (sent.ok()) {
      dead_lettered_.fetch_add(1);
      log::Warn("event dead-lettered", {{"topic", rd_kafka_topic_name(message->rkt)},
                                        {"partition", message->partition},
                                        {"offset", message->offset},
                                        {"reason", reason}});
      StoreOffset(message);
      return;
    }
    // The dead-letter topic itself is unreachable: do not skip the event, try again.
    log::Error("dead-letter publish failed, retrying", {{"reason", sent.error().message}});
    if (!WaitOrStop(backoff)) {
      return;
    }
    backoff = std::min(backoff * 2, Millis{5000});
  }
}

void Consumer::StoreOffset(const rd_kafka_message_t* message) {
  rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(offsets, rd_kafka_topic_name(message->rkt), message->partition)->offset =
      message->offset + 1;
  const rd_kafka_resp_err_t err = rd_kafka_offsets_store(handle_.get(), offsets);
  rd_kafka_topic_partition_list_destroy(offsets);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    // The partition was revoked meanwhile; its next owner will see the event again (idempotent).
    log::Warn("kafka offset store failed", {{"error", rd_kafka_err2str(err)}});
  }
}

}  // namespace careloop::kafka
