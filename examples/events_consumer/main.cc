// careloop-events-consumer: a small subscriber to CareLoop's Kafka events, written the way a
// developer of another system would write one (docs/events.md, "Subscribing from another
// system"). It needs librdkafka (C API) and the C++ classes generated from proto/careloop, and
// nothing else of CareLoop.
//
//   careloop-events-consumer --brokers HOST:PORT --group GROUP_ID --topic TOPIC [--topic TOPIC ...]
//                            [--from-beginning] [--until-end] [-X PROPERTY=VALUE ...]
//   careloop-events-consumer --help
//
// It prints one line per event on stdout:
//   <ce_type> ce_id=<ce_id> key=<key> <payload as one-line JSON>
// and skips an event whose ce_id it has already printed (delivery is at least once).
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>
#include <librdkafka/rdkafka.h>

#include <csignal>
#include <iostream>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "careloop/customer/v1/events.pb.h"
#include "careloop/dispatch/v1/events.pb.h"
#include "careloop/reminder/v1/events.pb.h"
#include "careloop/survey/v1/events.pb.h"

namespace {

constexpr int kExitUsage = 2;
constexpr int kMetadataTimeoutMs = 10'000;
constexpr int kPollMs = 200;

constexpr std::string_view kUsage =
    "usage: careloop-events-consumer --brokers HOST:PORT --group GROUP_ID --topic TOPIC [--topic TOPIC ...]\n"
    "                                [--from-beginning] [--until-end] [-X PROPERTY=VALUE ...]\n"
    "Prints one line per event: <ce_type> ce_id=<ce_id> key=<key> <payload as one-line JSON>\n"
    "  --brokers         bootstrap servers (the local stack: KAFKA_BROKERS in deploy/local/.run/endpoints.env)\n"
    "  --group           your own consumer group id (never one beginning with \"careloop\": those are CareLoop's)\n"
    "  --topic           a topic to subscribe to, e.g. careloop.customer.v1 (repeatable)\n"
    "  --from-beginning  a group without committed offsets starts at the oldest event, not at the end\n"
    "  --until-end       exit once every assigned partition has been read to its end\n"
    "  -X                a librdkafka property, e.g. -X security.protocol=SASL_SSL (repeatable)\n"
    "Exit status: 0 after --until-end or Ctrl-C, 1 when the brokers cannot be reached or a topic does not exist,\n"
    "2 on a usage error.\n";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  std::string brokers;
  std::string group;
  std::vector<std::string> topics;
  bool from_beginning = false;
  bool until_end = false;
  std::vector<std::pair<std::string, std::string>> properties;
};

Options ParseOptions(int argc, char** argv) {
  Options options;
  const std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) {
        throw UsageError(arg + " needs a value");
      }
      return args[++i];
    };
    if (arg == "--brokers") {
      options.brokers = value();
    } else if (arg == "--group") {
      options.group = value();
    } else if (arg == "--topic") {
      options.topics.push_back(value());
    } else if (arg == "--from-beginning") {
      options.from_beginning = true;
    } else if (arg == "--until-end") {
      options.until_end = true;
    } else if (arg == "-X") {
      const std::string property = value();
      const auto eq = property.find('=');
      if (eq == std::string::npos || eq == 0) {
        throw UsageError("-X needs PROPERTY=VALUE, got '" + property + "'");
      }
      options.properties.emplace_back(property.substr(0, eq), property.substr(eq + 1));
    } else {
      throw UsageError("unknown argument '" + arg + "'");
    }
  }
  if (options.brokers.empty()) {
    throw UsageError("--brokers is required");
  }
  if (options.group.empty()) {
    throw UsageError("--group is required");
  }
  // CareLoop's services consume as careloop-customers, careloop-reminders, careloop-dispatch and
  // careloop-surveys. Joining one of their groups would take events away from a service.
  if (options.group.rfind("careloop", 0) == 0) {
    throw UsageError("--group '" + options.group +
                     "': group ids beginning with \"careloop\" belong to CareLoop's services; use one of your own");
  }
  if (options.topics.empty()) {
    throw UsageError("at least one --topic is required");
  }
  return options;
}

