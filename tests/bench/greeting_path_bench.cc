// The helper binary of the whole-path holiday greeting benchmark (issue 10 item 10). The run
// itself is tests/bench/greeting_path.sh: it starts the deployed stack (deploy/local/up.sh: the
// real careloop-customers, -reminders, -dispatch, -surveys, the fake gateway, the dev broker and
// redis-server) and drives it through its public interfaces (careloopctl, metrics, the gateway's
// ledger). This binary does the four things that need code:
//
//   seed      setup, not measured: N customers of store S001 (each with a mobile, consenting to
//             SMS as every new customer does) written through the customers service's own code
//             (CustomersApp over RedisCustomerStore, the atomic writes the gRPC API makes), by
//             several threads at once; then classified until nothing is due, as the service's
//             classification worker would; then the customers outbox is emptied, so the
//             seeding's own events (CustomerCreated, SegmentChanged…) do not flood the services
//             during the measured run. Writes the customer ids, one a line, to --ids.
//   baseline  raw librdkafka produce (idempotent, acks=all) + consume of N records of a
//             MessageSent's size (same value and CloudEvents headers) through the same broker,
//             timed from the first produce to the last record consumed. The producer stays at
//             most --window records (default 20,000) ahead of the consumer: the dev broker keeps
//             only a bounded tail of each partition and drops what lies further back.
//   watch     reads careloop.reminder.v1 and careloop.dispatch.v1 from the beginning (no group,
//             every partition assigned) while the run goes on, counting records per CloudEvents
//             type with the first and last record timestamp (the producer's CreateTime, wall
//             clock ms); when --sent MessageSent have been seen it prints the counts as JSON
//             and exits (or after --timeout seconds, or when the broker dropped records it had
//             not read yet, with what it saw: exit code 2).
//   verify    after the run: reads every seeded customer's timeline through the customers
//             service's RedisContactLog and counts those with a "message sent" contact.
//
//   careloop-bench-greeting seed --redis-port P --customers N --ids FILE [--threads T]
//   careloop-bench-greeting baseline --brokers HOST:PORT --records N [--window W]
//   careloop-bench-greeting watch --brokers HOST:PORT --sent N [--timeout S]
//   careloop-bench-greeting verify --redis-port P --ids FILE [--threads T]
#include <librdkafka/rdkafka.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "careloop/dispatch/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/kafka/cloud_event.h"
#include "common/kafka/producer.h"
#include "common/log/log.h"
#include "common/redis/client.h"
#include "services/customers/adapters/redis_contact_log.h"
#include "services/customers/adapters/redis_customer_repository.h"
#include "services/customers/adapters/redis_keys.h"
#include "services/customers/app/customers_app.h"
#include "tests/bench/synthetic_customers.h"

namespace {

using namespace careloop;
using SteadyClock = std::chrono::steady_clock;

double Seconds(SteadyClock::time_point since) {
  return std::chrono::duration<double>(SteadyClock::now() - since).count();
}

config::RedisSettings RedisAt(int port, int pool_size) {
  config::RedisSettings redis;
  redis.port = port;
  redis.db = 0;  // the services' database (deploy/local/careloop.yaml.in)
  redis.pool_size = pool_size;
  redis.timeout_ms = 30'000;
  return redis;
}

// Splits [0, count) over `threads` threads running `work(i)`.
void Parallel(int count, int threads, const std::function<void(int)>& work) {
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = t; i < count; i += threads) {
        work(i);
      }
    });
  }
  for (auto& worker : workers) {
    worker.join();
  }
}

