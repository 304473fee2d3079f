// Launching a holiday greeting campaign to N customers (default 1,000,000), end to end on the
// reminders service's own code: CampaignsApp resolves the audience page by page through its
// CustomerDirectory port, fixes it in Redis and schedules one reminder per customer in batches
// (RedisCampaignRepository: one optimistic MULTI/EXEC per batch, ReminderScheduled each); on the
// send day RemindersApp's timers worker (`--instances` of them, as service instances would) fires
// every reminder (ReminderDue each), and the outbox relay publishes every event to the broker.
// The clock stops when the outbox is empty: every ReminderDue has been acknowledged by the broker.
// Baseline, same run and broker: raw librdkafka produce (idempotent, acks=all) of N records of a
// ReminderDue's size.
//
// The audience comes from a synthetic source behind the same port (customer ids in pages of
// 500, as SearchCustomers answers), not from a customers service seeded with N customers.
//
//   careloop-bench-campaign --redis-port P --brokers HOST:PORT [--customers N] [--instances K]
#include <librdkafka/rdkafka.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "careloop/reminder/v1/events.pb.h"
#include "common/base/ids.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "common/kafka/producer.h"
#include "common/log/log.h"
#include "common/outbox/outbox.h"
#include "services/reminders/adapters/redis_campaign_repository.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/adapters/redis_rule_store.h"
#include "services/reminders/app/campaigns_app.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/app/rules_app.h"

namespace {

using namespace careloop;
using SteadyClock = std::chrono::steady_clock;

double Seconds(SteadyClock::time_point since) {
  return std::chrono::duration<double>(SteadyClock::now() - since).count();
}

/// N synthetic customers of one store, in pages as the customers service gives them.
class SyntheticDirectory final : public reminders::app::CustomerDirectory {
 public:
  explicit SyntheticDirectory(int customers) : customers_(customers) {}
  Result<reminders::app::AudiencePage> Search(const reminders::domain::Segment& /*segment*/,
                                              const std::string& page_token, int page_size) override {
    const int offset = page_token.empty() ? 0 : std::stoi(page_token);
    reminders::app::AudiencePage page;
    page.total = customers_;
    char id[32];
    for (int i = offset; i < customers_ && i < offset + page_size; ++i) {
      std::snprintf(id, sizeof id, "cus-%020d", i);
      page.customer_ids.emplace_back(id);
    }
    const int end = offset + static_cast<int>(page.customer_ids.size());
    page.next_page_token = end < customers_ ? std::to_string(end) : "";
    return page;
  }

