#include "common/outbox/outbox.h"

#include <chrono>

#include "common/log/log.h"

namespace careloop::outbox {
namespace {

constexpr int kLeaseMs = 10'000;
constexpr int kBatch = 256;
constexpr size_t kMaxInFlight = 4096;

const redis::Script& RenewLeaseScript() {
  static const redis::Script script(R"lua(
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
)lua");
  return script;
}

}  // namespace

redis::Command AppendCommand(const std::string& stream_key, const std::string& topic, const kafka::CloudEvent& event) {
  return {"XADD",
          stream_key,
          "*",
          "topic",
          topic,
          "key",
          event.key,
          "id",
          event.id,
          "source",
          event.source,
          "type",
          event.type,
          "subject",
          event.subject,
          "time_ms",
          std::to_string(event.time.time_since_epoch().count()),
          "data",
          event.data};
}

Relay::Relay(const config::RedisSettings& settings, kafka::Producer& producer, std::string stream_key,
             std::string instance_id)
    : settings_(settings),
      producer_(producer),
      stream_key_(std::move(stream_key)),
      lease_key_(stream_key_ + ":relay-lease"),
      instance_id_(std::move(instance_id)) {}

Relay::~Relay() {
  Stop();
}

void Relay::Start() {
  running_.store(true);
  thread_ = std::thread([this] { Loop(); });
}

void Relay::Stop() {
  if (!running_.exchange(false)) {
    return;
  }
  thread_.join();
}

bool Relay::HoldLease(redis::Connection& connection) {
  return RenewLeaseScript().Run(connection, {lease_key_}, {instance_id_, std::to_string(kLeaseMs)}).Integer() == 1;
}

void Relay::DeleteAcknowledged(redis::Connection& connection) {
  std::deque<std::string> ids;
  {
    std::lock_guard lock(acks_mutex_);
    ids.swap(acked_ids_);
  }
  if (ids.empty()) {
    return;
  }
  redis::Command xdel{"XDEL", stream_key_};
  xdel.insert(xdel.end(), ids.begin(), ids.end());
  connection.Run(xdel);
  published_.fetch_add(ids.size());
}

void Relay::Loop() {
  std::unique_ptr<redis::Connection> connection;
  std::string cursor = "0-0";
  auto lease_checked = std::chrono::steady_clock::time_point{};
  bool leader = false;
  while (running_.load()) {
    try {
      if (!connection) {
        connection = std::make_unique<redis::Connection>(settings_);
      }
      const auto now = std::chrono::steady_clock::now();
      if (now - lease_checked > std::chrono::milliseconds(kLeaseMs / 3)) {
        const bool was_leader = leader;
        leader = HoldLease(*connection);
        lease_checked = now;
        if (leader && !was_leader) {
          cursor = "0-0";  // a new leader starts from the oldest undeleted entry
        }
      }
      if (!leader) {
        std::unique_lock lock(acks_mutex_);
        acks_changed_.wait_for(lock, std::chrono::milliseconds(500));
        continue;
      }
      DeleteAcknowledged(*connection);
      bool failed = false;
      {
        std::unique_lock lock(acks_mutex_);
        failed = delivery_failed_;
        if (failed) {
          // Wait for everything in flight to settle, then re-read from the oldest entry left.
          acks_changed_.wait_for(lock, std::chrono::seconds(30), [this] { return in_flight_ == 0; });
          delivery_failed_ = false;
        }
        if (in_flight_ >= kMaxInFlight) {
          acks_changed_.wait_for(lock, std::chrono::milliseconds(100));
          continue;
        }
      }
      if (failed) {
        DeleteAcknowledged(*connection);
        cursor = "0-0";
        continue;
      }
      redis::Reply reply =
          connection->Run({"XREAD", "COUNT", std::to_string(kBatch), "BLOCK", "100", "STREAMS", stream_key_, cursor});
      if (reply.IsNil() || !reply.IsArray() || reply.Size() == 0) {
        continue;
      }
      const redisReply* entries = reply.Element(0)->element[1];
      for (size_t i = 0; i < entries->elements; ++i) {
        const redisReply* entry = entries->element[i];
        const std::string entry_id(redis::ElementStr(entry->element[0]));
        const redisReply* fields = entry->element[1];
        std::string topic;
        kafka::CloudEvent event;
        for (size_t f = 0; f + 1 < fields->elements; f += 2) {
          const auto name = redis::ElementStr(fields->element[f]);
          const std::string value(redis::ElementStr(fields->element[f + 1]));
          if (name == "topic") {
            topic = value;
          } else if (name == "key") {
            event.key = value;
          } else if (name == "id") {
            event.id = value;
          } else if (name == "source") {
            event.source = value;
          } else if (name == "type") {
            event.type = value;
          } else if (name == "subject") {
            event.subject = value;
          } else if (name == "time_ms") {
            event.time = Instant{Millis{std::stoll(value)}};
          } else if (name == "data") {
            event.data = value;
          }
        }
        {
          std::lock_guard lock(acks_mutex_);
          ++in_flight_;
        }
        const Status enqueued = producer_.Produce(topic, event, [this, entry_id](const Status& delivered) {
          std::lock_guard lock(acks_mutex_);
          --in_flight_;
          if (delivered.ok()) {
            acked_ids_.push_back(entry_id);
          } else {
            delivery_failed_ = true;
          }
          acks_changed_.notify_all();
        });
        if (!enqueued.ok()) {
          std::lock_guard lock(acks_mutex_);
          --in_flight_;
          delivery_failed_ = true;
          break;
        }
        cursor = entry_id;
      }
    } catch (const std::exception& e) {
      log::Warn("outbox relay error, retrying", {{"stream", stream_key_}, {"reason", e.what()}});
      connection.reset();
      std::unique_lock lock(acks_mutex_);
      acks_changed_.wait_for(lock, std::chrono::milliseconds(500));
    }
  }
  // Leave cleanly: delete what was delivered so a restart republishes as little as possible.
  producer_.Flush(Millis{5000});
  try {
    if (connection) {
      DeleteAcknowledged(*connection);
      if (leader) {
        connection->Run({"DEL", lease_key_});
      }
    }
  } catch (const std::exception&) {
  }
}

}  // namespace careloop::outbox
