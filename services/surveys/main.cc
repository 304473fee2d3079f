// careloop-surveys: follow-up surveys after deliveries and visits.
#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/surveys/adapters/case_events.h"
#include "services/surveys/adapters/event_handlers.h"
#include "services/surveys/adapters/grpc_api.h"
#include "services/surveys/adapters/redis_case_repository.h"
#include "services/surveys/adapters/redis_keys.h"
#include "services/surveys/adapters/redis_survey_repository.h"
#include "services/surveys/app/cases_app.h"
#include "services/surveys/app/surveys_app.h"
#include "services/surveys/settings.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("surveys", argc, argv, [](runtime::Runtime& rt) {
    const surveys::Settings settings = surveys::ParseSettings(rt.settings());
    surveys::adapters::RedisSurveyRepository repository(rt.redis(), rt.clock());
    surveys::app::SurveysApp app(repository, rt.clock(), rt.stores(), settings.policy);
    surveys::adapters::SurveysApi api(app, rt.handler_context());
    surveys::adapters::RedisCaseRepository case_repository(rt.redis(), rt.clock());
    surveys::app::CasesApp cases(case_repository, rt.clock(), rt.stores(), settings.case_rules);
    api.UseCases(cases);
    rt.AddOutbox(surveys::adapters::keys::kOutbox);
    rt.AddConsumer("surveys", {kafka::kCustomerTopic}, surveys::adapters::CustomerEventHandler(app));
    events::Router case_routes;
    surveys::adapters::RouteCases(case_routes, cases);
    rt.AddConsumer("surveys-cases", {kafka::kDispatchTopic, kafka::kReminderTopic}, std::move(case_routes));
    return rt.Serve({&api});
  });
}
