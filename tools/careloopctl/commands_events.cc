// events tail: a look at a topic, with payloads decoded by ce_type.
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "common/kafka/cloud_event.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/events_tail.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {

void AddEventsCommands(CLI::App& app, Session& session) {
  auto* events = app.add_subcommand("events", "Kafka events (KAFKA_BROKERS)");
  events->require_subcommand(1);

  struct Args {
    std::vector<std::string> topics;
    bool from_beginning = false;
    bool follow = false;
    std::string key;
    int64_t max = 0;
    double silence = 0;
  };
  auto args = std::make_shared<Args>();
  auto* tail = events->add_subcommand(
      "tail",
      "print the events of topics: with --from-beginning, what they hold, stopping at the end unless --follow; "
      "without it, new events as they arrive (until --max, --timeout or Ctrl-C)");
  tail->add_option("--topic", args->topics, std::string("topic, e.g. ") + kafka::kCustomerTopic + " (repeatable)")
      ->required();
  tail->add_flag("--from-beginning", args->from_beginning, "start at the oldest retained record, not the end");
  tail->add_flag("--follow", args->follow, "after the end, keep waiting for new records");
  auto* key = tail->add_option("--key", args->key, "only records with this key (events are keyed by customer id)");
  auto* max = tail->add_option("--max", args->max, "stop after N records")->check(CLI::PositiveNumber);
  auto* silence =
      tail->add_option("--timeout", args->silence, "stop after SECONDS without a record")->check(CLI::PositiveNumber);
  tail->callback([&session, args, key, max, silence] {
    session.action = [&session, args, key, max, silence] {
      TailOptions options;
      options.brokers = session.endpoints().Require(kKafkaBrokers);
      options.topics = args->topics;
      options.from_beginning = args->from_beginning;
      // From the end there is nothing to read but what comes: that is following.
      options.follow = args->follow || !args->from_beginning;
      if (key->count() > 0) {
        options.key = args->key;
      }
      if (max->count() > 0) {
        options.max_records = args->max;
      }
      if (silence->count() > 0) {
        options.silence_seconds = args->silence;
      }
      options.json = session.json;
      TailEvents(options, std::cout);
      return 0;
    };
  });

  // events replay: publish a recorded event again, exactly as it was (operators use it to
  // re-drive a dead letter; tests use it to prove that a replay changes nothing).
  struct ReplayArgs {
    std::string topic;
    std::string ce_id;
    std::string to_topic;
  };
  auto replay_args = std::make_shared<ReplayArgs>();
  auto* replay = events->add_subcommand("replay", "publish the event with a given ce_id again, as it was recorded");
  replay->add_option("--topic", replay_args->topic, "topic to find the event in")->required();
  replay->add_option("--ce-id", replay_args->ce_id, "the event's ce_id header")->required();
  replay->add_option("--to", replay_args->to_topic, "topic to publish to (default: the same topic)");
  replay->callback([&session, replay_args] {
    session.action = [&session, replay_args] {
      TailOptions options;
      options.brokers = session.endpoints().Require(kKafkaBrokers);
      options.topics = {replay_args->topic};
      options.from_beginning = true;
      std::optional<TailRecord> found;
      options.on_record = [&](const TailRecord& record) {
        for (const auto& [name, value] : record.headers) {
          if (name == "ce_id" && value == replay_args->ce_id) {
            found = record;
            return false;
          }
        }
        return true;
      };
      TailEvents(options, std::cout);
      if (!found) {
        std::cerr << "error: NOT_FOUND: no event with ce_id " << replay_args->ce_id << " on " << replay_args->topic
                  << '\n';
        return 1;
      }
      const std::string target = replay_args->to_topic.empty() ? replay_args->topic : replay_args->to_topic;
      ProduceRecord(options.brokers, target, *found);
      if (session.json) {
        PrintJson({{"ce_id", replay_args->ce_id},
                   {"from", {{"topic", found->topic}, {"partition", found->partition}, {"offset", found->offset}}},
                   {"to", target}});
      } else {
        std::cout << "replayed " << replay_args->ce_id << " (from " << found->topic << " p" << found->partition << "@"
                  << found->offset << ") to " << target << '\n';
      }
      return 0;
    };
  });

  // events produce-raw: publish an arbitrary record (fault drills: a poison event).
  struct RawArgs {
    std::string topic;
    std::string key;
    std::string value;
    std::vector<std::string> headers;
  };
  auto raw_args = std::make_shared<RawArgs>();
  auto* raw = events->add_subcommand("produce-raw", "publish a record with the given key, value and headers");
  raw->add_option("--topic", raw_args->topic, "topic")->required();
  raw->add_option("--key", raw_args->key, "record key");
  raw->add_option("--value", raw_args->value, "record value (bytes as given)");
  raw->add_option("--header", raw_args->headers, "NAME=VALUE (repeatable)");
  raw->callback([&session, raw_args] {
    session.action = [&session, raw_args] {
      TailRecord record;
      record.key = raw_args->key;
      record.value = raw_args->value;
      for (const auto& header : raw_args->headers) {
        const auto eq = header.find('=');
        if (eq == std::string::npos) {
          throw UsageError("--header must be NAME=VALUE, got '" + header + "'");
        }
        record.headers.emplace_back(header.substr(0, eq), header.substr(eq + 1));
      }
      ProduceRecord(session.endpoints().Require(kKafkaBrokers), raw_args->topic, record);
      if (session.json) {
        PrintJson({{"topic", raw_args->topic}, {"records", 1}});
      } else {
        std::cout << "produced 1 record to " << raw_args->topic << '\n';
      }
      return 0;
    };
  });
}

}  // namespace careloop::ctl
