// careloop-reminders: keeps every vehicle's care schedule and fires its timers.
#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/reminders/adapters/campaign_events.h"
#include "services/reminders/adapters/care_events.h"
#include "services/reminders/adapters/care_report_events.h"
#include "services/reminders/adapters/case_timer_events.h"
#include "services/reminders/adapters/customer_events.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/grpc_customer_directory.h"
#include "services/reminders/adapters/grpc_customer_profiles.h"
#include "services/reminders/adapters/redis_appointment_repository.h"
#include "services/reminders/adapters/redis_campaign_repository.h"
#include "services/reminders/adapters/redis_care_reminders.h"
#include "services/reminders/adapters/redis_care_stats.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/adapters/redis_rule_store.h"
#include "services/reminders/adapters/survey_invitation_events.h"
#include "services/reminders/adapters/survey_window_events.h"
#include "services/reminders/app/campaigns_app.h"
#include "services/reminders/app/care_report_app.h"
#include "services/reminders/app/case_timers.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/app/survey_window_timers.h"
#include "services/reminders/settings.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("reminders", argc, argv, [](runtime::Runtime& rt) {
    const reminders::Settings settings = reminders::ParseSettings(rt.settings());
    reminders::adapters::RedisReminderRepository repository(rt.redis(), rt.clock());
    reminders::adapters::RedisRuleStore rule_store(rt.redis());
    reminders::app::StoredRuleBook rule_book(rule_store);
    reminders::app::Replanner replanner(repository, repository, rule_book, rt.clock(), rt.stores());
    reminders::app::RulesApp rules(rule_store, replanner, rt.clock(), rt.stores());
    rules.Seed(settings.rules);
    reminders::app::RemindersApp app(repository, repository, rule_book, replanner, rt.clock(), rt.stores());
    // Care: appointments, birthday greetings and win-back, reading customers through their service.
    reminders::adapters::RedisCareReminders care_reminders(repository, rt.redis(), rt.clock());
    reminders::adapters::RedisAppointmentRepository appointment_store(rt.redis(), rt.clock());
    reminders::adapters::GrpcCustomerProfiles customers(settings.customers_address, rt.settings().service_token);
    reminders::app::AppointmentsApp appointments(appointment_store, care_reminders, customers, rule_book, rt.clock(),
                                                 rt.stores());
    reminders::app::GreetingsApp greetings(care_reminders, customers, rule_book, rt.clock(), rt.stores());
    reminders::app::WinBackApp win_back(care_reminders, customers, rule_book, rt.clock(), rt.stores());
    reminders::app::SurveyInvitationsApp survey_invitations(repository, rule_book, rt.clock(), rt.stores(),
                                                            settings.survey_invitations);
    // The care report: what became of the care, counted from the three topics.
    reminders::adapters::RedisCareStats care_stats(rt.redis());
    reminders::adapters::RedisReminderCalendar calendar(rt.redis());
    reminders::app::CareReportApp care(care_stats, calendar, rt.stores());
    // Campaigns: a segment's audience resolved through the customers service at launch.
    reminders::adapters::RedisCampaignRepository campaign_repository(rt.redis(), rt.clock());
    reminders::adapters::GrpcCustomerDirectory directory(settings.customers_address, rt.settings().service_token);
    reminders::app::CampaignsApp campaigns(campaign_repository, directory, repository, rt.clock(), rt.stores(),
                                           settings.campaigns);
    reminders::adapters::RemindersApi api({app, &rules, &appointments, &care, &campaigns}, rt.handler_context());
    rt.AddOutbox(reminders::adapters::keys::kOutbox);
    rt.AddConsumer("reminders", {kafka::kCustomerTopic}, reminders::adapters::CustomerEventHandler(app));
    events::Router care_routes;
    reminders::adapters::RouteAppointments(care_routes, appointments);
    reminders::adapters::RouteGreetings(care_routes, greetings);
    reminders::adapters::RouteWinBack(care_routes, win_back);
    reminders::adapters::RouteSurveyInvitations(care_routes, survey_invitations);
    rt.AddConsumer("reminders-care", {kafka::kCustomerTopic, kafka::kReminderTopic}, care_routes);
    events::Router report_routes;
    reminders::adapters::RouteCareReport(report_routes, care);
    rt.AddConsumer("reminders-report", {kafka::kReminderTopic, kafka::kDispatchTopic, kafka::kCustomerTopic},
                   std::move(report_routes));
    events::Router campaign_progress;
    reminders::adapters::RouteCampaignProgress(campaign_progress, campaigns);
    rt.AddConsumer("reminders-campaigns", {kafka::kReminderTopic, kafka::kDispatchTopic}, campaign_progress);
    // Complaint cases: their follow-up timers (CaseFollowUpDue at half the SLA and at the deadline).
    reminders::app::CaseTimers case_timers(care_reminders, rt.clock(), rt.stores());
    events::Router case_routes;
    reminders::adapters::RouteCaseTimers(case_routes, case_timers);
    rt.AddConsumer("reminders-cases", {kafka::kSurveyTopic}, std::move(case_routes));
    // Issued surveys: the non-responder reminder and the close of the answer window.
    reminders::app::SurveyWindowTimers survey_window(care_reminders, rule_book, rt.clock(), rt.stores(),
                                                     settings.survey_reminders);
    events::Router survey_window_routes;
    reminders::adapters::RouteSurveyWindowTimers(survey_window_routes, survey_window);
    rt.AddConsumer("reminders-survey-window", {kafka::kSurveyTopic}, std::move(survey_window_routes));
    rt.AddWorker("timers", [&app, &settings] {
      return app.FireDue(settings.timer_batch) == settings.timer_batch ? Millis{0} : settings.timer_poll;
    });
    rt.AddWorker("no-shows", [&appointments, &settings] {
      return appointments.SweepNoShows(settings.timer_batch) == settings.timer_batch ? Millis{0}
                                                                                     : settings.care.no_show_poll;
    });
    rt.AddWorker("campaign-launches",
                 [&campaigns, &settings] { return campaigns.LaunchDue() > 0 ? Millis{0} : settings.campaign_poll; });
    return rt.Serve({&api});
  });
}
