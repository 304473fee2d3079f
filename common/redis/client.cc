#include "common/redis/client.h"

#include <openssl/sha.h>

namespace careloop::redis {
namespace {

timeval ToTimeval(int ms) {
  return timeval{ms / 1000, (ms % 1000) * 1000};
}

}  // namespace

std::string_view Reply::Str() const {
  if (!reply_ || reply_->str == nullptr) {
    return {};
  }
  return {reply_->str, reply_->len};
}

std::string_view ElementStr(const redisReply* element) {
  if (element == nullptr || element->str == nullptr) {
    return {};
  }
  return {element->str, element->len};
}

Connection::Connection(const config::RedisSettings& settings) : settings_(settings) {
  Connect();
}

void Connection::Connect() {
  const timeval timeout = ToTimeval(settings_.timeout_ms);
  context_.reset(redisConnectWithTimeout(settings_.host.c_str(), settings_.port, timeout));
  if (!context_ || context_->err != 0) {
    const std::string why = context_ ? context_->errstr : "out of memory";
    context_.reset();
    throw RedisUnavailable("redis " + settings_.host + ":" + std::to_string(settings_.port) + ": " + why);
  }
  redisSetTimeout(context_.get(), timeout);
  redisEnableKeepAlive(context_.get());
  if (!settings_.password.empty()) {
    Reply auth = Run({"AUTH", settings_.password});
    if (auth.IsError()) {
      throw RedisUnavailable("redis AUTH failed: " + std::string(auth.Str()));
    }
  }
  if (settings_.db != 0) {
    Reply select = Run({"SELECT", std::to_string(settings_.db)});
    if (select.IsError()) {
      throw RedisUnavailable("redis SELECT failed: " + std::string(select.Str()));
    }
  }
}

void Connection::AppendOrThrow(const Command& command) {
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  argv.reserve(command.size());
  lengths.reserve(command.size());
  for (const auto& word : command) {
    argv.push_back(word.data());
    lengths.push_back(word.size());
  }
  if (redisAppendCommandArgv(context_.get(), static_cast<int>(argv.size()), argv.data(), lengths.data()) != REDIS_OK) {
    throw RedisUnavailable(std::string("redis append: ") + context_->errstr);
  }
}

Reply Connection::ReadOrThrow() {
  void* raw = nullptr;
  if (redisGetReply(context_.get(), &raw) != REDIS_OK || raw == nullptr) {
    const std::string why = context_->errstr;
    context_.reset();  // the stream is out of sync: the next use reconnects
    throw RedisUnavailable("redis: " + why);
  }
  return Reply(static_cast<redisReply*>(raw));
}

Reply Connection::Run(const Command& command) {
  return std::move(Pipeline({command}).front());
}

std::vector<Reply> Connection::Pipeline(const std::vector<Command>& commands) {
  if (!context_) {
    Connect();
  }
  for (const auto& command : commands) {
    AppendOrThrow(command);
  }
  std::vector<Reply> replies;
  replies.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    replies.push_back(ReadOrThrow());
  }
  return replies;
}

Reply Connection::Transaction(const std::vector<Command>& commands) {
  std::vector<Command> all;
  all.reserve(commands.size() + 2);
  all.push_back({"MULTI"});
  all.insert(all.end(), commands.begin(), commands.end());
  all.push_back({"EXEC"});
  auto replies = Pipeline(all);
  return std::move(replies.back());
}

Script::Script(std::string source) : source_(std::move(source)) {
  // Redis names a script by the SHA-1 of its source, so the name is known without a round trip.
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(source_.data()), source_.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char byte : digest) {
    sha_.push_back(kHex[byte >> 4]);
    sha_.push_back(kHex[byte & 0x0f]);
  }
}

Reply Script::Run(Connection& connection, const std::vector<std::string>& keys,
                  const std::vector<std::string>& args) const {
  auto build = [&](const std::string& verb, const std::string& body) {
    Command command{verb, body, std::to_string(keys.size())};
    command.insert(command.end(), keys.begin(), keys.end());
    command.insert(command.end(), args.begin(), args.end());
    return command;
  };
  Reply reply = connection.Run(build("EVALSHA", sha_));
  if (reply.IsError() && reply.Str().starts_with("NOSCRIPT")) {
    return connection.Run(build("EVAL", source_));  // EVAL also caches it for the next EVALSHA
  }
  return reply;
}

Pool::Pool(const config::RedisSettings& settings) : settings_(settings) {
  idle_.push_back(std::make_unique<Connection>(settings_));
  created_ = 1;
}

Pool::Lease::~Lease() {
  if (pool_ != nullptr && connection_) {
    pool_->Release(std::move(connection_));
  }
}

Pool::Lease Pool::Acquire() {
  std::unique_lock lock(mutex_);
  while (idle_.empty() && created_ >= settings_.pool_size) {
    available_.wait(lock);
  }
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection));
  }
  ++created_;
  lock.unlock();
  try {
    return Lease(this, std::make_unique<Connection>(settings_));
  } catch (...) {
    std::lock_guard relock(mutex_);
    --created_;
    available_.notify_one();
    throw;
  }
}

void Pool::Release(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
  available_.notify_one();
}

}  // namespace careloop::redis