int Seed(int redis_port, int customers, int threads, const std::string& ids_path, const std::string& now) {
  redis::Pool pool(RedisAt(redis_port, threads + 1));
  const auto today = ParseRfc3339(now);
  if (!today) {
    std::fprintf(stderr, "--now: not an RFC 3339 time: %s\n", now.c_str());
    return 1;
  }
  clock::ManualClock clock(*today);
  const config::StoreCatalog stores(
      {{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}});
  customers::adapters::RedisCustomerStore store(pool, clock);
  customers::app::CustomersApp app(store.ports(), clock, stores);
  const auth::Principal admin{"bench-seed", auth::Role::kAdmin, {"*"}, true};

  std::vector<std::string> ids(static_cast<size_t>(customers));
  std::atomic<int> done{0};
  std::atomic<int> failures{0};
  std::mutex error_mutex;
  std::string first_error;
  const auto started = SteadyClock::now();
  Parallel(customers, threads, [&](int i) {
    const bench::SyntheticDelivery row = bench::MakeDelivery(i);
    customers::domain::NewCustomer person;
    person.store_id = "S001";
    person.name = row.name;
    person.mobile = row.mobile;
    person.gender = i % 2 == 0 ? customers::domain::Gender::kMale : customers::domain::Gender::kFemale;
    auto created = app.CreateCustomer(admin, person, "bench-seed-" + std::to_string(i));
    if (!created.ok()) {
      failures.fetch_add(1);
      std::lock_guard lock(error_mutex);
      if (first_error.empty()) {
        first_error = created.error().ToString();
      }
      return;
    }
    ids[static_cast<size_t>(i)] = created->customer_id;
    if (const int n = done.fetch_add(1) + 1; n % 100'000 == 0) {
      std::fprintf(stderr, "  seed: %d customers in %.0fs\n", n, Seconds(started));
    }
  });
  if (failures.load() > 0) {
    std::fprintf(stderr, "seed: %d customers refused, first: %s\n", failures.load(), first_error.c_str());
    return 1;
  }
  const double created_s = Seconds(started);
  // The classification worker's work, done here so the service has none left at the start.
  std::atomic<long long> classified{0};
  Parallel(threads, threads, [&](int) {
    while (const int n = app.ReclassifyDue(100)) {
      classified.fetch_add(n);
    }
  });
  // The seeding's own events stay out of the measured run (see the header).
  pool.Acquire()->Run({"DEL", customers::adapters::keys::kOutbox});
  std::ofstream out(ids_path, std::ios::trunc);
  for (const auto& id : ids) {
    out << id << "\n";
  }
  std::printf("seeded %d customers in %.1fs, classified %lld in %.1fs more\n", customers, created_s, classified.load(),
              Seconds(started) - created_s);
  return out ? 0 : 1;
}