 private:
  int customers_;
};

// A ReminderDue as the timers worker publishes it for a greeting, serialized.
std::string DuePayload() {
  careloop::reminder::v1::ReminderDue due;
  due.set_reminder_id("rem-0123456789abcdef0123");
  due.set_customer_id("cus-00000000000000000001");
  due.set_store_id("S001");
  due.set_kind(careloop::reminder::v1::REMINDER_KIND_HOLIDAY_GREETING);
  due.set_occurrence(1);
  due.set_campaign_id("cmp-0123456789abcdef0123");
  due.set_holiday(careloop::reminder::v1::HOLIDAY_MID_AUTUMN);
  due.mutable_due_at()->set_seconds(1'789'434'000);
  due.mutable_fired_at()->set_seconds(1'789'434'000);
  return due.SerializeAsString();
}

// Raw librdkafka: `count` records of a ReminderDue's size, idempotent, acks=all, until all are acknowledged.
double Baseline(const config::KafkaSettings& kafka, const std::string& topic, int count) {
  char error[256];
  rd_kafka_conf_t* conf = kafka::MakeConf(kafka, {{"enable.idempotence", "true"}, {"acks", "all"}, {"linger.ms", "5"}});
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  const std::string payload = DuePayload();
  const auto started = SteadyClock::now();
  for (int i = 0; i < count; ++i) {
    const std::string key = "cus-" + std::to_string(i);
    while (rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_KEY(key.data(), key.size()),
                             RD_KAFKA_V_VALUE(const_cast<char*>(payload.data()), payload.size()),
                             RD_KAFKA_V_END) == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      rd_kafka_poll(producer, 10);
    }
    rd_kafka_poll(producer, 0);
  }
  rd_kafka_flush(producer, 600'000);
  const double seconds = Seconds(started);
  rd_kafka_destroy(producer);
  return seconds;
}

double Launch(const config::RedisSettings& redis_settings, const config::KafkaSettings& kafka, int customers,
              int instances) {
  redis::Pool pool(redis_settings);
  pool.Acquire()->Run({"FLUSHDB"});
  clock::ManualClock business(*ParseRfc3339("2027-09-01T10:00:00+08:00"));
  const config::StoreCatalog stores(
      {{"S001", "星途汽车北京朝阳店", "星途汽车朝阳店", "Asia/Shanghai", "010-85556666"}});
  reminders::adapters::RedisReminderRepository reminder_repository(pool, business);
  reminders::adapters::RedisCampaignRepository campaign_repository(pool, business);
  SyntheticDirectory directory(customers);
  reminders::adapters::RedisRuleStore rule_store(pool);
  reminders::app::StoredRuleBook book(rule_store);
  reminders::app::Replanner replanner(reminder_repository, reminder_repository, book, business, stores);
  reminders::app::RemindersApp timers(reminder_repository, reminder_repository, book, replanner, business, stores);
  reminders::app::CampaignsApp campaigns(campaign_repository, directory, reminder_repository, business, stores);
  kafka::Producer producer(kafka, "bench-relay");
  outbox::Relay relay(redis_settings, producer, reminders::adapters::keys::kOutbox, "bench");
  relay.Start();

  const auto started = SteadyClock::now();
  reminders::app::NewCampaign request;
  request.draft.store_id = "S001";
  request.draft.kind = reminders::domain::CampaignKind::kHolidayGreeting;
  request.draft.holiday = reminders::domain::Holiday::kMidAutumn;
  request.draft.year = 2027;
  const auth::Principal manager{"bench", auth::Role::kManager, {"S001"}, false};
  const auto campaign = campaigns.Create(manager, request);
  if (!campaign.ok() || campaigns.LaunchDue() != 1) {
    std::fprintf(stderr, "launch failed\n");
    std::exit(1);
  }
  const double launched = Seconds(started);
  business.Set(*ParseRfc3339("2027-09-15T09:00:00+08:00"));
  std::atomic<int> fired{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < instances; ++w) {
    workers.emplace_back([&] {
      while (const int batch = timers.FireDue(500)) {
        fired.fetch_add(batch);
      }
    });
  }
  for (auto& worker : workers) {
    worker.join();
  }
  const double all_fired = Seconds(started);
  auto connection = pool.Acquire();
  while (connection->Run({"XLEN", reminders::adapters::keys::kOutbox}).Integer() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const double total = Seconds(started);
  relay.Stop();
  std::printf(
      "  careloop: audience resolved, fixed and %d reminders scheduled in %.1fs; %d fired by %.1fs; "
      "%llu events published (every ReminderScheduled and ReminderDue) by %.1fs\n",
      customers, launched, fired.load(), all_fired, static_cast<unsigned long long>(relay.published()), total);
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"campaign launch (audience, reminders, every ReminderDue published) vs raw produce"};
  int redis_port = 0;
  std::string brokers;
  int customers = 1'000'000;
  int instances = 2;
  app.add_option("--redis-port", redis_port)->required();
  app.add_option("--brokers", brokers)->required();
  app.add_option("--customers", customers)->check(CLI::Range(1, 10'000'000));
  app.add_option("--instances", instances, "timers workers firing at once")->check(CLI::Range(1, 16));
  CLI11_PARSE(app, argc, argv);
  log::Init("bench", "warn");

  config::KafkaSettings kafka;
  kafka.brokers = brokers;
  config::RedisSettings redis;
  redis.port = redis_port;
  redis.db = 11;
  redis.pool_size = instances + 4;
  redis.timeout_ms = 30'000;

  const double baseline = Baseline(kafka, kafka::kReminderTopic, customers);
  std::printf("  baseline: %d raw records produced and acknowledged in %.1fs (%.0f/s)\n", customers, baseline,
              customers / baseline);
  const double careloop = Launch(redis, kafka, customers, instances);
  std::printf("RESULT customers=%d instances=%d baseline_s=%.1f careloop_s=%.1f ratio=%.1f\n", customers, instances,
              baseline, careloop, careloop / baseline);
  return 0;
}
