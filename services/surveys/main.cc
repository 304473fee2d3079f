// careloop-surveys: follow-up surveys after deliveries and visits.
#include "common/events/router.h"
#include "common/kafka/cloud_event.h"
#include "common/log/log.h"
#include "common/runtime/runtime.h"
#include "services/surveys/adapters/answer_page_server.h"
#include "services/surveys/adapters/case_events.h"
#include "services/surveys/adapters/csi_events.h"
#include "services/surveys/adapters/csi_page_server.h"
#include "services/surveys/adapters/dispatch_events.h"
#include "services/surveys/adapters/event_handlers.h"
#include "services/surveys/adapters/grpc_api.h"
#include "services/surveys/adapters/random_link_tokens.h"
#include "services/surveys/adapters/redis_answer_links.h"
#include "services/surveys/adapters/redis_answer_store.h"
#include "services/surveys/adapters/redis_case_repository.h"
#include "services/surveys/adapters/redis_csi_stats.h"
#include "services/surveys/adapters/redis_improvement_actions.h"
#include "services/surveys/adapters/redis_keys.h"
#include "services/surveys/adapters/redis_survey_repository.h"
#include "services/surveys/adapters/redis_survey_window.h"
#include "services/surveys/adapters/redis_template_store.h"
#include "services/surveys/adapters/survey_window_events.h"
#include "services/surveys/app/answer_page_app.h"
#include "services/surveys/app/answers_app.h"
#include "services/surveys/app/cases_app.h"
#include "services/surveys/app/csi_app.h"
#include "services/surveys/app/improvement_actions_app.h"
#include "services/surveys/app/survey_window_app.h"
#include "services/surveys/app/surveys_app.h"
#include "services/surveys/app/templates_app.h"
#include "services/surveys/settings.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("surveys", argc, argv, [](runtime::Runtime& rt) {
    const surveys::Settings settings = surveys::ParseSettings(rt.settings());
    surveys::adapters::RedisSurveyRepository repository(rt.redis(), rt.clock());
    surveys::app::SurveysApp app(repository, rt.clock(), rt.stores(), settings.policy);
    surveys::adapters::RedisTemplateStore template_store(rt.redis());
    surveys::app::TemplatesApp templates(template_store, rt.clock());
    app.UseTemplates(templates.catalog());
    // Survey links (docs/surveys.md "The answer page"): a fresh token per issued survey.
    surveys::adapters::RandomLinkTokens link_tokens;
    if (!settings.answer_page.public_url.empty()) {
      app.UseLinks(link_tokens, settings.answer_page.public_url);
    }
    surveys::adapters::SurveysApi api(app, rt.handler_context());
    api.UseTemplates(templates);
    // Complaint cases (docs/cases.md); a dissatisfied answer opens one through CaseIntake.
    surveys::adapters::RedisCaseRepository case_repository(rt.redis(), rt.clock());
    surveys::app::CasesApp cases(case_repository, rt.clock(), rt.stores(), settings.case_rules);
    api.UseCases(cases);
    // Answers (docs/surveys.md): staff through SubmitResponse, customers' SMS score replies.
    surveys::adapters::RedisAnswerStore answer_store(rt.redis(), rt.clock());
    surveys::app::AnswersApp answers(answer_store, templates.catalog(), cases, rt.clock());
    api.UseAnswers(answers);
    rt.AddOutbox(surveys::adapters::keys::kOutbox);
    events::Router invitations;
    surveys::adapters::RouteSurveyInvitations(invitations, app);
    rt.AddConsumer("surveys", {kafka::kReminderTopic}, std::move(invitations));
    events::Router case_routes;
    surveys::adapters::RouteCases(case_routes, cases);
    rt.AddConsumer("surveys-cases", {kafka::kDispatchTopic, kafka::kReminderTopic}, std::move(case_routes));
    events::Router reply_routes;
    surveys::adapters::RouteSurveyReplies(reply_routes, answers);
    rt.AddConsumer("surveys-replies", {kafka::kDispatchTopic}, std::move(reply_routes));
    // The answer window: the one reminder to non-responders and the expiry (docs/surveys.md).
    surveys::adapters::RedisSurveyWindow window_store(rt.redis(), rt.clock());
    surveys::app::SurveyWindowApp window(window_store, rt.clock());
    events::Router window_routes;
    surveys::adapters::RouteSurveyWindow(window_routes, window);
    rt.AddConsumer("surveys-window", {kafka::kReminderTopic}, std::move(window_routes));
    // The CSI read model, fed by the survey topic's own events (docs/csi.md).
    surveys::adapters::RedisCsiStats csi_stats(rt.redis());
    surveys::app::CsiApp csi(csi_stats, rt.clock(), rt.stores());
    api.UseCsi(csi);
    rt.AddConsumer("surveys-csi", {kafka::kSurveyTopic}, surveys::adapters::CsiEventHandler(csi));
    // Improvement actions for the items that fall short.
    surveys::adapters::RedisImprovementActions action_store(rt.redis(), rt.clock());
    surveys::app::ImprovementActionsApp actions(action_store, rt.clock(), rt.stores());
    api.UseActions(actions);
    // The CSI report page over HTTP, for the same bearer tokens as the API.
    surveys::adapters::CsiPageServer report_page(csi, rt.authenticator(), rt.stores());
    if (!settings.report_page_listen.empty()) {
      const int port = report_page.Start(settings.report_page_listen);
      log::Info("report page listening", {{"port", std::to_string(port)}});
    }
    // The customer's answer page over HTTP: no login, the link's token is the credential.
    surveys::adapters::RedisAnswerLinks answer_links(rt.redis());
    surveys::adapters::RedisSubmitLimiter submit_limiter(
        rt.redis(), {settings.answer_page.submits_per_token, settings.answer_page.submits_per_client,
                     std::chrono::seconds{settings.answer_page.window_seconds}});
    surveys::app::AnswerPageApp answer_page_app(answer_links, submit_limiter, answers, templates.catalog(), rt.clock(),
                                                rt.stores());
    surveys::adapters::AnswerPageServer answer_page(answer_page_app, rt.stores());
    if (!settings.answer_page.listen.empty()) {
      const int port = answer_page.Start(settings.answer_page.listen);
      log::Info("answer page listening", {{"port", std::to_string(port)}});
    }
    return rt.Serve({&api});
  });
}
