#pragma once

#include <optional>

#include "common/base/time.h"
#include "services/surveys/domain/survey_rules.h"
#include "services/surveys/domain/survey_template.h"

// The answer window of a survey (issue 11): how long it stays open, the one reminder to a
// customer who has not answered, and its expiry when the window closes unanswered.
namespace careloop::surveys::domain {

/// How long a survey asked with `asked` stays open: the template's `validity_days` when the
/// store or the group saved it, else (the built-in default) the service's `answer_window`.
[[nodiscard]] Millis AnswerWindowOf(const SurveyTemplate& asked, const SurveyPolicy& policy);

/// Whether a non-responder of `survey` is reminded `now`: still issued (not answered, expired or
/// cancelled) and its window still open.
[[nodiscard]] bool WantsReminder(const Survey& survey, Instant now);

/// The survey expired at `now` when its window has closed unanswered; none when it was answered,
/// cancelled or already expired, or when its window is still open (a close that fired early).
[[nodiscard]] std::optional<Survey> ExpireAt(const Survey& survey, Instant now);

}  // namespace careloop::surveys::domain
