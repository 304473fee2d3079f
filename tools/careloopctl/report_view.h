#pragma once

#include <string>
#include <vector>

#include "careloop/customer/v1/customers_service.pb.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {

// `report loyalty|churn`: the request from the options, and the answer as people read it (tables
// with bars, the loyal-customer share beside its base, where each month's figures come from) and
// as scripts read it (--json). Defined in commands_report.cc.

/// The options of a report command.
struct ReportArgs final {
  std::vector<std::string> stores;
  std::string month;  ///< "YYYY-MM"; empty: the current month
  int months = 1;     ///< the months shown, ending with `month` (or the current month)
};

/// Fills the stores and the period: `months` months ending with `month`, or — without
/// `--month` — ending with each store's current month (the request's `months`). Throws
/// UsageError for a malformed month or a count outside 1–36.
void SetReportPeriod(const ReportArgs& args, careloop::customer::v1::GetLoyaltyReportRequest& request);
void SetReportPeriod(const ReportArgs& args, careloop::customer::v1::GetChurnReportRequest& request);

/// The human output of each report.
[[nodiscard]] std::string RenderLoyaltyReport(const careloop::customer::v1::GetLoyaltyReportResponse& response);
[[nodiscard]] std::string RenderChurnReport(const careloop::customer::v1::GetChurnReportResponse& response);

/// The --json output (ToJson's rules: counts as numbers, zeros and empty lists present, unset
/// dates and a share that is not applicable as null; the deprecated loyal_share is left out).
[[nodiscard]] Json LoyaltyReportJson(const careloop::customer::v1::GetLoyaltyReportResponse& response);
[[nodiscard]] Json ChurnReportJson(const careloop::customer::v1::GetChurnReportResponse& response);

}  // namespace careloop::ctl
