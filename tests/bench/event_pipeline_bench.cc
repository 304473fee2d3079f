// Event pipeline throughput: CareLoop's path for an event (atomic Redis write of state +
// outbox entry → outbox relay → idempotent producer → consumer group with at-least-once offset
// storage) against the baseline measured in the same run on the same broker: raw librdkafka,
// idempotent acks=all produce of the same number of records, then consume them all.
//
//   careloop-bench-pipeline --redis-port P --brokers HOST:PORT [--events N] [--topic-a T] [--topic-b T]
#include <librdkafka/rdkafka.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "common/base/ids.h"
#include "common/kafka/consumer.h"
#include "common/kafka/producer.h"
#include "common/outbox/outbox.h"
#include "common/redis/atomic_write.h"

namespace {

using careloop::Millis;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

careloop::kafka::CloudEvent Event(int i) {
  careloop::kafka::CloudEvent event;
  event.id = careloop::NewRandomId("evt-");
  event.source = "/careloop/bench";
  event.type = "careloop.bench.v1.Thing";
  event.key = "cus-" + std::to_string(i % 1000);
  event.subject = event.key;
  event.time = careloop::Instant{Millis{1'795'300'000'000}};
  event.data = std::string(120, 'x');  // about the size of a VehicleDelivered payload
  return event;
}

// Raw librdkafka: a consumer already assigned to every partition of `topic`, then `count`
// records produced (idempotent, acks=all) while it consumes. Records per second from the first
// produce to the last record consumed.
double Baseline(const careloop::config::KafkaSettings& kafka, const std::string& topic, int count) {
  char error[256];
  rd_kafka_conf_t* cconf = careloop::kafka::MakeConf(
      kafka, {{"group.id", careloop::NewRandomId("bench-")}, {"enable.auto.commit", "false"}});
  rd_kafka_t* consumer = rd_kafka_new(RD_KAFKA_CONSUMER, cconf, error, sizeof error);
  rd_kafka_poll_set_consumer(consumer);
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(consumer, topic.c_str(), nullptr);
  rd_kafka_metadata(consumer, 0, rkt, &metadata, 5000);
  rd_kafka_topic_partition_list_t* partitions = rd_kafka_topic_partition_list_new(4);
  for (int p = 0; p < metadata->topics[0].partition_cnt; ++p) {
    rd_kafka_topic_partition_list_add(partitions, topic.c_str(), p)->offset = RD_KAFKA_OFFSET_END;
  }
  rd_kafka_metadata_destroy(metadata);
  rd_kafka_topic_destroy(rkt);
  rd_kafka_assign(consumer, partitions);
  rd_kafka_topic_partition_list_destroy(partitions);
  // Let the assignment take effect (fetch positions resolved) before the clock starts.
  for (int i = 0; i < 10; ++i) {
    if (rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 100)) {
      rd_kafka_message_destroy(message);
    }
  }

  std::atomic<int> consumed{0};
  std::thread reader([&] {
    while (consumed.load() < count) {
      rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 100);
      if (message != nullptr) {
        if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
          consumed.fetch_add(1);
        }
        rd_kafka_message_destroy(message);
      }
    }
  });

  rd_kafka_conf_t* conf =
      careloop::kafka::MakeConf(kafka, {{"enable.idempotence", "true"}, {"acks", "all"}, {"linger.ms", "5"}});
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  const auto started = Clock::now();
  for (int i = 0; i < count; ++i) {
    const auto event = Event(i);
    while (rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_KEY(event.key.data(), event.key.size()),
                             RD_KAFKA_V_VALUE(const_cast<char*>(event.data.data()), event.data.size()),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(producer, 10);
    }
    rd_kafka_poll(producer, 0);
  }
  rd_kafka_flush(producer, 60'000);
  reader.join();
  const double seconds = Seconds(started);
  rd_kafka_destroy(producer);
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  return count / seconds;
}

// CareLoop: `count` atomic state-change + outbox writes, relayed and consumed by a
// careloop::kafka::Consumer. Returns events per second from the first write to the last handled.
double Pipeline(const careloop::config::RedisSettings& redis, const careloop::config::KafkaSettings& kafka,
                const std::string& topic, int count, int writers) {
  careloop::redis::Connection(redis).Run({"FLUSHDB"});
  careloop::kafka::Producer producer(kafka, "bench-relay");
  std::atomic<int> handled{0};
  careloop::kafka::Consumer consumer(
      kafka, careloop::NewRandomId("bench-"), {topic},
      [&](const careloop::kafka::CloudEvent&) {
        handled.fetch_add(1);
        return careloop::kafka::HandlerResult::Done();
      },
      producer);
  consumer.Start();
  // As in the baseline, the consumer is in place before the clock starts.
  while (consumer.assigned_partitions() == 0) {
    std::this_thread::yield();
  }
  careloop::outbox::Relay relay(redis, producer, "bench:outbox", "bench");
  relay.Start();
  // Writers stand for concurrent gRPC handlers, each on its own connection (as from the pool).
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      careloop::redis::Connection connection(redis);
      for (int i = w; i < count; i += writers) {
        const auto event = Event(i);
        careloop::redis::Apply(connection, {{"SET", "bench:state:" + event.key, std::to_string(i)},
                                            careloop::outbox::AppendCommand("bench:outbox", topic, event)});
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  const double write_seconds = Seconds(started);
  while (handled.load() < count) {
    std::this_thread::yield();
  }
  const double total = Seconds(started);
  relay.Stop();
  consumer.Stop();
  std::printf("  careloop: %d atomic writes by %d writers in %.2fs (%.0f/s), all handled after %.2fs\n", count, writers,
              write_seconds, count / write_seconds, total);
  return count / total;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"event pipeline throughput vs raw librdkafka"};
  int redis_port = 0;
  std::string brokers;
  int events = 50'000;
  std::string topic_a = "careloop.test.a";
  std::string topic_b = "careloop.test.b";
  app.add_option("--redis-port", redis_port)->required();
  app.add_option("--brokers", brokers)->required();
  app.add_option("--events", events);
  int writers = 4;
  app.add_option("--writers", writers, "concurrent writers (connections)")->check(CLI::Range(1, 64));
  app.add_option("--topic-a", topic_a, "topic for the baseline");
  app.add_option("--topic-b", topic_b, "topic for the CareLoop pipeline");
  CLI11_PARSE(app, argc, argv);

  careloop::config::KafkaSettings kafka;
  kafka.brokers = brokers;
  careloop::config::RedisSettings redis;
  redis.port = redis_port;
  redis.db = 9;

  const double baseline = Baseline(kafka, topic_a, events);
  std::printf("  baseline (raw librdkafka produce+consume): %.0f events/s\n", baseline);
  const double pipeline = Pipeline(redis, kafka, topic_b, events, writers);
  std::printf("  careloop pipeline (redis outbox → relay → consumer): %.0f events/s\n", pipeline);
  std::printf("RESULT events=%d writers=%d baseline=%.0f careloop=%.0f ratio=%.2f\n", events, writers, baseline,
              pipeline, pipeline / baseline);
  return 0;
}
