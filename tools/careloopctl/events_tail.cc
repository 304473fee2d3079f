#include "tools/careloopctl/events_tail.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string_view>

#include "common/base/time.h"
#include "common/config/config.h"
#include "common/kafka/consumer.h"
#include "common/kafka/producer.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {
namespace {

constexpr auto kDump = Json::error_handler_t::replace;
constexpr int kMetadataTimeoutMs = 10'000;
constexpr int kPollMs = 200;

volatile std::sig_atomic_t g_stop = 0;

extern "C" void OnStopSignal(int /*signal*/) {
  g_stop = 1;
}

std::string Header(const TailRecord& record, std::string_view name) {
  for (const auto& [key, value] : record.headers) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') {
      out += prefix;
    }
  }
  return out;
}

using Handle = std::unique_ptr<rd_kafka_t, void (*)(rd_kafka_t*)>;

// A librdkafka client of `type` for `brokers`. A consumer never creates a topic by asking for
// it (kafka::MakeConsumerConf).
Handle NewHandle(const std::string& brokers, rd_kafka_type_t type, const std::map<std::string, std::string>& defaults) {
  config::KafkaSettings settings;
  settings.brokers = brokers;
  rd_kafka_conf_t* conf =
      type == RD_KAFKA_CONSUMER ? kafka::MakeConsumerConf(settings, defaults) : kafka::MakeConf(settings, defaults);
  // Connection trouble shows up as a metadata error or as silence; librdkafka's own log lines
  // would only clutter the output.
  rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
  char error[512];
  Handle handle(rd_kafka_new(type, conf, error, sizeof error), &rd_kafka_destroy);
  if (!handle) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("kafka client: ") + error);
  }
  return handle;
}

// Every topic of the cluster (a metadata request for all topics, which creates nothing).
std::map<std::string, int> TopicsOf(rd_kafka_t* handle, const std::string& brokers) {
  const rd_kafka_metadata_t* metadata = nullptr;
  const auto err = rd_kafka_metadata(handle, 1, nullptr, &metadata, kMetadataTimeoutMs);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error("kafka: cannot read the list of topics from " + brokers + ": " + rd_kafka_err2str(err));
  }
  std::unique_ptr<const rd_kafka_metadata_t, void (*)(const rd_kafka_metadata_t*)> owned(metadata,
                                                                                         &rd_kafka_metadata_destroy);
  std::map<std::string, int> topics;
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    const auto& topic = metadata->topics[i];
    if (topic.err == RD_KAFKA_RESP_ERR_NO_ERROR && !std::string_view(topic.topic).starts_with("__")) {
      topics[topic.topic] = topic.partition_cnt;
    }
  }
  return topics;
}

// The partition count of `topic`; throws naming the topics there are when it is not one.
int RequireTopic(const std::map<std::string, int>& topics, const std::string& topic, const std::string& brokers) {
  if (const auto it = topics.find(topic); it != topics.end()) {
    return it->second;
  }
  std::string known;
  for (const auto& [name, partitions] : topics) {
    known += (known.empty() ? "" : ", ") + name;
  }
  throw std::runtime_error("no topic '" + topic + "' on " + brokers +
                           (known.empty() ? std::string(" (it has none)") : "; its topics: " + known));
}

std::string DisplayTime(const std::string& ce_time) {
  if (const auto instant = ParseRfc3339(ce_time)) {
    return FormatUtc(*instant);
  }
  return ce_time.empty() ? "-" : ce_time;
}

}  // namespace

std::optional<Json> DecodePayload(const std::string& type, std::string_view data) {
  const auto* descriptor = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(type);
  if (descriptor == nullptr) {
    return std::nullopt;
  }
  const auto* prototype = google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor);
  if (prototype == nullptr) {
    return std::nullopt;
  }
  std::unique_ptr<google::protobuf::Message> message(prototype->New());
  if (!message->ParseFromArray(data.data(), static_cast<int>(data.size()))) {
    return std::nullopt;
  }
  Json json = ToJson(*message);
  MaskPhoneFields(json);
  return json;
}

std::string HexPreview(std::string_view data, size_t max_bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < data.size() && i < max_bytes; ++i) {
    if (i > 0) {
      out.push_back(' ');
    }
    const auto byte = static_cast<unsigned char>(data[i]);
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0F]);
  }
  if (data.size() > max_bytes) {
    out += " …";
  }
  return out;
}

std::string FormatRecordText(const TailRecord& record) {
  const std::string type = Header(record, "ce_type");
  std::string out = (type.empty() ? std::string("(no ce_type)") : type) + "  p" + std::to_string(record.partition) +
                    "@" + std::to_string(record.offset) + "  " + DisplayTime(Header(record, "ce_time")) + "\n";
  out += "  ce_id=" + Header(record, "ce_id") + "  ce_source=" + Header(record, "ce_source") +
         "  ce_subject=" + Header(record, "ce_subject") + "  key=" + record.key + "\n";
  std::string others;
  for (const auto& [name, value] : record.headers) {
    if (name == "ce_type" || name == "ce_id" || name == "ce_source" || name == "ce_subject" || name == "ce_time") {
      continue;
    }
    others += (others.empty() ? "" : "  ") + name + "=" + value;
  }
  if (!others.empty()) {
    out += "  " + others + "\n";
  }
  if (const auto payload = DecodePayload(type, record.value)) {
    out += Indent(payload->dump(2, ' ', false, kDump), "  ") + "\n";
  } else {
    out += "  payload: " + std::to_string(record.value.size()) +
           " bytes, type not known here: " + HexPreview(record.value) + "\n";
  }
  return out;
}

