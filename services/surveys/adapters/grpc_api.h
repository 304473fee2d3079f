#pragma once

#include "careloop/survey/v1/surveys_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/surveys/app/answers_app.h"
#include "services/surveys/app/cases_app.h"
#include "services/surveys/app/csi_app.h"
#include "services/surveys/app/improvement_actions_app.h"
#include "services/surveys/app/surveys_app.h"
#include "services/surveys/app/templates_app.h"

namespace careloop::surveys::adapters {

/// careloop.survey.v1.SurveysService. Methods not overridden answer UNIMPLEMENTED.
class SurveysApi final : public careloop::survey::v1::SurveysService::CallbackService {
 public:
  SurveysApi(app::SurveysApp& app, grpcx::HandlerContext handler) : app_(app), handler_(handler) {}

  grpc::ServerUnaryReactor* ListSurveys(grpc::CallbackServerContext* context,
                                        const careloop::survey::v1::ListSurveysRequest* request,
                                        careloop::survey::v1::ListSurveysResponse* response) override;

  /// Survey answers (grpc_api_answers.cc): GetSurvey, SubmitResponse; main.cc wires AnswersApp
  /// with UseAnswers (unwired: INTERNAL "not wired").
  void UseAnswers(app::AnswersApp& answers) { answers_ = &answers; }
  grpc::ServerUnaryReactor* GetSurvey(grpc::CallbackServerContext* context,
                                      const careloop::survey::v1::GetSurveyRequest* request,
                                      careloop::survey::v1::GetSurveyResponse* response) override;
  grpc::ServerUnaryReactor* SubmitResponse(grpc::CallbackServerContext* context,
                                           const careloop::survey::v1::SubmitResponseRequest* request,
                                           careloop::survey::v1::SubmitResponseResponse* response) override;

  /// Survey templates (grpc_api_templates.cc); main.cc wires TemplatesApp with UseTemplates.
  void UseTemplates(app::TemplatesApp& templates) { templates_ = &templates; }
  grpc::ServerUnaryReactor* ListSurveyTemplates(grpc::CallbackServerContext* context,
                                                const careloop::survey::v1::ListSurveyTemplatesRequest* request,
                                                careloop::survey::v1::ListSurveyTemplatesResponse* response) override;
  grpc::ServerUnaryReactor* UpsertSurveyTemplate(grpc::CallbackServerContext* context,
                                                 const careloop::survey::v1::UpsertSurveyTemplateRequest* request,
                                                 careloop::survey::v1::UpsertSurveyTemplateResponse* response) override;
  /// The CSI read model's reports (grpc_api_csi.cc); unset: GetCsiReport answers FAILED_PRECONDITION.
  void UseCsi(app::CsiApp& csi) { csi_ = &csi; }
  grpc::ServerUnaryReactor* GetCsiReport(grpc::CallbackServerContext* context,
                                         const careloop::survey::v1::GetCsiReportRequest* request,
                                         careloop::survey::v1::GetCsiReportResponse* response) override;

  /// Improvement actions (grpc_api_actions.cc); unset: those methods answer FAILED_PRECONDITION.
  void UseActions(app::ImprovementActionsApp& actions) { actions_ = &actions; }
  grpc::ServerUnaryReactor* CreateImprovementAction(
      grpc::CallbackServerContext* context, const careloop::survey::v1::CreateImprovementActionRequest* request,
      careloop::survey::v1::CreateImprovementActionResponse* response) override;
  grpc::ServerUnaryReactor* UpdateImprovementAction(
      grpc::CallbackServerContext* context, const careloop::survey::v1::UpdateImprovementActionRequest* request,
      careloop::survey::v1::UpdateImprovementActionResponse* response) override;
  grpc::ServerUnaryReactor* ListImprovementActions(
      grpc::CallbackServerContext* context, const careloop::survey::v1::ListImprovementActionsRequest* request,
      careloop::survey::v1::ListImprovementActionsResponse* response) override;
  /// Complaint cases (adapters/grpc_api_cases.cc); without UseCases they answer INTERNAL.
  void UseCases(app::CasesApp& cases) { cases_ = &cases; }
  grpc::ServerUnaryReactor* OpenCase(grpc::CallbackServerContext* context,
                                     const careloop::survey::v1::OpenCaseRequest* request,
                                     careloop::survey::v1::OpenCaseResponse* response) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* context,
                                      const careloop::survey::v1::ListCasesRequest* request,
                                      careloop::survey::v1::ListCasesResponse* response) override;
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* context,
                                    const careloop::survey::v1::GetCaseRequest* request,
                                    careloop::survey::v1::GetCaseResponse* response) override;
  grpc::ServerUnaryReactor* UpdateCase(grpc::CallbackServerContext* context,
                                       const careloop::survey::v1::UpdateCaseRequest* request,
                                       careloop::survey::v1::UpdateCaseResponse* response) override;
  grpc::ServerUnaryReactor* ResolveCase(grpc::CallbackServerContext* context,
                                        const careloop::survey::v1::ResolveCaseRequest* request,
                                        careloop::survey::v1::ResolveCaseResponse* response) override;

 private:
  app::SurveysApp& app_;
  grpcx::HandlerContext handler_;
  app::AnswersApp* answers_ = nullptr;
  app::TemplatesApp* templates_ = nullptr;
  app::CsiApp* csi_ = nullptr;
  app::ImprovementActionsApp* actions_ = nullptr;
  app::CasesApp* cases_ = nullptr;
};

}  // namespace careloop::surveys::adapters
