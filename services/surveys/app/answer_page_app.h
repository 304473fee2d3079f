#pragma once

#include <string>

#include "common/base/error.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/app/answers_app.h"
#include "services/surveys/app/link_ports.h"
#include "services/surveys/app/templates_app.h"

namespace careloop::surveys::app {

/// Where the survey behind an answer link stands, as its visitor sees it.
enum class LinkState {
  kOpen,      ///< takes answers
  kAnswered,  ///< answered already (by this page, a reply or staff)
  kExpired,   ///< past its answer window, expired or cancelled
  kUnknown,   ///< no survey behind this token
};

/// What the answer page shows for a token.
struct LinkPage final {
  LinkState state = LinkState::kUnknown;
  domain::Survey survey;         ///< unless unknown
  domain::SurveyTemplate asked;  ///< the template version the survey asks with (when open)
  std::string store_name;        ///< the store's name (its id when not configured)
};

/// What a submit on the answer page came to.
struct PageSubmit final {
  enum class Outcome {
    kThanks,   ///< stored (a dissatisfied answer has opened its case)
    kInvalid,  ///< bad answers: `error` names the field; nothing stored
    kRefused,  ///< the link no longer takes answers: `page.state` says why; nothing stored
    kLimited,  ///< too many submits: try again after `retry_after`; nothing looked at
  };
  Outcome outcome = Outcome::kRefused;
  LinkPage page;
  Error error;
  Millis retry_after{0};
};

/// The customer's side of a survey link (the mobile answer page): resolves the token to its one
/// survey, and submits through AnswersApp as AnswerCaller::CustomerLink of that survey — a token
/// answers its own survey and no other. Submits are rate-limited per token and per client.
class AnswerPageApp final {
 public:
  AnswerPageApp(AnswerLinks& links, SubmitLimiter& limiter, AnswersApp& answers, TemplateCatalog& templates,
                const clock::Clock& clock, const config::StoreCatalog& stores)
      : links_(links), limiter_(limiter), answers_(answers), templates_(templates), clock_(clock), stores_(stores) {}

  /// The page of a token. Errors only for a store that cannot be read (UNAVAILABLE) or a damaged
  /// record (a template version missing).
  [[nodiscard]] Result<LinkPage> Open(const std::string& token);

  /// Submits the answers given on the page of `token` from `client` (an address). Errors only for
  /// what a retry may cure (the store unavailable, the case not opened yet).
  [[nodiscard]] Result<PageSubmit> Submit(const std::string& token, const std::string& client,
                                          domain::SurveyAnswers answers);

 private:
  AnswerLinks& links_;
  SubmitLimiter& limiter_;
  AnswersApp& answers_;
  TemplateCatalog& templates_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::surveys::app
