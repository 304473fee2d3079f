#include "services/surveys/domain/survey_rules.h"

#include "common/base/ids.h"

namespace careloop::surveys::domain {

std::optional<SurveyPlan> PlanInvitedSurvey(SurveyKind kind, const std::string& occasion_id, Instant fired_at,
                                            Instant now, const SurveyPolicy& policy) {
  if (now - fired_at >= policy.answer_window) {
    return std::nullopt;
  }
  const bool sales = kind == SurveyKind::kSalesDelivery;
  return SurveyPlan{DerivedId("srv-", {sales ? "sales_delivery" : "service_visit", occasion_id}), kind,
                    sales ? "csi-sales-v1" : "csi-service-v1", now, now + policy.answer_window};
}

}  // namespace careloop::surveys::domain
