// The Kafka and outbox libraries against the dev broker (real Kafka protocol) and redis-server.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>

#include "common/base/ids.h"
#include "common/kafka/consumer.h"
#include "common/kafka/producer.h"
#include "common/outbox/outbox.h"
#include "common/redis/atomic_write.h"
#include "tests/integration/kafka_probe.h"
#include "tests/integration/test_env.h"

namespace careloop {
namespace {

constexpr int kDb = 2;

kafka::CloudEvent Event(const std::string& key, const std::string& data) {
  kafka::CloudEvent event;
  event.id = NewRandomId("evt-");
  event.source = "/careloop/test";
  event.type = "careloop.test.v1.Thing";
  event.subject = key;
  event.key = key;
  event.time = *ParseRfc3339("2026-11-22T02:00:00Z");
  event.data = data;
  return event;
}

TEST(KafkaProducer, DeliversWithCloudEventHeadersAndKey) {
  const auto& env = testing::TestEnv::Get();
  kafka::Producer producer(env.Kafka(), "test-producer");
  const std::string key = NewRandomId("cus-");
  const kafka::CloudEvent sent = Event(key, "payload-1");
  ASSERT_TRUE(producer.ProduceAndWait("careloop.test.a", sent, Millis{10'000}).ok());
  testing::TopicProbe probe(env.kafka_brokers, "careloop.test.a");
  auto events = probe.ReadUntil([&](const auto& read) {
    return std::any_of(read.begin(), read.end(), [&](const auto& e) { return e.id == sent.id; });
  });
  auto it = std::find_if(events.begin(), events.end(), [&](const auto& e) { return e.id == sent.id; });
  ASSERT_NE(it, events.end());
  EXPECT_EQ(it->key, key);
  EXPECT_EQ(it->subject, key);
  EXPECT_EQ(it->type, "careloop.test.v1.Thing");
  EXPECT_EQ(it->content_type, "application/protobuf");
  EXPECT_EQ(it->data, "payload-1");
}

TEST(KafkaConsumer, RetryableFailureRedeliversTheSameEventUntilItSucceeds) {
  const auto& env = testing::TestEnv::Get();
  kafka::Producer producer(env.Kafka(), "test-producer");
  const kafka::CloudEvent sent = Event(NewRandomId("cus-"), "retry-me");
  ASSERT_TRUE(producer.ProduceAndWait("careloop.test.b", sent, Millis{10'000}).ok());
  std::atomic<int> attempts{0};
  std::atomic<bool> done{false};
  kafka::Consumer consumer(
      env.Kafka(), NewRandomId("group-"), {"careloop.test.b"},
      [&](const kafka::CloudEvent& event) {
        if (event.id != sent.id) {
          return kafka::HandlerResult::Done();
        }
        if (attempts.fetch_add(1) == 0) {
          return kafka::HandlerResult::Retry("redis briefly down");
        }
        done = true;
        return kafka::HandlerResult::Done();
      },
      producer);
  consumer.Start();
  EXPECT_TRUE(testing::Eventually([&] { return done.load(); }));
  consumer.Stop();
  EXPECT_EQ(attempts.load(), 2);
}

TEST(KafkaConsumer, PoisonGoesToTheDeadLetterTopicAndTheConsumerMovesOn) {
  const auto& env = testing::TestEnv::Get();
  kafka::Producer producer(env.Kafka(), "test-producer");
  const std::string key = NewRandomId("cus-");  // same key: same partition, so order is kept
  const kafka::CloudEvent poison = Event(key, "garbage");
  const kafka::CloudEvent good = Event(key, "fine");
  ASSERT_TRUE(producer.ProduceAndWait("careloop.test.c", poison, Millis{10'000}).ok());
  ASSERT_TRUE(producer.ProduceAndWait("careloop.test.c", good, Millis{10'000}).ok());
  std::atomic<bool> good_handled{false};
  kafka::Consumer consumer(
      env.Kafka(), NewRandomId("group-"), {"careloop.test.c"},
      [&](const kafka::CloudEvent& event) {
        if (event.id == poison.id) {
          return kafka::HandlerResult::Poison("payload does not decode");
        }
        if (event.id == good.id) {
          good_handled = true;
        }
        return kafka::HandlerResult::Done();
      },
      producer);
  consumer.Start();
  EXPECT_TRUE(testing::Eventually([&] { return good_handled.load(); }));
  consumer.Stop();
  testing::TopicProbe probe(env.kafka_brokers, kafka::kDeadLetterTopic);
  auto letters = probe.ReadUntil([&](const auto& read) {
    return std::any_of(read.begin(), read.end(), [&](const auto& e) { return e.id == poison.id; });
  });
  auto it = std::find_if(letters.begin(), letters.end(), [&](const auto& e) { return e.id == poison.id; });
  ASSERT_NE(it, letters.end());
  EXPECT_EQ(testing::HeaderOf(*it, kafka::kDeadLetterReasonHeader), "payload does not decode");
  EXPECT_EQ(testing::HeaderOf(*it, kafka::kDeadLetterSourceTopicHeader), "careloop.test.c");
  EXPECT_EQ(it->data, "garbage");
  EXPECT_EQ(it->key, key);
}

TEST(KafkaConsumer, RecordWithoutCloudEventHeadersIsDeadLettered) {
  const auto& env = testing::TestEnv::Get();
  kafka::Producer producer(env.Kafka(), "test-producer");
  // A raw record from a foreign producer: no ce_* headers at all.
  rd_kafka_conf_t* conf = kafka::MakeConf(env.Kafka(), {});
  char error[256];
  rd_kafka_t* raw = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  const std::string marker = NewRandomId("raw-");
  rd_kafka_producev(raw, RD_KAFKA_V_TOPIC("careloop.test.d"), RD_KAFKA_V_KEY(marker.data(), marker.size()),
                    RD_KAFKA_V_VALUE(const_cast<char*>("junk"), 4), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                    RD_KAFKA_V_END);
  rd_kafka_flush(raw, 10'000);
  rd_kafka_destroy(raw);
  std::atomic<int> handled{0};
  kafka::Consumer consumer(
      env.Kafka(), NewRandomId("group-"), {"careloop.test.d"},
      [&](const kafka::CloudEvent&) {
        handled.fetch_add(1);
        return kafka::HandlerResult::Done();
      },
      producer);
  consumer.Start();
  EXPECT_TRUE(testing::Eventually([&] { return consumer.dead_lettered() >= 1; }));
  consumer.Stop();
  EXPECT_EQ(handled.load(), 0);
  testing::TopicProbe probe(env.kafka_brokers, kafka::kDeadLetterTopic);
  auto letters = probe.ReadUntil([&](const auto& read) {
    return std::any_of(read.begin(), read.end(), [&](const auto& e) { return e.key == marker; });
  });
  auto it = std::find_if(letters.begin(), letters.end(), [&](const auto& e) { return e.key == marker; });
  ASSERT_NE(it, letters.end());
  EXPECT_NE(testing::HeaderOf(*it, kafka::kDeadLetterReasonHeader).find("ce_specversion"), std::string::npos);
}

TEST(KafkaConsumer, CooperativeRebalanceSplitsPartitionsWithoutStoppingTheFirstMember) {
  const auto& env = testing::TestEnv::Get();
  kafka::Producer producer(env.Kafka(), "test-producer");
  const std::string group = NewRandomId("group-");
  std::mutex mutex;
  std::set<std::string> handled_by_first;
  std::set<std::string> handled_by_second;
  auto remember = [&mutex](std::set<std::string>& into) {
    return [&mutex, &into](const kafka::CloudEvent& event) {
      std::lock_guard lock(mutex);
      into.insert(event.id);
      return kafka::HandlerResult::Done();
    };
  };
  // The dev broker (librdkafka's mock cluster) completes a rebalance only when the members'
  // rebalance timeout (max.poll.interval.ms) runs out, so keep it short here; a real broker
  // completes as soon as every member has rejoined.
  config::KafkaSettings settings = env.Kafka();
  settings.librdkafka["max.poll.interval.ms"] = "8000";
  settings.librdkafka["session.timeout.ms"] = "6000";
  settings.librdkafka["heartbeat.interval.ms"] = "500";
  kafka::Consumer first(settings, group, {"careloop.test.b"}, remember(handled_by_first), producer);
  first.Start();
  ASSERT_TRUE(testing::Eventually([&] { return first.assigned_partitions() == 2; }, std::chrono::seconds(20)));
  kafka::Consumer second(settings, group, {"careloop.test.b"}, remember(handled_by_second), producer);
  second.Start();
  // Incremental (cooperative-sticky): the first member gives up one partition and keeps the other.
  ASSERT_TRUE(testing::Eventually([&] { return first.assigned_partitions() == 1 && second.assigned_partitions() == 1; },
                                  std::chrono::seconds(30)));
  std::set<std::string> sent;
  for (int i = 0; i < 40; ++i) {
    kafka::CloudEvent event = Event("cus-" + std::to_string(i), "x");
    sent.insert(event.id);
    ASSERT_TRUE(producer.Produce("careloop.test.b", event, [](const Status&) {}).ok());
  }
  ASSERT_TRUE(producer.Flush(Millis{10'000}));
  auto all_handled = [&] {
    std::lock_guard lock(mutex);
    return std::all_of(sent.begin(), sent.end(), [&](const std::string& id) {
      return handled_by_first.contains(id) || handled_by_second.contains(id);
    });
  };
  EXPECT_TRUE(testing::Eventually(all_handled, std::chrono::seconds(20)));
  std::lock_guard lock(mutex);
  const auto count = [&](const std::set<std::string>& handled) {
    return std::count_if(sent.begin(), sent.end(), [&](const std::string& id) { return handled.contains(id); });
  };
  EXPECT_GT(count(handled_by_first), 0);
  EXPECT_GT(count(handled_by_second), 0);
}

TEST(Outbox, RelayPublishesInOrderAndDeletesOnlyDeliveredEntries) {
  const auto& env = testing::TestEnv::Get();
  auto pool = testing::FreshRedis(kDb);
  kafka::Producer producer(env.Kafka(), "test-relay");
  const std::string key = NewRandomId("cus-");
  std::vector<std::string> ids;
  {
    auto connection = pool->Acquire();
    for (int i = 0; i < 20; ++i) {
      kafka::CloudEvent event = Event(key, "n" + std::to_string(i));
      ids.push_back(event.id);
      // The state change and its outbox entry in one atomic write.
      redis::Apply(*connection, {{"INCR", "state"}, outbox::AppendCommand("test:outbox", "careloop.test.a", event)});
    }
  }
  outbox::Relay relay(env.Redis(kDb), producer, "test:outbox", "relay-1");
  relay.Start();
  EXPECT_TRUE(testing::Eventually([&] { return relay.published() == 20; }));
  relay.Stop();
  EXPECT_EQ(pool->Acquire()->Run({"XLEN", "test:outbox"}).Integer(), 0);
  testing::TopicProbe probe(env.kafka_brokers, "careloop.test.a");
  auto events = probe.ReadUntil([&](const auto& read) {
    return std::count_if(read.begin(), read.end(), [&](const auto& e) { return e.key == key; }) >= 20;
  });
  std::vector<std::string> seen;
  for (const auto& event : events) {
    if (event.key == key) {
      seen.push_back(event.id);
    }
  }
  EXPECT_EQ(seen, ids);  // same key, same partition: publication order is append order
}

}  // namespace
}  // namespace careloop
