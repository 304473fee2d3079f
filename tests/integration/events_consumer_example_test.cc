// The example subscriber of docs/events.md (examples/events_consumer) against the dev broker:
// the customers service publishes real events through its outbox, and the example, run as a
// program with a group id of its own, prints them.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "common/base/ids.h"
#include "common/events/proto_event.h"
#include "common/kafka/producer.h"
#include "common/outbox/outbox.h"
#include "services/customers/adapters/redis_keys.h"
#include "tests/integration/customers_fixture.h"
#include "tests/integration/kafka_probe.h"

namespace careloop {
namespace {

namespace pb = careloop::customer::v1;
constexpr int kDb = 10;
constexpr const char* kMobile = "13912345678";
constexpr const char* kVin = "LSVAM4186R2184847";

struct ProgramRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the example with `args` (no spaces or shell characters in them) and collects its output.
ProgramRun RunConsumer(const std::vector<std::string>& args) {
  const std::string err_file = ::testing::TempDir() + "events_consumer_" + NewRandomId("") + ".err";
  std::string command = std::string("timeout 120 ") + CARELOOP_EVENTS_CONSUMER;
  for (const auto& arg : args) {
    command += " " + arg;
  }
  command += " 2>" + err_file;
  ProgramRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return run;
  }
  char buffer[4096];
  size_t read = 0;
  while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    run.out.append(buffer, read);
  }
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_file);
  run.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
  std::remove(err_file.c_str());
  return run;
}

// The printed lines about `key`, in the order printed.
std::vector<std::string> LinesWithKey(const std::string& out, const std::string& key) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(" key=" + key + " ") != std::string::npos) {
      lines.push_back(line);
    }
  }
  return lines;
}

// "<ce_type> ce_id=<id> key=<key> " as the example starts each line.
std::string LineStart(const kafka::CloudEvent& event) {
  return event.type + " ce_id=" + event.id + " key=" + event.key + " ";
}

class EventsConsumerExampleTest : public testing::CustomersServerFixture {
 protected:
  EventsConsumerExampleTest() : CustomersServerFixture(kDb) {}

  // A customer with a car delivered on 2026-09-03, through the service's gRPC API.
  std::string CreateCustomerWithCar() {
    pb::CreateCustomerRequest create;
    create.set_store_id("S001");
    create.set_name("王小明");
    create.set_mobile(kMobile);
    create.set_gender(pb::GENDER_MALE);
    pb::CreateCustomerResponse created;
    EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::CreateCustomer, create, &created).ok());
    pb::AddVehicleRequest add;
    add.set_customer_id(created.customer().customer_id());
    add.set_vin(kVin);
    add.set_plate("京A12345");
    add.set_model("星途瑶光");
    *add.mutable_delivery_date() = events::ToProto(Date{2026, 9, 3});
    pb::AddVehicleResponse added;
    EXPECT_TRUE(Call("admin", &pb::CustomersService::Stub::AddVehicle, add, &added).ok());
    return created.customer().customer_id();
  }

  // Publishes the service's outbox as the service does and returns what it published, in order.
  std::vector<kafka::CloudEvent> PublishOutbox(kafka::Producer& producer, const std::string& customer_id) {
    const auto& env = testing::TestEnv::Get();
    outbox::Relay relay(env.Redis(kDb), producer, customers::adapters::keys::kOutbox, "relay-1");
    relay.Start();
    EXPECT_TRUE(testing::Eventually([&] {
      return pool_->Acquire()->Run({"XLEN", customers::adapters::keys::kOutbox}).Integer() == 0;
    }));
    relay.Stop();
    const auto published = static_cast<long>(relay.published());
    testing::TopicProbe probe(env.kafka_brokers, kafka::kCustomerTopic);
    const auto mine = [&](const kafka::CloudEvent& event) { return event.key == customer_id; };
    std::vector<kafka::CloudEvent> events;
    for (auto& event : probe.ReadUntil(
             [&](const auto& read) { return std::count_if(read.begin(), read.end(), mine) >= published; })) {
      if (mine(event)) {
        events.push_back(std::move(event));
      }
    }
    return events;
  }
};

