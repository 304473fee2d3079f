#pragma once

#include "careloop/survey/v1/survey.pb.h"
#include "common/base/error.h"
#include "services/surveys/domain/survey_template.h"

namespace careloop::surveys::adapters {

namespace pb = careloop::survey::v1;

[[nodiscard]] pb::SurveyTemplate ToProto(const domain::SurveyTemplate& survey_template);
/// A template from the contract. INVALID_ARGUMENT naming the field (`survey_template.kind`,
/// `survey_template.items[3].item`) for an unknown kind or item. Zero thresholds and validity
/// read as the defaults (6, 3, 7 days).
[[nodiscard]] Result<domain::SurveyTemplate> TemplateFromProto(const pb::SurveyTemplate& survey_template);

}  // namespace careloop::surveys::adapters
