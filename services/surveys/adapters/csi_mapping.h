#pragma once

#include "careloop/survey/v1/surveys_service.pb.h"
#include "services/surveys/domain/csi_figures.h"

// The CSI report's figures as the contract carries them (GetCsiReportResponse's rows).
namespace careloop::surveys::adapters {

/// One report row: counts as they are, a figure that does not apply (nothing issued, no NPS
/// answer, no case resolved) left unset.
[[nodiscard]] careloop::survey::v1::CsiRow ToProto(const domain::CsiRowFigures& row);
/// One of the lowest items: item, category, response_count (scores) and average_score.
[[nodiscard]] careloop::survey::v1::CsiRow ToProto(const domain::ItemAverage& item);

}  // namespace careloop::surveys::adapters
