#pragma once

#include "careloop/survey/v1/survey.pb.h"
#include "common/base/enum_table.h"
#include "services/surveys/domain/survey_rules.h"

// The surveys service's enums, one table each: domain value ⇄ contract value ⇄ word.
namespace careloop::surveys::adapters {

inline constexpr auto kSurveyKinds = MakeEnumTable<domain::SurveyKind, careloop::survey::v1::SurveyKind>({
    {domain::SurveyKind::kSalesDelivery, careloop::survey::v1::SURVEY_KIND_SALES_DELIVERY, "sales_delivery"},
    {domain::SurveyKind::kServiceVisit, careloop::survey::v1::SURVEY_KIND_SERVICE_VISIT, "service_visit"},
});
static_assert(kSurveyKinds.IsComplete());

}  // namespace careloop::surveys::adapters