// A MessageSent of a campaign greeting as dispatch publishes it, with its CloudEvents headers.
kafka::CloudEvent SentEvent(int i) {
  careloop::dispatch::v1::MessageSent sent;
  char customer[32];
  std::snprintf(customer, sizeof customer, "cus-%020d", i);
  sent.set_message_id("msg-0123456789abcdef0123456789abcdef01234567");
  sent.set_customer_id(customer);
  sent.set_store_id("S001");
  sent.set_channel(careloop::common::v1::CHANNEL_SMS);
  sent.set_provider("aliyun");
  sent.set_provider_message_id("900619746936498440^0");
  sent.set_template_id("SMS_HOLIDAY_GREETING");
  sent.set_reminder_id("rem-0123456789abcdef0123");
  sent.set_occurrence(1);
  sent.mutable_sent_at()->set_seconds(1'789'434'000);
  sent.set_reminder_kind(careloop::reminder::v1::REMINDER_KIND_HOLIDAY_GREETING);
  sent.set_campaign_id("cmp-0123456789abcdef0123");
  sent.set_marketing(true);
  kafka::CloudEvent event;
  event.id = "msg-0123456789abcdef0123456789abcdef01234567/sent";
  event.source = "/careloop/dispatch";
  event.type = "careloop.dispatch.v1.MessageSent";
  event.subject = customer;
  event.key = customer;
  event.time = Instant{std::chrono::seconds(1'789'434'000)};
  event.data = sent.SerializeAsString();
  return event;
}

// The topic's partitions, from the broker's metadata (0 when the topic is unknown).
int PartitionCount(rd_kafka_t* handle, const std::string& topic) {
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(handle, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* metadata = nullptr;
  int count = 0;
  if (rd_kafka_metadata(handle, 0, rkt, &metadata, 10'000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    if (metadata->topic_cnt == 1 && metadata->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      count = metadata->topics[0].partition_cnt;
    }
    rd_kafka_metadata_destroy(metadata);
  }
  rd_kafka_topic_destroy(rkt);
  return count;
}

// Assigns every partition of `topics` to `consumer` at `offset`; false if a topic is unknown.
bool AssignAll(rd_kafka_t* consumer, const std::vector<std::string>& topics, int64_t offset) {
  rd_kafka_topic_partition_list_t* partitions = rd_kafka_topic_partition_list_new(8);
  bool known = true;
  for (const auto& topic : topics) {
    const int count = PartitionCount(consumer, topic);
    known = known && count > 0;
    for (int p = 0; p < count; ++p) {
      rd_kafka_topic_partition_list_add(partitions, topic.c_str(), p)->offset = offset;
    }
  }
  rd_kafka_assign(consumer, partitions);
  rd_kafka_topic_partition_list_destroy(partitions);
  return known;
}

// A consumer outside any group (partitions are assigned); a position the broker no longer holds
// is an error (RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET), not a silent skip.
rd_kafka_t* NewConsumer(const config::KafkaSettings& kafka) {
  char error[256];
  rd_kafka_conf_t* conf = kafka::MakeConf(
      kafka,
      {{"group.id", NewRandomId("bench-greeting-")}, {"enable.auto.commit", "false"}, {"auto.offset.reset", "error"}});
  rd_kafka_t* consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
  if (consumer == nullptr) {
    throw std::runtime_error(std::string("consumer: ") + error);
  }
  rd_kafka_poll_set_consumer(consumer);
  return consumer;
}

int Baseline(const config::KafkaSettings& kafka, int records, int window) {
  const std::string topic = "careloop.bench.greeting." + NewRandomId("");
  char error[256];
  rd_kafka_conf_t* conf = kafka::MakeConf(kafka, {{"enable.idempotence", "true"}, {"acks", "all"}, {"linger.ms", "5"}});
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (producer == nullptr) {
    std::fprintf(stderr, "producer: %s\n", error);
    return 1;
  }
  // The broker creates the topic on first use; the consumer is assigned before the clock starts.
  if (PartitionCount(producer, topic) == 0) {
    std::fprintf(stderr, "the broker did not create %s\n", topic.c_str());
    return 1;
  }
  rd_kafka_t* consumer = NewConsumer(kafka);
  AssignAll(consumer, {topic}, RD_KAFKA_OFFSET_BEGINNING);
  for (int i = 0; i < 10; ++i) {
    if (rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 100)) {
      rd_kafka_message_destroy(message);
    }
  }
  std::atomic<int> consumed{0};
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    while (consumed.load() < records && !stop.load()) {
      rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 100);
      if (message != nullptr) {
        if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
          consumed.fetch_add(1);
        }
        rd_kafka_message_destroy(message);
      }
    }
  });
  const kafka::CloudEvent event = SentEvent(0);
  const auto headers = kafka::ToHeaders(event);
  size_t bytes = event.data.size();
  for (const auto& [name, value] : headers) {
    bytes += name.size() + value.size();
  }
  const auto started = SteadyClock::now();
  for (int i = 0; i < records; ++i) {
    // The dev broker keeps a bounded tail of each partition: the producer stays at most `window`
    // records ahead of the consumer, so nothing is dropped before it is read.
    while (i - consumed.load() >= window) {
      rd_kafka_poll(producer, 1);
    }
    char key[32];
    std::snprintf(key, sizeof key, "cus-%020d", i);
    rd_kafka_headers_t* record_headers = rd_kafka_headers_new(headers.size());
    for (const auto& [name, value] : headers) {
      rd_kafka_header_add(record_headers, name.data(), static_cast<ssize_t>(name.size()), value.data(),
                          static_cast<ssize_t>(value.size()));
    }
    rd_kafka_resp_err_t err;
    while ((err = rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                    RD_KAFKA_V_KEY(key, std::strlen(key)),
                                    RD_KAFKA_V_VALUE(const_cast<char*>(event.data.data()), event.data.size()),
                                    RD_KAFKA_V_HEADERS(record_headers), RD_KAFKA_V_END)) ==
           RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(producer, 10);
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      rd_kafka_headers_destroy(record_headers);  // not taken over by a failed produce
      std::fprintf(stderr, "produce: %s\n", rd_kafka_err2str(err));
      return 1;
    }
    rd_kafka_poll(producer, 0);
  }
  rd_kafka_flush(producer, 600'000);
  const double produced_s = Seconds(started);
  const auto deadline = SteadyClock::now() + std::chrono::minutes(10);
  while (consumed.load() < records && SteadyClock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const double seconds = Seconds(started);
  stop.store(true);
  reader.join();
  rd_kafka_destroy(producer);
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  if (consumed.load() < records) {
    std::fprintf(stderr, "baseline: only %d of %d records consumed\n", consumed.load(), records);
    return 1;
  }
  std::printf("{\"records\": %d, \"record_bytes\": %zu, \"produced_s\": %.3f, \"consumed_s\": %.3f}\n", records, bytes,
              produced_s, seconds);
  return 0;
}

struct TypeStats final {
  long long count = 0;
  long long first_ms = 0;
  long long last_ms = 0;
};

int Watch(const config::KafkaSettings& kafka, long long sent_wanted, int timeout_s) {
  rd_kafka_t* consumer = NewConsumer(kafka);
  if (!AssignAll(consumer, {kafka::kReminderTopic, kafka::kDispatchTopic}, RD_KAFKA_OFFSET_BEGINNING)) {
    std::fprintf(stderr, "watch: a careloop topic is missing on the broker\n");
    return 1;
  }
  std::map<std::string, std::map<std::string, TypeStats>> by_topic;
  long long dispatch_records = 0;
  const std::string kSent = "careloop.dispatch.v1.MessageSent";
  const auto deadline = SteadyClock::now() + std::chrono::seconds(timeout_s);
  bool complete = false;
  while (SteadyClock::now() < deadline) {
    rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 100);
    if (message == nullptr) {
      continue;
    }
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const std::string topic = rd_kafka_topic_name(message->rkt);
      std::string type = "(no ce_type)";
      rd_kafka_headers_t* headers = nullptr;
      const void* value = nullptr;
      size_t size = 0;
      if (rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR &&
          rd_kafka_header_get_last(headers, "ce_type", &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        type.assign(static_cast<const char*>(value), size);
      }
      const long long at = rd_kafka_message_timestamp(message, nullptr);
      TypeStats& stats = by_topic[topic][type];
      stats.first_ms = stats.count == 0 ? at : std::min(stats.first_ms, at);
      stats.last_ms = std::max(stats.last_ms, at);
      ++stats.count;
      if (topic == kafka::kDispatchTopic) {
        ++dispatch_records;
      }
      complete = by_topic[kafka::kDispatchTopic][kSent].count >= sent_wanted;
    } else if (message->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET) {
      std::fprintf(stderr, "watch: the broker dropped events before they were read (%s)\n",
                   rd_kafka_message_errstr(message));
      rd_kafka_message_destroy(message);
      break;
    } else if (message->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      std::fprintf(stderr, "watch: %s\n", rd_kafka_message_errstr(message));
    }
    rd_kafka_message_destroy(message);
    if (complete) {
      break;
    }
  }
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  nlohmann::json out = {
      {"complete", complete}, {"dispatch_records", dispatch_records}, {"topics", nlohmann::json::object()}};
  for (const auto& [topic, types] : by_topic) {
    for (const auto& [type, stats] : types) {
      out["topics"][topic][type] = {{"count", stats.count}, {"first_ms", stats.first_ms}, {"last_ms", stats.last_ms}};
    }
  }
  std::printf("%s\n", out.dump().c_str());
  return complete ? 0 : 2;
}

