#include "services/surveys/app/answers_app.h"

#include "common/base/ids.h"
#include "common/log/log.h"

namespace careloop::surveys::app {
namespace {

// Rounds of read → decide → atomic write before a concurrent change is reported.
constexpr int kMaxRounds = 3;

bool WorthRetrying(const Error& error) {
  return error.code == ErrorCode::kUnavailable || error.code == ErrorCode::kInternal ||
         error.code == ErrorCode::kAborted;
}

}  // namespace

Status AnswerCaller::MayRead(const domain::Survey& survey) const {
  if (staff_ != nullptr) {
    return staff_->RequireStore(survey.store_id);
  }
  if (survey.survey_id != link_survey_id_) {
    return Error{ErrorCode::kPermissionDenied, "survey_id", "this link is for another survey"};
  }
  return Ok{};
}

Status AnswerCaller::MayAnswer(const domain::Survey& survey, const domain::SurveyAnswers& answers) const {
  if (Status readable = MayRead(survey); !readable.ok()) {
    return readable;
  }
  if (staff_ != nullptr) {
    return Ok{};
  }
  if (answers.flagged_angry) {
    return InvalidArgument("flagged_angry", "only staff flag a comment as angry");
  }
  if (answers.source != domain::AnswerSource::kInternal) {
    return InvalidArgument("source", "a customer's own answer is internal");
  }
  return Ok{};
}

std::string AnswerCaller::Name() const {
  return staff_ != nullptr ? staff_->name : "customer-link";
}

Result<domain::Survey> AnswersApp::EnsureCase(domain::Survey survey) {
  if (survey.status != domain::SurveyStatus::kAnswered || !survey.assessment.dissatisfied || !survey.case_id.empty() ||
      !survey.answers) {
    return survey;
  }
  auto asked = templates_.Pinned(survey);
  if (!asked.ok()) {
    return asked.error();
  }
  DissatisfiedAnswer dissatisfied;
  dissatisfied.survey_id = survey.survey_id;
  dissatisfied.customer_id = survey.customer_id;
  dissatisfied.store_id = survey.store_id;
  dissatisfied.vehicle_id = survey.vehicle_id;
  dissatisfied.visit_id = survey.visit_id;
  dissatisfied.advisor = survey.advisor;
  const domain::AnswerAssessment assessment = domain::Assess(asked.value(), *survey.answers);
  dissatisfied.low_items = assessment.low_items;
  dissatisfied.major = assessment.major;
  dissatisfied.flagged_by_staff = survey.answers->flagged_angry;
  dissatisfied.deadline_hours = asked->case_deadline_hours;
  dissatisfied.answered_at = survey.answers->answered_at;
  auto case_id = cases_.OpenForAnswer(dissatisfied);
  if (!case_id.ok()) {
    log::Warn("complaint case not opened yet for a dissatisfied answer",
              {{"survey_id", survey.survey_id}, {"error", case_id.error().ToString()}});
    return case_id.error();
  }
  store_.RecordCase(survey.survey_id, case_id.value());
  survey.case_id = case_id.value();
  log::Info("complaint case recorded on survey", {{"survey_id", survey.survey_id}, {"case_id", survey.case_id}});
  return survey;
}

Result<SubmitResult> AnswersApp::Submit(const AnswerCaller& caller, SubmitAnswers submit) {
  return Answer(&caller, std::move(submit), domain::Completeness::kWhole);
}

Result<SubmitResult> AnswersApp::Answer(const AnswerCaller* caller, SubmitAnswers submit,
                                        domain::Completeness completeness) {
  if (submit.survey_id.empty()) {
    return InvalidArgument("survey_id", "must not be empty");
  }
  const Instant now = clock_.Now();
  if (submit.answers.answered_at == Instant{}) {
    submit.answers.answered_at = now;
  }
  if (submit.answers.answered_at > now) {
    return InvalidArgument("answered_at", "must not be in the future");
  }
  for (int round = 0; round < kMaxRounds; ++round) {
    auto survey = store_.Find(submit.survey_id);
    if (!survey) {
      return Error{ErrorCode::kNotFound, "survey_id", "no survey " + submit.survey_id};
    }
    if (caller != nullptr) {
      if (Status readable = caller->MayRead(*survey); !readable.ok()) {
        return readable.error();
      }
    }
    if (!submit.request_id.empty()) {
      if (auto answered_by = store_.SurveyOfRequest(submit.request_id)) {
        if (*answered_by != submit.survey_id) {
          return InvalidArgument("request_id", "already used for another survey");
        }
        auto ensured = EnsureCase(std::move(*survey));  // a replay: the same result, nothing stored twice
        if (!ensured.ok()) {
          return ensured.error();
        }
        return SubmitResult{std::move(ensured).value()};
      }
    }
    if (survey->status == domain::SurveyStatus::kAnswered) {
      // Refused below; but an answer whose case was lost in a crash gets it now.
      if (auto ensured = EnsureCase(*survey); !ensured.ok()) {
        return ensured.error();
      }
    }
    if (Status open = domain::CheckAnswerable(*survey, now); !open.ok()) {
      return open.error();
    }
    if (caller != nullptr) {
      if (Status allowed = caller->MayAnswer(*survey, submit.answers); !allowed.ok()) {
        return allowed.error();
      }
    }
    auto asked = templates_.Pinned(*survey);
    if (!asked.ok()) {
      return asked.error();
    }
    if (Status valid = domain::ValidateAnswers(asked.value(), submit.answers, completeness); !valid.ok()) {
      return valid.error();
    }
    domain::Survey answered = domain::Answered(*survey, asked.value(), submit.answers);
    if (store_.StoreAnswer(answered, submit.request_id) != AnswerWrite::kStored) {
      continue;  // answered meanwhile (or this very request): the next round says which
    }
    log::Info("survey answered", {{"survey_id", answered.survey_id},
                                  {"by", caller != nullptr ? caller->Name() : "sms-reply"},
                                  {"dissatisfied", answered.assessment.dissatisfied}});
    auto ensured = EnsureCase(std::move(answered));
    if (!ensured.ok()) {
      return ensured.error();
    }
    return SubmitResult{std::move(ensured).value()};
  }
  return Error{ErrorCode::kAborted, "survey_id", "the survey changed while answering; try again"};
}

Status AnswersApp::OnSmsScore(const SmsScore& reply) {
  if (reply.survey_id.empty()) {
    log::Info("sms survey reply not tied to a survey; ignored", {{"inbound_id", reply.inbound_id}});
    return Ok{};
  }
  if (reply.score < domain::kMinScore || reply.score > domain::kMaxScore) {
    log::Info("sms survey reply score out of range; ignored",
              {{"inbound_id", reply.inbound_id}, {"survey_id", reply.survey_id}, {"score", reply.score}});
    return Ok{};
  }
  auto survey = store_.Find(reply.survey_id);
  if (!survey || survey->customer_id != reply.customer_id) {
    log::Info("sms survey reply names no survey of this customer; ignored",
              {{"inbound_id", reply.inbound_id}, {"survey_id", reply.survey_id}});
    return Ok{};
  }
  SubmitAnswers submit;
  submit.survey_id = reply.survey_id;
  submit.request_id = DerivedId("sms-", {reply.inbound_id});
  submit.answers.scores = {{domain::SurveyItem::kOverall, reply.score}};
  submit.answers.channel = reply.channel;
  submit.answers.source = domain::AnswerSource::kInternal;
  submit.answers.answered_at = std::min(reply.received_at, clock_.Now());
  auto answered = Answer(nullptr, std::move(submit), domain::Completeness::kOverallOnly);
  if (answered.ok()) {
    return Ok{};
  }
  if (WorthRetrying(answered.error())) {
    return answered.error();
  }
  log::Info(
      "sms survey reply not recorded",
      {{"inbound_id", reply.inbound_id}, {"survey_id", reply.survey_id}, {"reason", answered.error().ToString()}});
  return Ok{};
}

Result<domain::Survey> AnswersApp::Get(const AnswerCaller& caller, const std::string& survey_id) {
  auto survey = store_.Find(survey_id);
  if (!survey) {
    return Error{ErrorCode::kNotFound, "survey_id", "no survey " + survey_id};
  }
  if (Status readable = caller.MayRead(*survey); !readable.ok()) {
    return readable.error();
  }
  return *survey;
}

}  // namespace careloop::surveys::app
