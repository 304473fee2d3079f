#pragma once

#include "careloop/survey/v1/events.pb.h"
#include "careloop/survey/v1/survey.pb.h"
#include "careloop/survey/v1/surveys_service.pb.h"
#include "common/base/error.h"
#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys::adapters {

namespace pb = careloop::survey::v1;

/// Writes a survey's status, template version, answers, assessment and case id into `out`.
void FillAnswers(const domain::Survey& survey, pb::Survey& out);
/// Reads what FillAnswers wrote (our own stored records: unknown enum values read as defaults). The
/// assessment's average and dissatisfied flag are read; its low items are judged again from the
/// template when needed (domain::Assess).
void ReadAnswers(const pb::Survey& record, domain::Survey& out);
/// The SurveyAnswered event of an answered survey: scores, execution answers, average,
/// dissatisfied, recommend score, channel, source — never a phone, a name or the comment.
[[nodiscard]] pb::SurveyAnswered AnsweredEvent(const domain::Survey& survey);
/// The answers of a SubmitResponse request; INVALID_ARGUMENT naming the field for an unknown item
/// (`scores[1].item`), channel or source. Unset channel: phone call; unset source: internal.
[[nodiscard]] Result<domain::SurveyAnswers> AnswersFromRequest(const pb::SubmitResponseRequest& request);

}  // namespace careloop::surveys::adapters
