#include "services/surveys/app/surveys_app.h"

#include "common/log/log.h"
#include "services/surveys/domain/survey_window.h"

namespace careloop::surveys::app {

SurveysApp::SurveysApp(SurveyRepository& repository, const clock::Clock& clock, const config::StoreCatalog& stores,
                       domain::SurveyPolicy policy)
    : repository_(repository), clock_(clock), stores_(stores), policy_(policy) {}

std::optional<domain::Survey> SurveysApp::OnInvitationDue(const InvitationDue& due) {
  const std::string& occasion = due.kind == domain::SurveyKind::kSalesDelivery ? due.vehicle_id : due.visit_id;
  const auto plan = domain::PlanInvitedSurvey(due.kind, occasion, due.fired_at, clock_.Now(), policy_);
  if (!plan) {
    log::Info("survey invitation too late to ask: its answer window has passed",
              {{"reminder_id", due.reminder_id}, {"fired_at", FormatRfc3339(due.fired_at)}});
    return std::nullopt;
  }
  domain::Survey survey;
  survey.survey_id = plan->survey_id;
  survey.customer_id = due.customer_id;
  survey.store_id = due.store_id;
  survey.kind = plan->kind;
  survey.visit_id = due.visit_id;
  survey.vehicle_id = due.vehicle_id;
  survey.template_id = plan->template_id;
  survey.advisor = due.advisor;
  survey.issued_at = plan->issued_at;
  survey.expires_at = plan->expires_at;
  survey.reminder_id = due.reminder_id;
  survey.occasion_date = due.occasion_date;
  if (templates_ != nullptr) {
    const domain::SurveyTemplate asked = templates_->Effective(survey.store_id, survey.kind);
    survey.template_id = asked.template_id;
    survey.template_version = asked.version;
    survey.expires_at = survey.issued_at + domain::AnswerWindowOf(asked, policy_);
  }
  if (tokens_ != nullptr) {
    // The repository writes token → survey with the issue, once: a replay stores no new token.
    survey.link_token = tokens_->NewToken();
    survey.answer_url = public_url_ + "/s/" + survey.link_token;
  }
  if (!repository_.Issue(survey)) {
    return std::nullopt;
  }
  log::Info("survey issued", {{"survey_id", survey.survey_id}, {"customer_id", survey.customer_id}});
  return survey;
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
