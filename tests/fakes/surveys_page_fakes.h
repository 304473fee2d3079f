#pragma once

#include <map>
#include <optional>
#include <string>

#include "services/surveys/app/link_ports.h"

namespace careloop::testing {

/// Deterministic surveys::app::LinkTokenSource: "tok" followed by a 13-digit counter (16
/// URL-safe characters, like the real tokens).
class FakeLinkTokens final : public surveys::app::LinkTokenSource {
 public:
  std::string NewToken() override {
    std::string number = std::to_string(++minted);
    return "tok" + std::string(13 - number.size(), '0') + number;
  }
  /// Tokens minted so far.
  int minted = 0;
};

/// In-memory surveys::app::AnswerLinks: token → survey id.
class FakeAnswerLinks final : public surveys::app::AnswerLinks {
 public:
  std::optional<std::string> SurveyOfToken(const std::string& token) override {
    auto it = links.find(token);
    return it == links.end() ? std::nullopt : std::optional(it->second);
  }
  std::map<std::string, std::string> links;
};

/// surveys::app::SubmitLimiter admitting `per_token` submits per token and `per_client` per
/// client (no window: the counts never reset); a refusal says `retry_after`.
class FakeSubmitLimiter final : public surveys::app::SubmitLimiter {
 public:
  std::optional<Millis> Admit(const std::string& token, const std::string& client) override {
    const int of_token = ++tokens_[token];
    const int of_client = ++clients_[client];
    if (of_token > per_token || of_client > per_client) {
      return retry_after;
    }
    return std::nullopt;
  }
  int per_token = 5;
  int per_client = 30;
  Millis retry_after{90'500};

 private:
  std::map<std::string, int> tokens_;
  std::map<std::string, int> clients_;
};

}  // namespace careloop::testing
