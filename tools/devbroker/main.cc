// careloop-devbroker: a Kafka-protocol broker for development, demos and tests, built on
// librdkafka's mock cluster. It speaks the real Kafka wire protocol (producers, consumer groups,
// idempotence, offsets), so services use their production code paths against it.
//
// Limits (by design; never use it in production):
//   - in memory: everything is lost when it stops;
//   - each partition keeps a bounded tail of its log (librdkafka's mock cluster truncates old
//     message sets), so a consumer far behind can find its offset gone;
//   - plaintext only: no SASL, no SSL, no ACLs; loopback only;
//   - a consumer-group rebalance completes only when the members' rebalance timeout
//     (max.poll.interval.ms) runs out, so a second member of a group waits that long for its
//     partitions (a real broker completes as soon as every member has rejoined).
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/base/signals.h"
#include "common/log/log.h"

namespace {

const std::vector<std::string> kTopics = {
    "careloop.customer.v1", "careloop.reminder.v1",   "careloop.dispatch.v1",
    "careloop.survey.v1",   "careloop.deadletter.v1",
};

// Writes `text` to `path` atomically (temp file + rename) so a reader never sees half of it.
void WriteAtomically(const std::string& path, const std::string& text) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << text << "\n";
  }
  std::filesystem::rename(temp, path);
}

}  // namespace

int main(int argc, char** argv) {
  careloop::BlockTerminationSignals();
  CLI::App app{"careloop-devbroker: in-memory Kafka-protocol broker for development and tests"};
  int brokers = 1;
  int partitions = 4;
  std::string bootstrap_file;
  std::vector<std::string> extra_topics;
  app.add_option("--brokers", brokers, "number of mock brokers")->check(CLI::Range(1, 9));
  app.add_option("--partitions", partitions, "partitions per careloop topic")->check(CLI::Range(1, 256));
  app.add_option("--bootstrap-file", bootstrap_file, "write the bootstrap address here once ready");
  app.add_option("--topic", extra_topics, "an extra topic to create (repeatable)");
  CLI11_PARSE(app, argc, argv);
  careloop::log::Init("devbroker", "info");

  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // The host handle has no brokers of its own; keep librdkafka from warning about that.
  rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);
  // The mock cluster needs a client handle to live in; this one is never used to produce.
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (handle == nullptr) {
    std::fprintf(stderr, "devbroker: %s\n", error);
    return 1;
  }
  rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(handle, brokers);
  if (cluster == nullptr) {
    std::fprintf(stderr, "devbroker: cannot create the mock cluster\n");
    return 1;
  }
  std::vector<std::string> topics = kTopics;
  topics.insert(topics.end(), extra_topics.begin(), extra_topics.end());
  for (const auto& topic : topics) {
    const rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster, topic.c_str(), partitions, 1);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::fprintf(stderr, "devbroker: create topic %s: %s\n", topic.c_str(), rd_kafka_err2str(err));
      return 1;
    }
  }
  const std::string bootstrap = rd_kafka_mock_cluster_bootstraps(cluster);
  if (!bootstrap_file.empty()) {
    WriteAtomically(bootstrap_file, bootstrap);
  }
  careloop::log::Info("devbroker ready", {{"bootstrap", bootstrap}, {"partitions", partitions}, {"topics", topics}});
  std::printf("%s\n", bootstrap.c_str());
  std::fflush(stdout);

  const int signal = careloop::WaitForTerminationSignal();
  careloop::log::Info("devbroker stopping", {{"signal", signal}});
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(handle);
  if (!bootstrap_file.empty()) {
    std::filesystem::remove(bootstrap_file);
  }
  return 0;
}
