// careloop-reminders: keeps every vehicle's care schedule and fires its timers.
#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/reminders/adapters/campaign_events.h"
#include "services/reminders/adapters/customer_events.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/grpc_customer_directory.h"
#include "services/reminders/adapters/redis_campaign_repository.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/app/campaigns_app.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/settings.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("reminders", argc, argv, [](runtime::Runtime& rt) {
    const reminders::Settings settings = reminders::ParseSettings(rt.settings());
    reminders::adapters::RedisReminderRepository repository(rt.redis(), rt.clock());
    reminders::app::RemindersApp app(repository, rt.clock(), rt.stores(), settings.maintenance, settings.insurance);
    reminders::adapters::RedisCampaignRepository campaign_repository(rt.redis(), rt.clock());
    reminders::adapters::GrpcCustomerDirectory directory(settings.customers_address, rt.settings().service_token);
    reminders::app::CampaignsApp campaigns(campaign_repository, directory, repository, rt.clock(), rt.stores(),
                                           settings.campaigns);
    reminders::adapters::RemindersApi api(app, campaigns, rt.handler_context());
    rt.AddOutbox(reminders::adapters::keys::kOutbox);
    rt.AddConsumer("reminders", {kafka::kCustomerTopic}, reminders::adapters::CustomerEventHandler(app));
    events::Router campaign_progress;
    reminders::adapters::RouteCampaignProgress(campaign_progress, campaigns);
    rt.AddConsumer("reminders-campaigns", {kafka::kReminderTopic, kafka::kDispatchTopic}, campaign_progress);
    rt.AddWorker("timers", [&app, &settings] {
      return app.FireDue(settings.timer_batch) == settings.timer_batch ? Millis{0} : settings.timer_poll;
    });
    rt.AddWorker("campaign-launches",
                 [&campaigns, &settings] { return campaigns.LaunchDue() > 0 ? Millis{0} : settings.campaign_poll; });
    return rt.Serve({&api});
  });
}