// Naming one message of each events.proto links that file's generated code, which registers
// every message of the file in the generated pool, so a payload can be decoded by its ce_type.
void LinkEventTypes() {
  static const google::protobuf::FileDescriptor* const kFiles[] = {
      careloop::customer::v1::CustomerCreated::descriptor()->file(),
      careloop::reminder::v1::ReminderDue::descriptor()->file(),
      careloop::dispatch::v1::MessageSent::descriptor()->file(),
      careloop::survey::v1::SurveyIssued::descriptor()->file(),
  };
  (void)kFiles;
}

// The payload as one line of JSON (proto field names, enums by name), or why it is not shown.
std::string Summary(const std::string& type, const void* data, size_t size) {
  const auto* descriptor = google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(type);
  if (descriptor == nullptr) {
    // A type added after this consumer was built: skip it (new event types are compatible).
    return "(type not known here, " + std::to_string(size) + " bytes skipped)";
  }
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor)->New());
  if (!message->ParseFromArray(data, static_cast<int>(size))) {
    return "(payload does not decode as " + type + ")";
  }
  google::protobuf::util::JsonPrintOptions print;
  print.preserve_proto_field_names = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(*message, &json, print).ok()) {
    return "(payload cannot be printed)";
  }
  return json;
}

std::string Header(const rd_kafka_message_t* message, const char* name) {
  rd_kafka_headers_t* headers = nullptr;
  const void* value = nullptr;
  size_t size = 0;
  if (rd_kafka_message_headers(message, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR ||
      rd_kafka_header_get_last(headers, name, &value, &size) != RD_KAFKA_RESP_ERR_NO_ERROR || value == nullptr) {
    return {};
  }
  return {static_cast<const char*>(value), size};
}

// What the loop knows between polls: which partitions it has read to their end, and which
// events it has printed.
struct State {
  std::set<std::pair<std::string, int32_t>> at_end;
  std::set<std::pair<std::string, std::string>> seen;  // (topic, ce_id)
};

// Takes what the group assigns and gives back what it revokes. librdkafka commits the stored
// offsets of revoked partitions (enable.auto.commit), so the next member resumes after them.
void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions, void* opaque) {
  static_cast<State*>(opaque)->at_end.clear();
  rd_kafka_assign(rk, err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? partitions : nullptr);
}

bool EveryAssignedPartitionAtEnd(rd_kafka_t* rk, const State& state) {
  rd_kafka_topic_partition_list_t* assignment = nullptr;
  if (rd_kafka_assignment(rk, &assignment) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return false;
  }
  bool all = assignment->cnt > 0;
  for (int i = 0; all && i < assignment->cnt; ++i) {
    all = state.at_end.count({assignment->elems[i].topic, assignment->elems[i].partition}) > 0;
  }
  rd_kafka_topic_partition_list_destroy(assignment);
  return all;
}

// CareLoop's topics are never created on demand: a name the cluster does not have is a mistake.
// Reading the metadata of all topics (rather than of the one named) creates nothing.
void CheckTopicsExist(rd_kafka_t* rk, const Options& options) {
  const rd_kafka_metadata_t* metadata = nullptr;
  const rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 1, nullptr, &metadata, kMetadataTimeoutMs);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error("cannot read the topics of " + options.brokers + ": " + rd_kafka_err2str(err));
  }
  std::set<std::string> known;
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    if (metadata->topics[i].topic[0] != '_') {
      known.insert(metadata->topics[i].topic);
    }
  }
  rd_kafka_metadata_destroy(metadata);
  for (const auto& topic : options.topics) {
    if (known.count(topic) == 0) {
      std::string names;
      for (const auto& name : known) {
        names += (names.empty() ? "" : ", ") + name;
      }
      throw std::runtime_error("unknown topic '" + topic + "' (the cluster has: " + names + ")");
    }
  }
}

volatile std::sig_atomic_t g_stop = 0;

extern "C" void OnSignal(int /*signal*/) {
  g_stop = 1;
}

