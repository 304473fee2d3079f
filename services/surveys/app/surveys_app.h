#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/app/link_ports.h"
#include "services/surveys/app/ports.h"
#include "services/surveys/app/templates_app.h"
#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys::app {

/// A survey-invitation timer's firing, as the reminders service announced it (SurveyInvitationDue).
struct InvitationDue final {
  std::string reminder_id;
  std::string customer_id;
  std::string store_id;
  domain::SurveyKind kind = domain::SurveyKind::kServiceVisit;
  std::string vehicle_id;
  std::string visit_id;  ///< empty for a delivery
  std::string advisor;   ///< staff rated: the service advisor or the sales consultant
  Instant fired_at{};
  Date occasion_date;  ///< the visit's or the delivery's store-local day (unset: not told)
};

/// The surveys service's use cases (issuing).
class SurveysApp final {
 public:
  SurveysApp(SurveyRepository& repository, const clock::Clock& clock, const config::StoreCatalog& stores,
             domain::SurveyPolicy policy);

  /// Issue with the store's effective template and record its id and version on the survey
  /// (without: the plan's template id, version 0 — pinned when answered).
  void UseTemplates(TemplateCatalog& templates) { templates_ = &templates; }

  /// Give every issued survey an answer-page link: a fresh token from `tokens`, answer_url =
  /// `public_url` (no trailing slash) + "/s/" + token. Without: answer_url stays empty.
  void UseLinks(LinkTokenSource& tokens, std::string public_url) {
    tokens_ = &tokens;
    public_url_ = std::move(public_url);
  }

  /// Issues the survey the invitation asks for (domain::PlanInvitedSurvey): a service survey of
  /// the visit, or the sales survey (3-day call) of the delivery. Returns it if newly issued;
  /// a replayed or late firing issues nothing.
  std::optional<domain::Survey> OnInvitationDue(const InvitationDue& due);

  /// A customer's surveys (issue order), or a store's latest (newest first) when no customer is given.
  [[nodiscard]] Result<std::vector<domain::Survey>> List(const auth::Principal& caller, const std::string& customer_id,
                                                         const std::string& store_id = "");

 private:
  SurveyRepository& repository_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  domain::SurveyPolicy policy_;
  TemplateCatalog* templates_ = nullptr;
  LinkTokenSource* tokens_ = nullptr;
  std::string public_url_;
};

}  // namespace careloop::surveys::app
