#pragma once

#include "careloop/survey/v1/survey.pb.h"
#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys::adapters {

namespace pb = careloop::survey::v1;

[[nodiscard]] pb::SurveyKind ToProto(domain::SurveyKind kind);
[[nodiscard]] pb::Survey ToProto(const domain::Survey& survey);
[[nodiscard]] domain::Survey FromProto(const pb::Survey& survey);

}  // namespace careloop::surveys::adapters