int Run(const Options& options) {
  State state;
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  const std::vector<std::pair<std::string, std::string>> defaults = {
      {"bootstrap.servers", options.brokers},
      {"group.id", options.group},
      {"client.id", options.group},
      // Where a group without committed offsets starts.
      {"auto.offset.reset", options.from_beginning ? "earliest" : "latest"},
      // At least once: an offset is stored only after the event was handled (printed here),
      // and the auto-commit commits nothing but stored offsets.
      {"enable.auto.offset.store", "false"},
      {"enable.auto.commit", "true"},
      // allow.auto.create.topics stays false, the default for consumers.
      {"enable.partition.eof", options.until_end ? "true" : "false"},
  };
  std::vector<std::pair<std::string, std::string>> all = defaults;
  all.insert(all.end(), options.properties.begin(), options.properties.end());
  for (const auto& [name, value] : all) {
    if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw UsageError(name + ": " + error);
    }
  }
  rd_kafka_conf_set_rebalance_cb(conf, &OnRebalance);
  rd_kafka_conf_set_opaque(conf, &state);
  std::unique_ptr<rd_kafka_t, void (*)(rd_kafka_t*)> consumer(
      rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error), &rd_kafka_destroy);
  if (!consumer) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("kafka consumer: ") + error);
  }
  rd_kafka_t* rk = consumer.get();
  rd_kafka_poll_set_consumer(rk);
  CheckTopicsExist(rk, options);

  rd_kafka_topic_partition_list_t* subscription =
      rd_kafka_topic_partition_list_new(static_cast<int>(options.topics.size()));
  for (const auto& topic : options.topics) {
    rd_kafka_topic_partition_list_add(subscription, topic.c_str(), RD_KAFKA_PARTITION_UA);
  }
  const rd_kafka_resp_err_t subscribed = rd_kafka_subscribe(rk, subscription);
  rd_kafka_topic_partition_list_destroy(subscription);
  if (subscribed != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error(std::string("subscribe: ") + rd_kafka_err2str(subscribed));
  }

  std::signal(SIGINT, &OnSignal);
  std::signal(SIGTERM, &OnSignal);
  while (g_stop == 0) {
    std::unique_ptr<rd_kafka_message_t, void (*)(rd_kafka_message_t*)> message(rd_kafka_consumer_poll(rk, kPollMs),
                                                                               &rd_kafka_message_destroy);
    if (!message) {
      if (options.until_end && EveryAssignedPartitionAtEnd(rk, state)) {
        break;
      }
      continue;
    }
    const std::string topic = message->rkt != nullptr ? rd_kafka_topic_name(message->rkt) : "";
    if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      state.at_end.insert({topic, message->partition});
      continue;
    }
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::cerr << "warning: " << rd_kafka_message_errstr(message.get()) << '\n';
      continue;
    }
    state.at_end.erase({topic, message->partition});

    const std::string type = Header(message.get(), "ce_type");
    const std::string id = Header(message.get(), "ce_id");
    const std::string key =
        message->key != nullptr ? std::string(static_cast<const char*>(message->key), message->key_len) : "";
    // A redelivered or replayed event keeps its ce_id. This example remembers ids in memory;
    // a real consumer records them together with its own effects.
    if (id.empty() || state.seen.insert({topic, id}).second) {
      std::string line = (type.empty() ? "(no ce_type)" : type) + " ce_id=" + id + " key=" + key + " " +
                         Summary(type, message->payload, message->len);
      // A dead letter carries the original event plus why a consumer gave up on it.
      if (const std::string reason = Header(message.get(), "careloop_dlq_reason"); !reason.empty()) {
        line += " dlq_reason=\"" + reason + "\"";
      }
      std::cout << line << std::endl;
    }
    // Handled: only now may the group move past this event.
    rd_kafka_offset_store(message->rkt, message->partition, message->offset);
  }
  rd_kafka_consumer_close(rk);  // commits the stored offsets and leaves the group
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  LinkEventTypes();
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
      std::cout << kUsage;
      return 0;
    }
  }
  try {
    return Run(ParseOptions(argc, argv));
  } catch (const UsageError& e) {
    std::cerr << "error: " << e.what() << '\n' << kUsage;
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
}
