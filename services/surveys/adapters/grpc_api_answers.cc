// SurveysService's answer methods: GetSurvey, SubmitResponse (staff enter a phone follow-up or
// the manufacturer's survey).
#include "services/surveys/adapters/answer_mapping.h"
#include "services/surveys/adapters/grpc_api.h"
#include "services/surveys/adapters/proto_mapping.h"

namespace careloop::surveys::adapters {
namespace {

Status RequireWired(const app::AnswersApp* answers) {
  if (answers == nullptr) {
    return Error{ErrorCode::kInternal, "", "survey answers are not wired in this surveys instance"};
  }
  return Ok{};
}

}  // namespace

grpc::ServerUnaryReactor* SurveysApi::GetSurvey(grpc::CallbackServerContext* context,
                                                const pb::GetSurveyRequest* request, pb::GetSurveyResponse* response) {
  return grpcx::RunUnary(context, handler_, "GetSurvey", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(answers_); !wired.ok()) {
      return wired;
    }
    if (request->survey_id().empty()) {
      return InvalidArgument("survey_id", "must not be empty");
    }
    auto survey = answers_->Get(app::AnswerCaller::Staff(caller), request->survey_id());
    if (!survey.ok()) {
      return survey.error();
    }
    *response->mutable_survey() = ToProto(survey.value());
    return Ok{};
  });
}

grpc::ServerUnaryReactor* SurveysApi::SubmitResponse(grpc::CallbackServerContext* context,
                                                     const pb::SubmitResponseRequest* request,
                                                     pb::SubmitResponseResponse* response) {
  return grpcx::RunUnary(context, handler_, "SubmitResponse", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(answers_); !wired.ok()) {
      return wired;
    }
    auto answers = AnswersFromRequest(*request);
    if (!answers.ok()) {
      return answers.error();
    }
    auto submitted = answers_->Submit(app::AnswerCaller::Staff(caller),
                                      {request->survey_id(), std::move(answers).value(), request->request_id()});
    if (!submitted.ok()) {
      return submitted.error();
    }
    const domain::Survey& survey = submitted->survey;
    *response->mutable_survey() = ToProto(survey);
    if (!survey.case_id.empty()) {
      auto* opened = response->mutable_complaint_case();
      opened->set_case_id(survey.case_id);
      opened->set_survey_id(survey.survey_id);
      opened->set_customer_id(survey.customer_id);
      opened->set_store_id(survey.store_id);
      opened->set_advisor(survey.advisor);
    }
    return Ok{};
  });
}

}  // namespace careloop::surveys::adapters
