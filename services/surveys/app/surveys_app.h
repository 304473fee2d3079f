#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/app/ports.h"
#include "services/surveys/app/templates_app.h"
#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys::app {

/// A visit or a delivery, as the customers service announced it.
struct CareFact final {
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;
  std::string visit_id;  ///< empty for a delivery
  std::string advisor;
  Date date;  ///< visit or delivery date
};

/// The surveys service's use cases (this version: issuing; answers and cases come next).
class SurveysApp final {
 public:
  SurveysApp(SurveyRepository& repository, const clock::Clock& clock, const config::StoreCatalog& stores,
             domain::SurveyPolicy policy);

  /// Issue with the store's effective template and record its id and version on the survey
  /// (without: the plan's template id, version 0 — pinned when answered).
  void UseTemplates(TemplateCatalog& templates) { templates_ = &templates; }

  /// Issues the service survey of a visit. Returns the survey if newly issued.
  std::optional<domain::Survey> OnVisitRecorded(const CareFact& visit);
  /// Issues the sales (3-day call) survey of a recent delivery. Returns it if newly issued.
  std::optional<domain::Survey> OnVehicleDelivered(const CareFact& delivery);

  /// A customer's surveys (issue order), or a store's latest (newest first) when no customer is given.
  [[nodiscard]] Result<std::vector<domain::Survey>> List(const auth::Principal& caller, const std::string& customer_id,
                                                         const std::string& store_id = "");

 private:
  std::optional<domain::Survey> IssueIfNew(const domain::SurveyPlan& plan, const CareFact& fact);

  SurveyRepository& repository_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  domain::SurveyPolicy policy_;
  TemplateCatalog* templates_ = nullptr;
};

}  // namespace careloop::surveys::app
