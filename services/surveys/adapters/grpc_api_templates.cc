// SurveysService's template methods: ListSurveyTemplates, UpsertSurveyTemplate.
#include "common/events/enum_input.h"
#include "services/surveys/adapters/enum_tables.h"
#include "services/surveys/adapters/grpc_api.h"
#include "services/surveys/adapters/template_mapping.h"

namespace careloop::surveys::adapters {
namespace {

Status RequireWired(const app::TemplatesApp* templates) {
  if (templates == nullptr) {
    return Error{ErrorCode::kInternal, "", "survey templates are not wired in this surveys instance"};
  }
  return Ok{};
}

}  // namespace

grpc::ServerUnaryReactor* SurveysApi::ListSurveyTemplates(grpc::CallbackServerContext* context,
                                                          const pb::ListSurveyTemplatesRequest* request,
                                                          pb::ListSurveyTemplatesResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListSurveyTemplates", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(templates_); !wired.ok()) {
      return wired;
    }
    const auto kind = events::FilterFromClient(kSurveyKinds, request->kind(), "kind");
    if (!kind.ok()) {
      return kind.error();
    }
    auto templates = templates_->List(caller, request->store_id(), kind.value());
    if (!templates.ok()) {
      return templates.error();
    }
    for (const auto& each : templates.value()) {
      *response->add_templates() = ToProto(each);
    }
    return Ok{};
  });
}

grpc::ServerUnaryReactor* SurveysApi::UpsertSurveyTemplate(grpc::CallbackServerContext* context,
                                                           const pb::UpsertSurveyTemplateRequest* request,
                                                           pb::UpsertSurveyTemplateResponse* response) {
  return grpcx::RunUnary(context, handler_, "UpsertSurveyTemplate", [&](const auth::Principal& caller) -> Status {
    if (Status wired = RequireWired(templates_); !wired.ok()) {
      return wired;
    }
    auto parsed = TemplateFromProto(request->survey_template());
    if (!parsed.ok()) {
      return parsed.error();
    }
    auto saved = templates_->Upsert(caller, std::move(parsed).value());
    if (!saved.ok()) {
      return saved.error();
    }
    *response->mutable_survey_template() = ToProto(saved.value());
    return Ok{};
  });
}

}  // namespace careloop::surveys::adapters
