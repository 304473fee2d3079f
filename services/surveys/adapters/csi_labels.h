#pragma once

#include <string>

#include "careloop/survey/v1/survey.pb.h"

// Chinese labels of the CSI report's items and categories, shared by careloopctl's tables and the
// report page.
namespace careloop::surveys::adapters {

/// "顾问态度" for SURVEY_ITEM_SERVICE_ADVISOR_ATTITUDE; the enum's short name for an item this
/// version does not know.
[[nodiscard]] std::string ItemLabel(careloop::survey::v1::SurveyItem item);
/// "维修质量" for SURVEY_CATEGORY_REPAIR_QUALITY.
[[nodiscard]] std::string CategoryLabel(careloop::survey::v1::SurveyCategory category);

}  // namespace careloop::surveys::adapters