int Verify(int redis_port, const std::string& ids_path, int threads) {
  std::vector<std::string> ids;
  std::ifstream in(ids_path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) {
      ids.push_back(line);
    }
  }
  redis::Pool pool(RedisAt(redis_port, threads + 1));
  customers::adapters::RedisContactLog timeline(pool);
  std::atomic<long long> with_sent{0};
  std::atomic<long long> sent_entries{0};
  Parallel(static_cast<int>(ids.size()), threads, [&](int i) {
    int sent = 0;
    for (const auto& contact : timeline.Contacts(ids[static_cast<size_t>(i)])) {
      if (contact.summary.find("message sent via") != std::string::npos) {
        ++sent;
      }
    }
    sent_entries.fetch_add(sent);
    if (sent > 0) {
      with_sent.fetch_add(1);
    }
  });
  std::printf("{\"customers\": %zu, \"with_message_sent\": %lld, \"message_sent_entries\": %lld}\n", ids.size(),
              with_sent.load(), sent_entries.load());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"holiday greeting whole-path benchmark helper (see tests/bench/greeting_path.sh)"};
  app.require_subcommand(1);
  int redis_port = 0;
  int customers = 1'000'000;
  int threads = 4;
  int timeout_s = 7200;
  long long sent = 0;
  int window = 20'000;
  std::string brokers;
  std::string ids_path;
  std::string now = "2027-09-14T09:00:00+08:00";
  CLI::App* seed = app.add_subcommand("seed", "write N customers through the customers service's code");
  seed->add_option("--redis-port", redis_port)->required();
  seed->add_option("--customers", customers)->check(CLI::Range(1, 2'000'000));
  seed->add_option("--threads", threads)->check(CLI::Range(1, 32));
  seed->add_option("--ids", ids_path, "file to write the customer ids to")->required();
  seed->add_option("--now", now, "the services' clock while seeding (RFC 3339)");
  CLI::App* baseline = app.add_subcommand("baseline", "raw produce + consume of N MessageSent-sized records");
  baseline->add_option("--brokers", brokers)->required();
  baseline->add_option("--records", customers)->check(CLI::Range(1, 10'000'000));
  baseline->add_option("--window", window, "most records produced and not yet consumed")
      ->check(CLI::Range(1, 1'000'000));
  CLI::App* watch = app.add_subcommand("watch", "count the reminder and dispatch topics' events until N sent");
  watch->add_option("--brokers", brokers)->required();
  watch->add_option("--sent", sent)->required()->check(CLI::Range(1LL, 10'000'000LL));
  watch->add_option("--timeout", timeout_s, "seconds")->check(CLI::Range(1, 86'400));
  CLI::App* verify = app.add_subcommand("verify", "count the seeded customers whose timeline shows a sent message");
  verify->add_option("--redis-port", redis_port)->required();
  verify->add_option("--ids", ids_path)->required();
  verify->add_option("--threads", threads)->check(CLI::Range(1, 32));
  CLI11_PARSE(app, argc, argv);
  log::Init("bench", "warn");
  config::KafkaSettings kafka;
  kafka.brokers = brokers;
  if (seed->parsed()) {
    return Seed(redis_port, customers, threads, ids_path, now);
  }
  if (baseline->parsed()) {
    return Baseline(kafka, customers, window);
  }
  if (watch->parsed()) {
    return Watch(kafka, sent, timeout_s);
  }
  return Verify(redis_port, ids_path, threads);
}
