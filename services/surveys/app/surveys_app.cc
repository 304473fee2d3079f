#include "services/surveys/app/surveys_app.h"

#include "common/log/log.h"

namespace careloop::surveys::app {

SurveysApp::SurveysApp(SurveyRepository& repository, const clock::Clock& clock, const config::StoreCatalog& stores,
                       domain::SurveyPolicy policy)
    : repository_(repository), clock_(clock), stores_(stores), policy_(policy) {}

std::optional<domain::Survey> SurveysApp::IssueIfNew(const domain::SurveyPlan& plan, const CareFact& fact) {
  domain::Survey survey;
  survey.survey_id = plan.survey_id;
  survey.customer_id = fact.customer_id;
  survey.store_id = fact.store_id;
  survey.kind = plan.kind;
  survey.visit_id = fact.visit_id;
  survey.vehicle_id = fact.vehicle_id;
  survey.template_id = plan.template_id;
  survey.advisor = fact.advisor;
  survey.issued_at = plan.issued_at;
  survey.expires_at = plan.expires_at;
  if (templates_ != nullptr) {
    const domain::SurveyTemplate asked = templates_->Effective(survey.store_id, survey.kind);
    survey.template_id = asked.template_id;
    survey.template_version = asked.version;
  }
  if (!repository_.Issue(survey)) {
    return std::nullopt;
  }
  log::Info("survey issued", {{"survey_id", survey.survey_id}, {"customer_id", survey.customer_id}});
  return survey;
}

std::optional<domain::Survey> SurveysApp::OnVisitRecorded(const CareFact& visit) {
  const Instant now = clock_.Now();
  const Date today = stores_.ZoneOf(visit.store_id).DateAt(now);
  auto plan = domain::PlanVisitSurvey(visit.visit_id, visit.date, today, now, policy_);
  if (!plan) {
    return std::nullopt;
  }
  return IssueIfNew(*plan, visit);
}

std::optional<domain::Survey> SurveysApp::OnVehicleDelivered(const CareFact& delivery) {
  const Instant now = clock_.Now();
  const Date today = stores_.ZoneOf(delivery.store_id).DateAt(now);
  auto plan = domain::PlanDeliverySurvey(delivery.vehicle_id, delivery.date, today, now, policy_);
  if (!plan) {
    return std::nullopt;
  }
  return IssueIfNew(*plan, delivery);
}

Result<std::vector<domain::Survey>> SurveysApp::List(const auth::Principal& caller, const std::string& customer_id,
                                                     const std::string& store_id) {
  if (Status scope = auth::RequireListScope(caller, stores_, customer_id, store_id); !scope.ok()) {
    return scope.error();
  }
  auto surveys = customer_id.empty() ? repository_.ListByStore(store_id, 500) : repository_.ListByCustomer(customer_id);
  std::vector<domain::Survey> visible;
  for (auto& survey : surveys) {
    if (!store_id.empty() && survey.store_id != store_id) {
      continue;
    }
    if (Status allowed = caller.RequireStore(survey.store_id); !allowed.ok()) {
      return allowed.error();
    }
    visible.push_back(std::move(survey));
  }
  return visible;
}

}  // namespace careloop::surveys::app
