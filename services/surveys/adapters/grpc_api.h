#pragma once

#include "careloop/survey/v1/surveys_service.grpc.pb.h"
#include "common/grpc/server.h"
#include "services/surveys/app/cases_app.h"
#include "services/surveys/app/surveys_app.h"

namespace careloop::surveys::adapters {

/// careloop.survey.v1.SurveysService. Methods not overridden answer UNIMPLEMENTED.
class SurveysApi final : public careloop::survey::v1::SurveysService::CallbackService {
 public:
  SurveysApi(app::SurveysApp& app, grpcx::HandlerContext handler) : app_(app), handler_(handler) {}

  grpc::ServerUnaryReactor* ListSurveys(grpc::CallbackServerContext* context,
                                        const careloop::survey::v1::ListSurveysRequest* request,
                                        careloop::survey::v1::ListSurveysResponse* response) override;

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
  app::CasesApp* cases_ = nullptr;
};

}  // namespace careloop::surveys::adapters
