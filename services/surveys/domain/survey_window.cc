#include "services/surveys/domain/survey_window.h"

namespace careloop::surveys::domain {

Millis AnswerWindowOf(const SurveyTemplate& asked, const SurveyPolicy& policy) {
  const SurveyTemplate builtin = DefaultTemplate(asked.kind);
  const bool is_builtin = asked.template_id == builtin.template_id && asked.version == builtin.version;
  if (is_builtin || asked.validity_days <= 0) {
    return policy.answer_window;
  }
  return Days{asked.validity_days};
}

bool WantsReminder(const Survey& survey, Instant now) {
  return survey.status == SurveyStatus::kIssued && now < survey.expires_at;
}

std::optional<Survey> ExpireAt(const Survey& survey, Instant now) {
  if (survey.status != SurveyStatus::kIssued || now < survey.expires_at) {
    return std::nullopt;
  }
  Survey expired = survey;
  expired.status = SurveyStatus::kExpired;
  return expired;
}

}  // namespace careloop::surveys::domain
