#pragma once

#include <string>

#include "common/redis/client.h"
#include "services/surveys/app/link_ports.h"

namespace careloop::surveys::adapters {

/// AnswerLinks on Redis: reads the `cl:surv:link:<token>` records RedisSurveyRepository::Issue
/// writes with each survey.
class RedisAnswerLinks final : public app::AnswerLinks {
 public:
  explicit RedisAnswerLinks(redis::Pool& pool) : pool_(pool) {}
  [[nodiscard]] std::optional<std::string> SurveyOfToken(const std::string& token) override;

 private:
  redis::Pool& pool_;
};

/// How many submits the answer page admits in a window.
struct SubmitLimits final {
  int per_token = 5;    ///< submits of one link
  int per_client = 30;  ///< submits from one client address, whatever the link
  Millis window = std::chrono::minutes{10};
};

/// SubmitLimiter on Redis (fixed windows, one counter per token and per client with the window's
/// expiry, counted in one Lua step), so every instance of the service shares the counts.
class RedisSubmitLimiter final : public app::SubmitLimiter {
 public:
  RedisSubmitLimiter(redis::Pool& pool, SubmitLimits limits);
  [[nodiscard]] std::optional<Millis> Admit(const std::string& token, const std::string& client) override;

 private:
  redis::Pool& pool_;
  SubmitLimits limits_;
  redis::Script script_;
};

}  // namespace careloop::surveys::adapters
