#pragma once

#include <hiredis/hiredis.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/config/config.h"

namespace careloop::redis {

/// Redis could not be reached or answered outside the protocol. Retryable: the caller's
/// boundary maps it to UNAVAILABLE (gRPC) or a handler retry (Kafka).
class RedisUnavailable final : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Owns one hiredis reply tree. Move-only.
class Reply final {
 public:
  Reply() = default;
  explicit Reply(redisReply* reply) : reply_(reply, &freeReplyObject) {}

  [[nodiscard]] bool IsNil() const { return !reply_ || reply_->type == REDIS_REPLY_NIL; }
  [[nodiscard]] bool IsError() const { return reply_ && reply_->type == REDIS_REPLY_ERROR; }
  [[nodiscard]] bool IsArray() const { return reply_ && reply_->type == REDIS_REPLY_ARRAY; }
  [[nodiscard]] bool IsInteger() const { return reply_ && reply_->type == REDIS_REPLY_INTEGER; }
  /// String, status or error text; empty for other types.
  [[nodiscard]] std::string_view Str() const;
  [[nodiscard]] long long Integer() const { return reply_ ? reply_->integer : 0; }
  [[nodiscard]] size_t Size() const { return IsArray() ? reply_->elements : 0; }
  /// A non-owning view of element i of an array reply.
  [[nodiscard]] const redisReply* Element(size_t i) const { return reply_->element[i]; }
  [[nodiscard]] const redisReply* raw() const { return reply_.get(); }

 private:
  std::unique_ptr<redisReply, void (*)(void*)> reply_{nullptr, &freeReplyObject};
};

/// String value of a non-owning reply element (empty for nil).
[[nodiscard]] std::string_view ElementStr(const redisReply* element);

/// A command: its words, passed as binary-safe argv (never formatted into a string).
using Command = std::vector<std::string>;

/// One synchronous Redis connection with connect/command timeouts. Reconnects once on an I/O
/// error and retries the command if it is safe to (the caller says so). Not thread-safe:
/// take one from a Pool per operation.
class Connection final {
 public:
  /// Throws RedisUnavailable when the server cannot be reached.
  explicit Connection(const config::RedisSettings& settings);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one command. Throws RedisUnavailable on I/O failure; a Redis error is an error Reply.
  Reply Run(const Command& command);
  /// Sends all commands in one round trip and returns their replies in order.
  std::vector<Reply> Pipeline(const std::vector<Command>& commands);
  /// MULTI + commands + EXEC in one round trip; returns EXEC's reply (an array, nil if aborted).
  Reply Transaction(const std::vector<Command>& commands);
  /// False after an I/O failure (the next command reconnects): the server-side state of the old
  /// connection — WATCHes, a MULTI — went with its socket.
  [[nodiscard]] bool connected() const { return context_ != nullptr; }

 private:
  void Connect();
  void AppendOrThrow(const Command& command);
  Reply ReadOrThrow();

  config::RedisSettings settings_;
  std::unique_ptr<redisContext, void (*)(redisContext*)> context_{nullptr, &redisFree};
};

/// A Lua script run by EVALSHA, loading it on NOSCRIPT (after a Redis restart or failover).
class Script final {
 public:
  explicit Script(std::string source);
  Reply Run(Connection& connection, const std::vector<std::string>& keys, const std::vector<std::string>& args) const;
  [[nodiscard]] const std::string& sha() const { return sha_; }

 private:
  std::string source_;
  std::string sha_;
};

/// A fixed-size pool of connections, shared by threads. Acquire() blocks until one is free.
class Pool final {
 public:
  /// Throws RedisUnavailable when the first connection cannot be made (a startup error).
  explicit Pool(const config::RedisSettings& settings);

  /// A borrowed connection; returned to the pool when destroyed. A connection that threw
  /// stays usable: Connection reconnects on its next use.
  class Lease final {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> connection) : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Connection* operator->() { return connection_.get(); }
    Connection& operator*() { return *connection_; }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  [[nodiscard]] Lease Acquire();

 private:
  void Release(std::unique_ptr<Connection> connection);

  config::RedisSettings settings_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int created_ = 0;
};

}  // namespace careloop::redis