Json FormatRecordJson(const TailRecord& record) {
  Json headers = Json::object();
  for (const auto& [name, value] : record.headers) {
    headers[name] = value;
  }
  Json json = {
      {"topic", record.topic}, {"partition", record.partition}, {"offset", record.offset}, {"key", record.key},
      {"headers", headers},
  };
  if (auto payload = DecodePayload(Header(record, "ce_type"), record.value)) {
    json["payload"] = std::move(*payload);
  } else {
    json["payload"] = nullptr;
    json["payload_hex"] = HexPreview(record.value, record.value.size());
  }
  return json;
}

std::map<std::string, int> ListTopics(const std::string& brokers) {
  const auto handle = NewHandle(brokers, RD_KAFKA_CONSUMER, {{"group.id", "careloopctl-topics"}});
  return TopicsOf(handle.get(), brokers);
}

void TailEvents(const TailOptions& options, std::ostream& out) {
  if (options.topics.empty()) {
    throw std::runtime_error("no topic to read");
  }
  const auto consumer = NewHandle(options.brokers, RD_KAFKA_CONSUMER,
                                  {
                                      {"client.id", "careloopctl"},
                                      // assign() only: no group membership, nothing committed
                                      {"group.id", "careloopctl-tail"},
                                      {"enable.auto.commit", "false"},
                                      {"enable.auto.offset.store", "false"},
                                      {"enable.partition.eof", "true"},
                                  });
  rd_kafka_poll_set_consumer(consumer.get());
  const auto topics = TopicsOf(consumer.get(), options.brokers);

  std::unique_ptr<rd_kafka_topic_partition_list_t, void (*)(rd_kafka_topic_partition_list_t*)> assignment(
      rd_kafka_topic_partition_list_new(1), &rd_kafka_topic_partition_list_destroy);
  // Partitions not yet read to their end, as "topic/partition".
  std::set<std::string> unread;
  for (const auto& topic : options.topics) {
    const int partitions = RequireTopic(topics, topic, options.brokers);
    for (int p = 0; p < partitions; ++p) {
      rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), p)->offset =
          options.from_beginning ? RD_KAFKA_OFFSET_BEGINNING : RD_KAFKA_OFFSET_END;
      unread.insert(topic + "/" + std::to_string(p));
    }
  }
  if (const auto err = rd_kafka_assign(consumer.get(), assignment.get()); err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error(std::string("kafka: cannot assign the partitions: ") + rd_kafka_err2str(err));
  }

  g_stop = 0;
  struct sigaction action {};
  action.sa_handler = &OnStopSignal;
  sigemptyset(&action.sa_mask);
  struct sigaction old_int {};
  struct sigaction old_term {};
  sigaction(SIGINT, &action, &old_int);
  sigaction(SIGTERM, &action, &old_term);

  using Clock = std::chrono::steady_clock;
  auto last_record = Clock::now();
  int64_t seen = 0;
  while (g_stop == 0 && (!options.max_records || seen < *options.max_records) && (options.follow || !unread.empty())) {
    if (options.silence_seconds &&
        std::chrono::duration<double>(Clock::now() - last_record).count() >= *options.silence_seconds) {
      break;
    }
    std::unique_ptr<rd_kafka_message_t, void (*)(rd_kafka_message_t*)> message(
        rd_kafka_consumer_poll(consumer.get(), kPollMs), &rd_kafka_message_destroy);
    if (!message) {
      continue;
    }
    if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      unread.erase(std::string(rd_kafka_topic_name(message->rkt)) + "/" + std::to_string(message->partition));
      continue;
    }
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::cerr << "warning: kafka: " << rd_kafka_message_errstr(message.get()) << '\n';
      continue;
    }
    last_record = Clock::now();
    TailRecord record;
    record.topic = rd_kafka_topic_name(message->rkt);
    record.partition = message->partition;
    record.offset = message->offset;
    if (message->key != nullptr) {
      record.key.assign(static_cast<const char*>(message->key), message->key_len);
    }
    if (options.key && record.key != *options.key) {
      continue;
    }
    if (message->payload != nullptr) {
      record.value.assign(static_cast<const char*>(message->payload), message->len);
    }
    record.headers = kafka::ReadHeaders(message.get());
    ++seen;
    if (options.on_record) {
      if (!options.on_record(record)) {
        break;
      }
      continue;
    }
    if (options.json) {
      out << FormatRecordJson(record).dump(-1, ' ', false, kDump) << '\n';
    } else {
      out << FormatRecordText(record) << '\n';
    }
    out.flush();
  }

  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  rd_kafka_consumer_close(consumer.get());
}

void ProduceRecord(const std::string& brokers, const std::string& topic, const TailRecord& record) {
  const auto producer = NewHandle(brokers, RD_KAFKA_PRODUCER, {{"client.id", "careloopctl"}, {"acks", "all"}});
  // A producer's request for an unknown topic would create it: look it up in the list first.
  (void)RequireTopic(TopicsOf(producer.get(), brokers), topic, brokers);
  rd_kafka_headers_t* headers = rd_kafka_headers_new(record.headers.size());
  for (const auto& [name, value] : record.headers) {
    rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()), value.data(),
                        static_cast<ssize_t>(value.size()));
  }
  const auto err =
      rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                        RD_KAFKA_V_KEY(record.key.data(), record.key.size()),
                        RD_KAFKA_V_VALUE(const_cast<char*>(record.value.data()), record.value.size()),
                        RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_headers_destroy(headers);
    throw std::runtime_error(std::string("kafka produce: ") + rd_kafka_err2str(err));
  }
  if (rd_kafka_flush(producer.get(), kMetadataTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error("kafka: the record was not acknowledged in time");
  }
}

}  // namespace careloop::ctl
