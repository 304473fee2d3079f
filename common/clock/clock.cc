#include "common/clock/clock.h"

#include <chrono>

#include "common/log/log.h"
#include "common/redis/client.h"

namespace careloop::clock {
namespace {

int64_t RealNowMs() {
  return std::chrono::duration_cast<Millis>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int64_t ReadOffset(redis::Connection& connection) {
  redis::Reply reply = connection.Run({"GET", kSimulatedOffsetKey});
  if (reply.IsNil()) {
    return 0;
  }
  return std::stoll(std::string(reply.Str()));
}

}  // namespace

Instant SystemClock::Now() const {
  return Instant{Millis{RealNowMs()}};
}

SharedSimulatedClock::SharedSimulatedClock(const config::RedisSettings& settings, Millis refresh)
    : settings_(settings), refresh_(refresh) {
  redis::Connection connection(settings_);
  offset_ms_.store(ReadOffset(connection));
  thread_ = std::thread([this] { Refresh(); });
}

SharedSimulatedClock::~SharedSimulatedClock() {
  {
    std::lock_guard lock(mutex_);
    running_.store(false);
  }
  stop_.notify_all();
  thread_.join();
}

Instant SharedSimulatedClock::Now() const {
  return Instant{Millis{RealNowMs() + offset_ms_.load()}};
}

void SharedSimulatedClock::Set(Instant instant) {
  std::lock_guard lock(offset_mutex_);
  offset_ms_.store(SetSimulatedTime(settings_, instant));
}

void SharedSimulatedClock::Advance(Millis by) {
  std::lock_guard lock(offset_mutex_);
  offset_ms_.store(AdvanceSimulatedTime(settings_, by));
}

void SharedSimulatedClock::Refresh() {
  std::unique_ptr<redis::Connection> connection;
  std::unique_lock lock(mutex_);
  while (running_.load()) {
    lock.unlock();
    try {
      if (!connection) {
        connection = std::make_unique<redis::Connection>(settings_);
      }
      // Under the lock, so a refresh that read before a Set cannot store the older offset after it.
      std::lock_guard offset_lock(offset_mutex_);
      offset_ms_.store(ReadOffset(*connection));
    } catch (const std::exception& e) {
      connection.reset();
      log::Warn("simulated clock refresh failed; keeping the last offset", {{"reason", e.what()}});
    }
    lock.lock();
    stop_.wait_for(lock, refresh_, [this] { return !running_.load(); });
  }
}

int64_t SetSimulatedTime(const config::RedisSettings& settings, Instant target) {
  redis::Connection connection(settings);
  const int64_t offset = target.time_since_epoch().count() - RealNowMs();
  connection.Run({"SET", kSimulatedOffsetKey, std::to_string(offset)});
  return offset;
}

int64_t AdvanceSimulatedTime(const config::RedisSettings& settings, Millis by) {
  redis::Connection connection(settings);
  return connection.Run({"INCRBY", kSimulatedOffsetKey, std::to_string(by.count())}).Integer();
}

}  // namespace careloop::clock
