// SurveysService.GetCsiReport: CSI, NPS, response rate and complaint figures from the read model.
#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/csi_tables.h"
#include "services/surveys/adapters/enum_tables.h"
#include "services/surveys/adapters/grpc_api.h"

namespace careloop::surveys::adapters {
namespace {

namespace pb = careloop::survey::v1;

careloop::common::v1::Date MonthToProto(domain::CsiMonth month) {
  careloop::common::v1::Date out;
  out.set_year(month.year);
  out.set_month(month.month);
  return out;
}

void SetFigures(const domain::CsiRowFigures& row, pb::CsiRow& out) {
  out.set_store_id(row.key.store_id);
  out.set_advisor(row.key.advisor);
  out.set_item(static_cast<pb::SurveyItem>(row.key.item));
  out.set_category(static_cast<pb::SurveyCategory>(row.key.category));
  if (row.key.month) {
    *out.mutable_month() = MonthToProto(*row.key.month);
  }
  out.set_response_count(row.response_count);
  out.set_average_score(row.average_score.value_or(0));
  out.set_satisfied_share(row.satisfied_share.value_or(0));
  out.set_dissatisfied_count(row.tally.dissatisfied);
  out.set_issued_count(row.tally.issued);
  out.set_expired_count(row.tally.expired);
  if (row.response_rate) {
    out.set_response_rate(*row.response_rate);
  }
  out.set_recommend_count(row.tally.recommend_answers);
  out.set_promoter_count(row.tally.promoters);
  out.set_detractor_count(row.tally.detractors);
  if (row.nps) {
    out.set_nps(*row.nps);
  }
  const auto& cases = row.complaints;
  out.set_case_count(cases.opened);
  out.set_case_in_progress_count(cases.in_progress_or_beyond);
  out.set_case_resolved_count(cases.resolved);
  out.set_case_resolved_within_sla_count(cases.resolved_within_deadline);
  out.set_case_customer_satisfied_count(cases.customer_satisfied);
  out.set_average_hours_to_resolve(cases.average_hours.value_or(0));
  if (cases.within_deadline_share) {
    out.set_resolved_within_sla_share(*cases.within_deadline_share);
  }
  if (cases.median_hours) {
    out.set_median_hours_to_resolve(*cases.median_hours);
  }
  if (cases.p90_hours) {
    out.set_p90_hours_to_resolve(*cases.p90_hours);
  }
}

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

grpc::ServerUnaryReactor* SurveysApi::GetCsiReport(grpc::CallbackServerContext* context,
                                                   const pb::GetCsiReportRequest* request,
                                                   pb::GetCsiReportResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetCsiReport", [&](const auth::Principal& caller) -> Status {
    if (csi_ == nullptr) {
      return Error{ErrorCode::kFailedPrecondition, "", "this surveys instance serves no CSI report"};
    }
    auto query = QueryFrom(*request);
    if (!query.ok()) {
      return query.error();
    }
    auto report = csi_->Report(caller, query.value());
    if (!report.ok()) {
      return report.error();
    }
    for (const auto& row : report.value().rows) {
      SetFigures(row, *response->add_rows());
    }
    for (const auto& item : report.value().lowest_items) {
      pb::CsiRow* out = response->add_lowest_items();
      out->set_item(static_cast<pb::SurveyItem>(item.item));
      out->set_category(static_cast<pb::SurveyCategory>(domain::CategoryOf(item.item)));
      out->set_response_count(item.scores);
      out->set_average_score(item.average);
    }
    response->set_issued_count(report.value().issued);
    response->set_expired_count(report.value().expired);
    *response->mutable_computed_at() = events::ToTimestamp(report.value().computed_at);
    return Ok{};
  });
}

}  // namespace careloop::surveys::adapters
