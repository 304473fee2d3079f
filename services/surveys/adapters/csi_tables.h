#pragma once

#include "careloop/survey/v1/surveys_service.pb.h"
#include "common/base/enum_table.h"
#include "services/surveys/domain/csi_figures.h"

// The CSI report's enums: domain value ⇄ contract value ⇄ word.
namespace careloop::surveys::adapters {

inline constexpr auto kScoreSources = MakeEnumTable<domain::ScoreSource, careloop::survey::v1::SatisfactionSource>({
    {domain::ScoreSource::kInternal, careloop::survey::v1::SATISFACTION_SOURCE_INTERNAL, "internal"},
    {domain::ScoreSource::kExternal, careloop::survey::v1::SATISFACTION_SOURCE_EXTERNAL, "external"},
});

/// What a report row is grouped by.
enum class CsiDimension { kStore, kAdvisor, kItem, kCategory, kMonth };

inline constexpr auto kCsiDimensions = MakeEnumTable<CsiDimension, careloop::survey::v1::CsiDimension>({
    {CsiDimension::kStore, careloop::survey::v1::CSI_DIMENSION_STORE, "store"},
    {CsiDimension::kAdvisor, careloop::survey::v1::CSI_DIMENSION_ADVISOR, "advisor"},
    {CsiDimension::kItem, careloop::survey::v1::CSI_DIMENSION_ITEM, "item"},
    {CsiDimension::kCategory, careloop::survey::v1::CSI_DIMENSION_CATEGORY, "category"},
    {CsiDimension::kMonth, careloop::survey::v1::CSI_DIMENSION_MONTH, "month"},
});
static_assert(kCsiDimensions.IsComplete());

}  // namespace careloop::surveys::adapters
