#pragma once

#include "careloop/survey/v1/surveys_service.pb.h"
#include "common/auth/auth.h"
#include "services/surveys/app/csi_app.h"

namespace careloop::surveys::adapters {

/// GetCsiReport as the gRPC method and the report page both run it: the request read (bad input
/// named: period.start_date, kind, group_by[1] …), the report made for `caller`, the answer in
/// the contract's terms.
[[nodiscard]] Result<careloop::survey::v1::GetCsiReportResponse> RunCsiReport(
    app::CsiApp& csi, const auth::Principal& caller, const careloop::survey::v1::GetCsiReportRequest& request);

}  // namespace careloop::surveys::adapters
