// careloop-surveys: follow-up surveys after deliveries and visits.
#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/surveys/adapters/event_handlers.h"
#include "services/surveys/adapters/grpc_api.h"
#include "services/surveys/adapters/redis_keys.h"
#include "services/surveys/adapters/redis_survey_repository.h"
#include "services/surveys/app/surveys_app.h"
#include "services/surveys/settings.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("surveys", argc, argv, [](runtime::Runtime& rt) {
    const surveys::Settings settings = surveys::ParseSettings(rt.settings());
    surveys::adapters::RedisSurveyRepository repository(rt.redis(), rt.clock());
    surveys::app::SurveysApp app(repository, rt.clock(), rt.stores(), settings.policy);
    surveys::adapters::SurveysApi api(app, rt.handler_context());
    rt.AddOutbox(surveys::adapters::keys::kOutbox);
    events::Router invitations;
    surveys::adapters::RouteSurveyInvitations(invitations, app);
    rt.AddConsumer("surveys", {kafka::kReminderTopic}, std::move(invitations));
    return rt.Serve({&api});
  });
}
