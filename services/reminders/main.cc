// careloop-reminders: keeps every vehicle's care schedule and fires its timers.
#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/reminders/adapters/care_events.h"
#include "services/reminders/adapters/customer_events.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/redis_care_stats.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/app/care_report_app.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/settings.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("reminders", argc, argv, [](runtime::Runtime& rt) {
    const reminders::Settings settings = reminders::ParseSettings(rt.settings());
    reminders::adapters::RedisReminderRepository repository(rt.redis(), rt.clock());
    reminders::app::RemindersApp app(repository, rt.clock(), rt.stores(), settings.maintenance, settings.insurance);
    reminders::adapters::RedisCareStats care_stats(rt.redis());
    reminders::adapters::RedisReminderCalendar calendar(rt.redis());
    reminders::app::CareReportApp care(care_stats, calendar, rt.stores());
    reminders::adapters::RemindersApi api(app, care, rt.handler_context());
    rt.AddOutbox(reminders::adapters::keys::kOutbox);
    rt.AddConsumer("reminders", {kafka::kCustomerTopic}, reminders::adapters::CustomerEventHandler(app));
    events::Router care_routes;
    reminders::adapters::RouteCareReport(care_routes, care);
    rt.AddConsumer("reminders-care", {kafka::kReminderTopic, kafka::kDispatchTopic, kafka::kCustomerTopic},
                   std::move(care_routes));
    rt.AddWorker("timers", [&app, &settings] {
      return app.FireDue(settings.timer_batch) == settings.timer_batch ? Millis{0} : settings.timer_poll;
    });
    return rt.Serve({&api});
  });
}
