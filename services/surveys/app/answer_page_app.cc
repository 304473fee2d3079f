#include "services/surveys/app/answer_page_app.h"

#include "common/log/log.h"

namespace careloop::surveys::app {

Result<LinkPage> AnswerPageApp::Open(const std::string& token) {
  LinkPage page;
  const auto survey_id = links_.SurveyOfToken(token);
  if (!survey_id) {
    return page;
  }
  auto survey = answers_.Get(AnswerCaller::CustomerLink(*survey_id), *survey_id);
  if (!survey.ok()) {
    if (survey.error().code == ErrorCode::kNotFound) {
      return page;
    }
    return survey.error();
  }
  page.survey = std::move(survey).value();
  const auto* store = stores_.Find(page.survey.store_id);
  page.store_name = store != nullptr && !store->name.empty() ? store->name : page.survey.store_id;
  if (page.survey.status == domain::SurveyStatus::kAnswered) {
    page.state = LinkState::kAnswered;
    return page;
  }
  if (!domain::CheckAnswerable(page.survey, clock_.Now()).ok()) {
    page.state = LinkState::kExpired;
    return page;
  }
  auto asked = templates_.Pinned(page.survey);
  if (!asked.ok()) {
    return asked.error();
  }
  page.asked = std::move(asked).value();
  page.state = LinkState::kOpen;
  return page;
}

Result<PageSubmit> AnswerPageApp::Submit(const std::string& token, const std::string& client,
                                         domain::SurveyAnswers answers) {
  PageSubmit result;
  if (const auto wait = limiter_.Admit(token, client)) {
    log::Info("answer page submit refused: too many submits", {{"retry_after_ms", std::to_string(wait->count())}});
    result.outcome = PageSubmit::Outcome::kLimited;
    result.retry_after = *wait;
    return result;
  }
  auto page = Open(token);
  if (!page.ok()) {
    return page.error();
  }
  result.page = std::move(page).value();
  if (result.page.state != LinkState::kOpen) {
    return result;  // refused: answered, expired or unknown
  }
  // The customer's own answer, through the link: internal, never flagged by the customer.
  answers.source = domain::AnswerSource::kInternal;
  answers.flagged_angry = false;
  answers.answered_at = Instant{};
  SubmitAnswers submit{result.page.survey.survey_id, std::move(answers), ""};
  auto answered = answers_.Submit(AnswerCaller::CustomerLink(submit.survey_id), submit);
  if (answered.ok()) {
    result.outcome = PageSubmit::Outcome::kThanks;
    result.page.survey = std::move(answered).value().survey;
    result.page.state = LinkState::kAnswered;
    return result;
  }
  switch (answered.error().code) {
    case ErrorCode::kInvalidArgument:
      result.outcome = PageSubmit::Outcome::kInvalid;
      result.error = answered.error();
      return result;
    case ErrorCode::kFailedPrecondition: {
      // Answered or expired meanwhile: the page says which.
      auto now_page = Open(token);
      if (!now_page.ok()) {
        return now_page.error();
      }
      result.page = std::move(now_page).value();
      result.outcome = PageSubmit::Outcome::kRefused;
      return result;
    }
    default: return answered.error();
  }
}

}  // namespace careloop::surveys::app
