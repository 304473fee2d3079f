#pragma once

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/surveys/domain/survey_answers.h"
#include "services/surveys/domain/survey_rules.h"
#include "services/surveys/domain/survey_template.h"

namespace careloop::surveys::domain {

/// Longest free-text comment accepted, in characters (UTF-8 code points).
inline constexpr size_t kMaxCommentChars = 1000;

/// How complete an answer must be: a whole questionnaire (staff, the survey page), or a single
/// SMS score that answers the overall item only.
enum class Completeness { kWhole, kOverallOnly };

/// Whether a survey still takes answers at `now`: FAILED_PRECONDITION, politely, for one already
/// answered, cancelled or past its expiry (the message says which).
[[nodiscard]] Status CheckAnswerable(const Survey& survey, Instant now);

/// Checks answers against the template version they answer; errors name the field
/// (`scores[2].score`, `execution_answers[0].item`, `recommend_score`, `comment`): every item is
/// one the template asks, once, with its answer type (a score 1–10, or yes/no for execution
/// items); required items are present (for kOverallOnly: the overall item); the recommend score
/// is 0–10 and only when the template asks it; free text at most kMaxCommentChars. The text is
/// not changed: it is stored as typed and whoever shows it escapes it.
[[nodiscard]] Status ValidateAnswers(const SurveyTemplate& survey_template, const SurveyAnswers& answers,
                                     Completeness completeness = Completeness::kWhole);

/// The average score, and whether the answers are dissatisfied: any scored item at or below the
/// template's dissatisfied threshold, or staff flagged the text as angry; major when an item is
/// at or below the major threshold.
[[nodiscard]] AnswerAssessment Assess(const SurveyTemplate& survey_template, const SurveyAnswers& answers);

/// The survey answered: status, answers, assessment and the template version it is pinned to.
[[nodiscard]] Survey Answered(const Survey& survey, const SurveyTemplate& survey_template, SurveyAnswers answers);

}  // namespace careloop::surveys::domain
