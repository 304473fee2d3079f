#include "services/surveys/adapters/grpc_api.h"

#include <algorithm>

#include "common/events/enum_input.h"
#include "services/surveys/adapters/enum_tables.h"
#include "services/surveys/adapters/proto_mapping.h"

namespace careloop::surveys::adapters {

grpc::ServerUnaryReactor* SurveysApi::ListSurveys(grpc::CallbackServerContext* context,
                                                  const pb::ListSurveysRequest* request,
                                                  pb::ListSurveysResponse* response) {
  return grpcx::RunUnary(context, handler_, "ListSurveys", [&](const auth::Principal& caller) -> Status {
    const auto status = events::FilterFromClient(kSurveyStatuses, request->status(), "status");
    if (!status.ok()) {
      return status.error();
    }
    const auto kind = events::FilterFromClient(kSurveyKinds, request->kind(), "kind");
    if (!kind.ok()) {
      return kind.error();
    }
    size_t offset = 0;
    if (const std::string& token = request->page().page_token(); !token.empty()) {
      if (token.size() > 9 || !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return InvalidArgument("page.page_token", "not a token this server issued");
      }
      offset = std::stoul(token);
    }
    const size_t limit = request->page().page_size() <= 0 ? 50 : std::min(request->page().page_size(), 500);
    auto surveys = app_.List(caller, request->customer_id(), request->store_id());
    if (!surveys.ok()) {
      return surveys.error();
    }
    size_t matching = 0;
    for (const auto& survey : surveys.value()) {
      if ((status.value() && survey.status != *status.value()) || (kind.value() && survey.kind != *kind.value())) {
        continue;
      }
      if (matching >= offset && matching < offset + limit) {
        *response->add_surveys() = ToProto(survey);
      }
      ++matching;
    }
    response->mutable_page()->set_total_count(static_cast<int64_t>(matching));
    if (offset + limit < matching) {
      response->mutable_page()->set_next_page_token(std::to_string(offset + limit));
    }
    return Ok{};
  });
}

}  // namespace careloop::surveys::adapters
