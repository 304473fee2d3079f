// careloopctl's `events tail` and `events produce-raw` against the dev broker: a tail from the
// beginning stops at the end of the topic unless it follows, and no tool or consumer ever
// creates a topic by asking for it.
#include <gtest/gtest.h>

#include <csignal>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "common/base/ids.h"
#include "common/kafka/consumer.h"
#include "tests/integration/test_env.h"
#include "tools/careloopctl/events_tail.h"

namespace careloop {
namespace {

using ctl::TailOptions;
using ctl::TailRecord;

// Fixture topics (tests/integration/fixture.sh) of these tests alone (their records are no
// CloudEvents, which a consumer of another test's topic would dead-letter); each test reads
// only its own records, by a key of its own.
constexpr const char* kTopic = "careloop.test.tail.a";
constexpr const char* kOtherTopic = "careloop.test.tail.b";
constexpr auto kDeadline = std::chrono::seconds(30);

TailRecord Record(const std::string& key, const std::string& value) {
  TailRecord record;
  record.key = key;
  record.value = value;
  record.headers = {{"ce_type", "careloop.test.v1.Thing"}, {"ce_id", NewRandomId("evt-")}};
  return record;
}

// Runs TailEvents on its own thread, collecting what it reads.
class Tail final {
 public:
  explicit Tail(TailOptions options) : options_(std::move(options)) {
    options_.on_record = [this](const TailRecord& record) {
      std::lock_guard lock(mutex_);
      values_.push_back(record.value);
      return true;
    };
    done_ = std::async(std::launch::async, [this] { ctl::TailEvents(options_, std::cerr); });
  }
  ~Tail() {
    if (done_.valid() && done_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      std::raise(SIGINT);  // TailEvents stops on SIGINT
    }
  }

  /// True when the tail returned by itself within the deadline.
  bool Returned() {
    if (done_.wait_for(kDeadline) != std::future_status::ready) {
      return false;
    }
    done_.get();
    return true;
  }
  [[nodiscard]] size_t Count() {
    std::lock_guard lock(mutex_);
    return values_.size();
  }
  [[nodiscard]] std::vector<std::string> Values() {
    std::lock_guard lock(mutex_);
    return values_;
  }

 private:
  TailOptions options_;
  std::mutex mutex_;
  std::vector<std::string> values_;
  std::future<void> done_;
};

TailOptions FromBeginning(const std::string& key) {
  TailOptions options;
  options.brokers = testing::TestEnv::Get().kafka_brokers;
  options.topics = {kTopic};
  options.from_beginning = true;
  options.key = key;
  return options;
}

TEST(EventsTail, FromTheBeginningStopsAtTheEndWhenFewerRecordsThanMaxExist) {
  const std::string key = NewRandomId("cus-");
  const auto& brokers = testing::TestEnv::Get().kafka_brokers;
  ctl::ProduceRecord(brokers, kTopic, Record(key, "one"));
  ctl::ProduceRecord(brokers, kTopic, Record(key, "two"));
  auto options = FromBeginning(key);
  options.max_records = 5;
  Tail tail(options);
  ASSERT_TRUE(tail.Returned()) << "the tail did not stop at the end of the topic";
  EXPECT_EQ(tail.Values(), (std::vector<std::string>{"one", "two"}));
}

TEST(EventsTail, FollowKeepsReadingPastTheEnd) {
  const std::string key = NewRandomId("cus-");
  const auto& brokers = testing::TestEnv::Get().kafka_brokers;
  ctl::ProduceRecord(brokers, kTopic, Record(key, "before"));
  auto options = FromBeginning(key);
  options.follow = true;
  options.max_records = 2;
  Tail tail(options);
  ASSERT_TRUE(testing::Eventually([&] { return tail.Count() == 1; }, kDeadline));
  ctl::ProduceRecord(brokers, kTopic, Record(key, "after"));
  ASSERT_TRUE(tail.Returned());
  EXPECT_EQ(tail.Values(), (std::vector<std::string>{"before", "after"}));
}

TEST(EventsTail, SeveralTopicsAreReadToTheirEnds) {
  const std::string key = NewRandomId("cus-");
  const auto& brokers = testing::TestEnv::Get().kafka_brokers;
  ctl::ProduceRecord(brokers, kOtherTopic, Record(key, "on b"));
  ctl::ProduceRecord(brokers, kTopic, Record(key, "on a"));
  auto options = FromBeginning(key);
  options.topics = {kOtherTopic, kTopic};
  Tail tail(options);
  ASSERT_TRUE(tail.Returned());
  auto values = tail.Values();
  std::sort(values.begin(), values.end());
  EXPECT_EQ(values, (std::vector<std::string>{"on a", "on b"}));
}

TEST(EventsTail, AnUnknownTopicIsRefusedNamingTheKnownOnesAndIsNotCreated) {
  const std::string topic = NewRandomId("careloop.test.nosuch-");
  auto options = FromBeginning("any");
  options.topics = {topic};
  try {
    ctl::TailEvents(options, std::cerr);
    FAIL() << "an unknown topic was read";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("no topic '" + topic + "'"), std::string::npos) << message;
    EXPECT_NE(message.find("careloop.test.a"), std::string::npos) << message;
  }
  EXPECT_FALSE(ctl::ListTopics(options.brokers).contains(topic));
}

TEST(EventsProduce, AnUnknownTopicIsRefusedAndIsNotCreated) {
  const std::string topic = NewRandomId("careloop.test.nosuch-");
  const auto& brokers = testing::TestEnv::Get().kafka_brokers;
  EXPECT_THROW(ctl::ProduceRecord(brokers, topic, Record("k", "v")), std::runtime_error);
  EXPECT_FALSE(ctl::ListTopics(brokers).contains(topic));
}

// The dev broker cannot show this one: its Metadata API predates the flag (librdkafka logs
// "allow.auto.create.topics=false not supported by broker"), so it creates what a consumer
// subscribes to, and pre-creates every careloop topic instead. A real broker honours it.
TEST(KafkaConsumer, NeverAutoCreatesTopicsWhateverThePassThroughSays) {
  auto settings = testing::TestEnv::Get().Kafka();
  settings.librdkafka["allow.auto.create.topics"] = "true";
  rd_kafka_conf_t* conf = kafka::MakeConsumerConf(settings, {{"group.id", "g"}});
  char value[16];
  size_t size = sizeof value;
  ASSERT_EQ(rd_kafka_conf_get(conf, "allow.auto.create.topics", value, &size), RD_KAFKA_CONF_OK);
  EXPECT_STREQ(value, "false");
  rd_kafka_conf_destroy(conf);
}

}  // namespace
}  // namespace careloop
