#include "services/surveys/domain/survey_rules.h"

#include <chrono>

#include "common/base/ids.h"

namespace careloop::surveys::domain {

std::optional<SurveyPlan> PlanVisitSurvey(const std::string& visit_id, Date visit_date, Date today, Instant now,
                                          const SurveyPolicy& policy) {
  const auto window_days = std::chrono::duration_cast<Days>(policy.answer_window).count();
  if (today.DaysSinceEpoch() - visit_date.DaysSinceEpoch() >= window_days) {
    return std::nullopt;
  }
  return SurveyPlan{DerivedId("srv-", {"service_visit", visit_id}), SurveyKind::kServiceVisit, "csi-service-v1", now,
                    now + policy.answer_window};
}

std::optional<SurveyPlan> PlanDeliverySurvey(const std::string& vehicle_id, Date delivery_date, Date today, Instant now,
                                             const SurveyPolicy& policy) {
  if (today.DaysSinceEpoch() - delivery_date.DaysSinceEpoch() > policy.max_delivery_age_days) {
    return std::nullopt;
  }
  return SurveyPlan{DerivedId("srv-", {"sales_delivery", vehicle_id}), SurveyKind::kSalesDelivery, "csi-sales-v1", now,
                    now + policy.answer_window};
}

}  // namespace careloop::surveys::domain