TEST_F(EventsConsumerExampleTest, PrintsEachEventOnceInItsKeysOrderWithThePayloadDecodedAndResumesWithItsGroup) {
  const auto& env = testing::TestEnv::Get();
  kafka::Producer producer(env.Kafka(), "events-consumer-example-test");
  const std::string customer_id = CreateCustomerWithCar();
  const std::vector<kafka::CloudEvent> published = PublishOutbox(producer, customer_id);
  const auto delivered = std::find_if(published.begin(), published.end(), [](const kafka::CloudEvent& event) {
    return event.type == "careloop.customer.v1.VehicleDelivered";
  });
  ASSERT_NE(delivered, published.end());
  ASSERT_EQ(published.front().type, "careloop.customer.v1.CustomerCreated");

  // At least once: the same VehicleDelivered again (same ce_id), as after a producer's crash.
  ASSERT_TRUE(producer.ProduceAndWait(kafka::kCustomerTopic, *delivered, Millis{10'000}).ok());
  // A type added to the topic after the example was built.
  kafka::CloudEvent later = published.front();
  later.id = NewRandomId("evt-");
  later.type = "careloop.customer.v1.SomethingAddedLater";
  later.data = "\x08\x01";
  ASSERT_TRUE(producer.ProduceAndWait(kafka::kCustomerTopic, later, Millis{10'000}).ok());

  // The dev broker lets a member rejoin a group only after the group's session timeout, so the
  // second run keeps it short (45 s by default); -X passes it to librdkafka.
  const std::vector<std::string> args = {
      "--brokers",        env.kafka_brokers, "--group", NewRandomId("example-test-"), "--topic", kafka::kCustomerTopic,
      "--from-beginning", "--until-end",     "-X",      "session.timeout.ms=6000"};
  const ProgramRun first = RunConsumer(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::vector<std::string> lines = LinesWithKey(first.out, customer_id);
  // One line per event, in the order the customer's events were published; the redelivered
  // VehicleDelivered is not printed again; the unknown type is named and skipped.
  ASSERT_EQ(lines.size(), published.size() + 1) << first.out;
  for (size_t i = 0; i < published.size(); ++i) {
    ASSERT_EQ(lines[i].rfind(LineStart(published[i]), 0), 0u) << lines[i];
    const auto payload = nlohmann::json::parse(lines[i].substr(LineStart(published[i]).size()));
    EXPECT_EQ(payload.at("customer_id"), customer_id) << lines[i];
  }
  EXPECT_EQ(lines.back(), LineStart(later) + "(type not known here, 2 bytes skipped)");
  const std::string& delivered_line = lines[static_cast<size_t>(delivered - published.begin())];
  const auto vehicle = nlohmann::json::parse(delivered_line.substr(LineStart(*delivered).size()));
  EXPECT_EQ(vehicle.at("vin"), kVin);
  EXPECT_EQ(vehicle.at("store_id"), "S001");
  EXPECT_EQ(vehicle.at("delivery_date"), nlohmann::json({{"year", 2026}, {"month", 9}, {"day", 3}}));
  // Events never carry a phone number (nor a name).
  EXPECT_EQ(first.out.find(kMobile), std::string::npos);
  EXPECT_EQ(first.out.find("王小明"), std::string::npos);

  // The group committed what it printed: the next run starts after it.
  kafka::CloudEvent next = later;
  next.id = NewRandomId("evt-");
  ASSERT_TRUE(producer.ProduceAndWait(kafka::kCustomerTopic, next, Millis{10'000}).ok());
  const ProgramRun second = RunConsumer(args);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(LinesWithKey(second.out, customer_id),
            std::vector<std::string>{LineStart(next) + "(type not known here, 2 bytes skipped)"});
}

TEST(EventsConsumerExample, DocsQuoteItsUsageAsItPrintsIt) {
  const ProgramRun help = RunConsumer({"--help"});
  ASSERT_EQ(help.exit_code, 0) << help.err;
  ASSERT_EQ(help.out.rfind("usage: careloop-events-consumer --brokers HOST:PORT --group GROUP_ID", 0), 0u) << help.out;
  std::ifstream in(std::string(CARELOOP_SOURCE_DIR) + "/docs/events.md");
  const std::string docs((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(docs.find("Its usage (`--help`):\n\n```\n" + help.out + "```\n"), std::string::npos)
      << "docs/events.md should quote, under \"Its usage (`--help`):\", exactly:\n"
      << help.out;
}

TEST(EventsConsumerExample, RefusesAGroupIdOfCareLoopsServices) {
  const ProgramRun run = RunConsumer({"--brokers", testing::TestEnv::Get().kafka_brokers, "--group",
                                      "careloop-reminders", "--topic", kafka::kCustomerTopic, "--until-end"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--group 'careloop-reminders': group ids beginning with \"careloop\" belong to CareLoop's "
                         "services; use one of your own"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
}

// The topics of the cluster, read without naming (and so without creating) any.
std::vector<std::string> TopicsOnTheBroker() {
  config::KafkaSettings settings;
  settings.brokers = testing::TestEnv::Get().kafka_brokers;
  rd_kafka_conf_t* conf = kafka::MakeConf(settings, {});
  char error[256];
  rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  const rd_kafka_metadata_t* metadata = nullptr;
  std::vector<std::string> topics;
  if (rd_kafka_metadata(handle, 1, nullptr, &metadata, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    for (int i = 0; i < metadata->topic_cnt; ++i) {
      topics.emplace_back(metadata->topics[i].topic);
    }
    rd_kafka_metadata_destroy(metadata);
  }
  rd_kafka_destroy(handle);
  return topics;
}

TEST(EventsConsumerExample, AnUnknownTopicIsAnErrorNamingTheTopicsAndIsNotCreated) {
  const std::string topic = NewRandomId("careloop.nosuch-") + ".v1";
  const ProgramRun run = RunConsumer({"--brokers", testing::TestEnv::Get().kafka_brokers, "--group",
                                      NewRandomId("example-test-"), "--topic", topic, "--until-end"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("unknown topic '" + topic + "' (the cluster has: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("careloop.customer.v1"), std::string::npos) << run.err;
  const std::vector<std::string> topics = TopicsOnTheBroker();
  EXPECT_NE(std::find(topics.begin(), topics.end(), "careloop.customer.v1"), topics.end());
  EXPECT_EQ(std::find(topics.begin(), topics.end(), topic), topics.end());
}

}  // namespace
}  // namespace careloop
