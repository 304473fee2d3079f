// careloop-surveys: follow-up surveys after deliveries and visits.
#include "common/config/config.h"
#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/surveys/adapters/event_handlers.h"
#include "services/surveys/adapters/grpc_api.h"
#include "services/surveys/adapters/redis_survey_repository.h"
#include "services/surveys/app/surveys_app.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("surveys", argc, argv, [](runtime::Runtime& rt) {
    surveys::domain::SurveyPolicy policy;
    policy.answer_window = Days{config::Get<int>(rt.settings().section, "answer_window_days", 7)};
    policy.max_delivery_age_days =
        config::Get<int>(rt.settings().section, "max_delivery_age_days", policy.max_delivery_age_days);
    surveys::adapters::RedisSurveyRepository repository(rt.redis(), rt.clock());
    surveys::app::SurveysApp app(repository, rt.clock(), rt.stores(), policy);
    surveys::adapters::SurveysApi api(app, rt.handler_context());
    rt.AddOutbox(surveys::adapters::keys::kOutbox);
    rt.AddConsumer("surveys", {kafka::kCustomerTopic}, surveys::adapters::CustomerEventHandler(app));
    return rt.Serve({&api});
  });
}
