#include "services/surveys/adapters/csi_report_call.h"

#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/csi_mapping.h"
#include "services/surveys/adapters/csi_tables.h"
#include "services/surveys/adapters/enum_tables.h"

namespace careloop::surveys::adapters {
namespace {

namespace pb = careloop::survey::v1;

Result<app::CsiQuery> QueryFrom(const pb::GetCsiReportRequest& request) {
  app::CsiQuery query;
  query.store_ids.assign(request.store_ids().begin(), request.store_ids().end());
  if (!request.period().has_start_date()) {
    return InvalidArgument("period.start_date", "is required");
  }
  if (!request.period().has_end_date()) {
    return InvalidArgument("period.end_date", "is required");
  }
  query.from = events::FromProto(request.period().start_date());
  query.to = events::FromProto(request.period().end_date());
  if (!query.from.IsValid()) {
    return InvalidArgument("period.start_date", "is not a valid date");
  }
  if (!query.to.IsValid()) {
    return InvalidArgument("period.end_date", "is not a valid date");
  }
  auto kind = events::FilterFromClient(kSurveyKinds, request.kind(), "kind");
  if (!kind.ok()) {
    return kind.error();
  }
  query.kind = kind.value();
  auto source = events::FilterFromClient(kScoreSources, request.source(), "source");
  if (!source.ok()) {
    return source.error();
  }
  query.source = source.value();
  query.advisor = request.advisor();
  for (int i = 0; i < request.group_by_size(); ++i) {
    auto dimension = events::FromClient(kCsiDimensions, request.group_by(i), "group_by[" + std::to_string(i) + "]");
    if (!dimension.ok()) {
      return dimension.error();
    }
    switch (dimension.value()) {
      case CsiDimension::kStore: query.group_by.store = true; break;
      case CsiDimension::kAdvisor: query.group_by.advisor = true; break;
      case CsiDimension::kItem: query.group_by.item = true; break;
      case CsiDimension::kCategory: query.group_by.category = true; break;
      case CsiDimension::kMonth: query.group_by.month = true; break;
    }
  }
  return query;
}

}  // namespace

Result<pb::GetCsiReportResponse> RunCsiReport(app::CsiApp& csi, const auth::Principal& caller,
                                              const pb::GetCsiReportRequest& request) {
  auto query = QueryFrom(request);
  if (!query.ok()) {
    return query.error();
  }
  auto report = csi.Report(caller, query.value());
  if (!report.ok()) {
    return report.error();
  }
  pb::GetCsiReportResponse response;
  for (const auto& row : report.value().rows) {
    *response.add_rows() = ToProto(row);
  }
  for (const auto& item : report.value().lowest_items) {
    *response.add_lowest_items() = ToProto(item);
  }
  response.set_issued_count(report.value().issued);
  response.set_expired_count(report.value().expired);
  *response.mutable_computed_at() = events::ToTimestamp(report.value().computed_at);
  response.set_time_zone(report.value().time_zone);
  return response;
}

}  // namespace careloop::surveys::adapters
