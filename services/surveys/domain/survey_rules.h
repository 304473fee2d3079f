#pragma once

#include <optional>
#include <string>

#include "common/base/time.h"
#include "services/surveys/domain/survey_answers.h"

namespace careloop::surveys::domain {

enum class SurveyKind { kSalesDelivery, kServiceVisit };

/// How long an invitation stays open. Which deliveries and visits are followed up, and when,
/// is the reminders service's survey-invitation timer (SurveyInvitationDue).
struct SurveyPolicy final {
  Millis answer_window = Days{7};  ///< an unanswered survey expires after this
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
  std::string reminder_id;               ///< the invitation timer whose firing issued it (in SurveyIssued)
  std::string answer_url;                ///< the mobile answer page's link (token inside); empty: none
  Date occasion_date;                    ///< the visit's or the delivery's store-local day; unset: unknown
  /// The link's token (the last part of answer_url): the repository keeps token → survey id with
  /// the issue; not part of the stored record (the url is). Empty: no link.
  std::string link_token;
};

/// The survey an invitation timer asks for, issued `now`: one per delivery (`occasion_id` the
/// delivered vehicle) or visit (the visit id) — the id derives from it, so a replayed or
/// repeated firing issues nothing new. None when the timer fired so long ago that the answer
/// window would already have closed (the service was down, the event replayed much later):
/// nobody is asked about a visit they have long forgotten.
[[nodiscard]] std::optional<SurveyPlan> PlanInvitedSurvey(SurveyKind kind, const std::string& occasion_id,
                                                          Instant fired_at, Instant now, const SurveyPolicy& policy);

}  // namespace careloop::surveys::domain
