#pragma once

#include <optional>
#include <string>

#include "common/base/time.h"

namespace careloop::surveys::app {

/// Port: fresh, unguessable tokens for survey answer links (at least 96 bits from a CSPRNG,
/// URL-safe characters). Tests use a deterministic fake.
class LinkTokenSource {
 public:
  virtual ~LinkTokenSource() = default;
  [[nodiscard]] virtual std::string NewToken() = 0;
};

/// Port: the token → survey id records SurveyRepository::Issue writes with the survey.
class AnswerLinks {
 public:
  virtual ~AnswerLinks() = default;
  /// The survey a link token opens; none for an unknown (or long-expired) token.
  [[nodiscard]] virtual std::optional<std::string> SurveyOfToken(const std::string& token) = 0;
};

/// Port: a limit on answer-page submits, shared by every instance of the service.
class SubmitLimiter {
 public:
  virtual ~SubmitLimiter() = default;
  /// Counts one submit of `token` from `client` (an address). None when admitted; when either
  /// has used up its allowance, how long until it may submit again.
  [[nodiscard]] virtual std::optional<Millis> Admit(const std::string& token, const std::string& client) = 0;
};

}  // namespace careloop::surveys::app
