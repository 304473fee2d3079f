#include "services/surveys/adapters/proto_mapping.h"

#include "common/events/proto_event.h"
#include "services/surveys/adapters/answer_mapping.h"
#include "services/surveys/adapters/enum_tables.h"

namespace careloop::surveys::adapters {

pb::SurveyKind ToProto(domain::SurveyKind kind) {
  return kSurveyKinds.ToProto(kind).value_or(pb::SURVEY_KIND_UNSPECIFIED);
}

pb::Survey ToProto(const domain::Survey& survey) {
  pb::Survey out;
  out.set_survey_id(survey.survey_id);
  out.set_customer_id(survey.customer_id);
  out.set_store_id(survey.store_id);
  out.set_kind(ToProto(survey.kind));
  out.set_visit_id(survey.visit_id);
  out.set_vehicle_id(survey.vehicle_id);
  out.set_template_id(survey.template_id);
  *out.mutable_issued_at() = events::ToTimestamp(survey.issued_at);
  *out.mutable_expires_at() = events::ToTimestamp(survey.expires_at);
  out.set_advisor(survey.advisor);
  out.set_answer_url(survey.answer_url);
  if (survey.occasion_date.IsSet()) {
    *out.mutable_occasion_date() = events::ToProto(survey.occasion_date);
  }
  FillAnswers(survey, out);
  return out;
}

domain::Survey FromProto(const pb::Survey& survey) {
  domain::Survey out;
  out.survey_id = survey.survey_id();
  out.customer_id = survey.customer_id();
  out.store_id = survey.store_id();
  // Stored records are our own: an unknown kind (written by a newer version) reads as a visit's.
  out.kind = kSurveyKinds.FromProto(survey.kind()).value_or(domain::SurveyKind::kServiceVisit);
  out.visit_id = survey.visit_id();
  out.vehicle_id = survey.vehicle_id();
  out.template_id = survey.template_id();
  out.issued_at = events::FromTimestamp(survey.issued_at());
  out.expires_at = events::FromTimestamp(survey.expires_at());
  out.advisor = survey.advisor();
  out.answer_url = survey.answer_url();
  out.occasion_date = events::FromProto(survey.occasion_date());
  ReadAnswers(survey, out);
  return out;
}

}  // namespace careloop::surveys::adapters
