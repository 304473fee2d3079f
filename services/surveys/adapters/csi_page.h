#pragma once

#include <string>

#include "careloop/survey/v1/surveys_service.pb.h"
#include "services/surveys/domain/csi_figures.h"

// The CSI report page: one self-contained Chinese HTML page (inline SVG charts, no script, no
// external resource) of a store's month. Built here once; `careloopctl report csi --html` writes
// it from the gRPC answers, the surveys service serves it over HTTP from the same answers.
namespace careloop::surveys::adapters {

/// The GetCsiReport requests the page needs, for one store and month.
struct CsiPageRequests final {
  careloop::survey::v1::GetCsiReportRequest month;     ///< the month's totals
  careloop::survey::v1::GetCsiReportRequest trend;     ///< the 12 months ending with it, per month
  careloop::survey::v1::GetCsiReportRequest advisors;  ///< the month per advisor
  careloop::survey::v1::GetCsiReportRequest heat;      ///< the month per advisor and item
};

/// What the page shows: the answers to CsiPageRequests.
struct CsiPageData final {
  std::string store_id;
  std::string store_name;  ///< shown beside the id; may be empty
  domain::CsiMonth month;
  careloop::survey::v1::GetCsiReportResponse totals;
  careloop::survey::v1::GetCsiReportResponse trend;
  careloop::survey::v1::GetCsiReportResponse advisors;
  careloop::survey::v1::GetCsiReportResponse heat;
};

[[nodiscard]] CsiPageRequests CsiPageRequestsFor(const std::string& store_id, domain::CsiMonth month);

/// The page. Everything from data (ids, names) is HTML-escaped.
[[nodiscard]] std::string RenderCsiPage(const CsiPageData& data);

/// The Content-Security-Policy the page is written for: no script at all, no network, styles
/// only from the page itself.
inline constexpr const char* kCsiPageCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";
/// The same policy as the page carries it in a <meta> element (for a file opened locally), where
/// browsers ignore frame-ancestors.
inline constexpr const char* kCsiPageMetaCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

}  // namespace careloop::surveys::adapters
