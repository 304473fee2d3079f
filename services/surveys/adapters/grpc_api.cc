#include "services/surveys/adapters/grpc_api.h"

#include "services/surveys/adapters/proto_mapping.h"

namespace careloop::surveys::adapters {

grpc::ServerUnaryReactor* SurveysApi::ListSurveys(grpc::CallbackServerContext* context,
                                                  const pb::ListSurveysRequest* request,
                                                  pb::ListSurveysResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListSurveys", [&](const auth::Principal& caller) -> Status {
    auto surveys = app_.List(caller, request->customer_id(), request->store_id());
    if (!surveys.ok()) {
      return surveys.error();
    }
    for (const auto& survey : surveys.value()) {
      *response->add_surveys() = ToProto(survey);
    }
    response->mutable_page()->set_total_count(response->surveys_size());
    return Ok{};
  });
}

}  // namespace careloop::surveys::adapters
