#pragma once

#include <string>

#include "careloop/survey/v1/surveys_service.pb.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {

// `report csi`: the request from the options and the answer as people read it (Chinese tables)
// and as scripts read it (--json). Defined in csi_view.cc.

/// How the table is grouped: the store's month as a whole, per advisor, or per item.
enum class CsiBy { kTotal, kAdvisor, kItem };

/// The request for a store's month. Throws UsageError for a malformed month.
[[nodiscard]] careloop::survey::v1::GetCsiReportRequest CsiReportRequest(const std::string& store,
                                                                         const std::string& month, CsiBy by,
                                                                         const std::string& kind);

/// The human output: the rows, then (whole month) the lowest items.
[[nodiscard]] std::string RenderCsiReport(const careloop::survey::v1::GetCsiReportResponse& response, CsiBy by);

/// The --json output (ToJson's rules: figures that do not apply are null).
[[nodiscard]] Json CsiReportJson(const careloop::survey::v1::GetCsiReportResponse& response);

}  // namespace careloop::ctl
