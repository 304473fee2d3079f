#pragma once

#include <optional>
#include <string>

#include "common/base/time.h"
#include "services/surveys/domain/survey_answers.h"

namespace careloop::surveys::domain {

enum class SurveyKind { kSalesDelivery, kServiceVisit };

/// Which visits are followed up, and how long an invitation stays open.
struct SurveyPolicy final {
  Millis answer_window = Days{7};  ///< an unanswered survey expires after this
  int max_delivery_age_days = 14;  ///< older deliveries (e.g. imported history) get no 3-day call
};

/// A survey to issue. The id derives from what caused it, so a replayed visit issues nothing new.
struct SurveyPlan final {
  std::string survey_id;
  SurveyKind kind = SurveyKind::kServiceVisit;
  std::string template_id;
  Instant issued_at{};
  Instant expires_at{};
};

/// An issued survey: whom it asks about what.
struct Survey final {
  std::string survey_id;
  std::string customer_id;
  std::string store_id;
  SurveyKind kind = SurveyKind::kServiceVisit;
  std::string visit_id;
  std::string vehicle_id;
  std::string template_id;
  std::string advisor;
  Instant issued_at{};
  Instant expires_at{};
  int template_version = 0;  ///< the template version asked with (0: issued before versioning)
  SurveyStatus status = SurveyStatus::kIssued;
  std::optional<SurveyAnswers> answers;  ///< set once answered
  AnswerAssessment assessment;           ///< set once answered
  std::string case_id;                   ///< the complaint case opened from the answers, if any
};

/// Every workshop visit gets a service survey (CSI follow-up, 回访) — while it is still inside
/// the answer window: a visit older than that (imported history, a late entry) gets none, since
/// nobody should be asked in December how the car was looked after in March.
[[nodiscard]] std::optional<SurveyPlan> PlanVisitSurvey(const std::string& visit_id, Date visit_date, Date today,
                                                        Instant now, const SurveyPolicy& policy);

/// A delivery gets the sales survey (3-day call) unless the delivery is older than the
/// policy allows — an import of last year's deliveries must not call last year's buyers.
[[nodiscard]] std::optional<SurveyPlan> PlanDeliverySurvey(const std::string& vehicle_id, Date delivery_date,
                                                           Date today, Instant now, const SurveyPolicy& policy);

}  // namespace careloop::surveys::domain
