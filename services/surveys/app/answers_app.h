#pragma once

#include <optional>
#include <string>

#include "common/auth/auth.h"
#include "common/base/error.h"
#include "common/clock/clock.h"
#include "services/surveys/app/answer_ports.h"
#include "services/surveys/app/case_intake.h"
#include "services/surveys/app/templates_app.h"
#include "services/surveys/domain/answer_rules.h"

namespace careloop::surveys::app {

/// Who submits answers. Staff enter a phone follow-up or the manufacturer's survey (store-scoped,
/// may flag the text as angry, may mark the source external). The customer answers through a
/// verified survey link: the page checks the link's token and makes a caller bound to that one
/// survey (no store rights, internal source only, no angry flag). An SMS reply is answered on
/// dispatch's word (OnSmsScore), not through a caller.
class AnswerCaller final {
 public:
  /// A staff member, with the rights of their bearer token.
  [[nodiscard]] static AnswerCaller Staff(const auth::Principal& principal) { return AnswerCaller(&principal, ""); }
  /// The customer, through a link whose token the page verified for `survey_id`.
  [[nodiscard]] static AnswerCaller CustomerLink(std::string survey_id) {
    return AnswerCaller(nullptr, std::move(survey_id));
  }
  /// Ok if this caller may answer `survey` with `answers`, else PERMISSION_DENIED / INVALID_ARGUMENT.
  [[nodiscard]] Status MayAnswer(const domain::Survey& survey, const domain::SurveyAnswers& answers) const;
  /// Ok if this caller may read `survey`.
  [[nodiscard]] Status MayRead(const domain::Survey& survey) const;
  [[nodiscard]] std::string Name() const;

 private:
  AnswerCaller(const auth::Principal* staff, std::string link_survey_id)
      : staff_(staff), link_survey_id_(std::move(link_survey_id)) {}
  const auth::Principal* staff_;  // null for the customer's link
  std::string link_survey_id_;
};

/// Answers to one survey, however they came in.
struct SubmitAnswers final {
  std::string survey_id;
  domain::SurveyAnswers answers;  ///< answered_at unset (epoch): now
  std::string request_id;         ///< idempotency key; the same id replayed returns the same result
};

/// The answered survey and the complaint case its answers opened, if any (survey.case_id).
struct SubmitResult final {
  domain::Survey survey;
};

/// A single-score SMS reply, as dispatch classified it (InboundReplyReceived).
struct SmsScore final {
  std::string inbound_id;
  std::string customer_id;
  std::string survey_id;  ///< empty when dispatch could not tie the reply to an invitation
  int score = 0;
  domain::AnswerChannel channel = domain::AnswerChannel::kSms;
  Instant received_at{};
};

/// One answers record, several ways in (staff, the survey link, an SMS reply): validates against
/// the survey's template version, stores the answers and SurveyAnswered in one atomic step, and
/// opens a complaint case for a dissatisfied answer through CaseIntake, recording its id on the
/// survey. Crash-safe: an answered, dissatisfied survey without a case id gets its case on the
/// next attempt (a replay of the request, or any later submit), since CaseIntake is idempotent
/// per survey.
class AnswersApp final {
 public:
  AnswersApp(AnswerStore& store, TemplateCatalog& templates, CaseIntake& cases, const clock::Clock& clock)
      : store_(store), templates_(templates), cases_(cases), clock_(clock) {}

  /// Records the answers. NOT_FOUND for an unknown survey; FAILED_PRECONDITION for one answered
  /// (by another request), expired or cancelled; INVALID_ARGUMENT naming the field for bad answers.
  [[nodiscard]] Result<SubmitResult> Submit(const AnswerCaller& caller, SubmitAnswers submit);

  /// An SMS score reply answers the overall item. A reply that names no survey, another customer's
  /// survey, a score outside 1–10 or a survey that no longer takes answers changes nothing and is
  /// logged (Ok). Errors are only those worth a retry (the case could not be opened yet).
  [[nodiscard]] Status OnSmsScore(const SmsScore& reply);

  /// One survey with its answers.
  [[nodiscard]] Result<domain::Survey> Get(const AnswerCaller& caller, const std::string& survey_id);

 private:
  /// Opens (or gets again) the case of an answered, dissatisfied survey without a case id, and
  /// records it. Returns the survey as it now stands.
  Result<domain::Survey> EnsureCase(domain::Survey survey);
  /// Submit's steps; a null caller is an SMS reply (already tied to the customer by dispatch).
  Result<SubmitResult> Answer(const AnswerCaller* caller, SubmitAnswers submit, domain::Completeness completeness);

  AnswerStore& store_;
  TemplateCatalog& templates_;
  CaseIntake& cases_;
  const clock::Clock& clock_;
};

}  // namespace careloop::surveys::app
