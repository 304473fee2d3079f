#include "services/surveys/adapters/csi_mapping.h"

namespace careloop::surveys::adapters {

namespace pb = careloop::survey::v1;

pb::CsiRow ToProto(const domain::CsiRowFigures& row) {
  pb::CsiRow out;
  out.set_store_id(row.key.store_id);
  out.set_advisor(row.key.advisor);
  out.set_item(static_cast<pb::SurveyItem>(row.key.item));
  out.set_category(static_cast<pb::SurveyCategory>(row.key.category));
  if (row.key.month) {
    out.mutable_month()->set_year(row.key.month->year);
    out.mutable_month()->set_month(row.key.month->month);
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
  return out;
}

pb::CsiRow ToProto(const domain::ItemAverage& item) {
  pb::CsiRow out;
  out.set_item(static_cast<pb::SurveyItem>(item.item));
  out.set_category(static_cast<pb::SurveyCategory>(domain::CategoryOf(item.item)));
  out.set_response_count(item.scores);
  out.set_average_score(item.average);
  return out;
}

}  // namespace careloop::surveys::adapters
