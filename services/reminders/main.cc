// careloop-reminders: keeps every vehicle's care schedule and fires its timers.
#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/reminders/adapters/customer_events.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/adapters/redis_rule_store.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/settings.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("reminders", argc, argv, [](runtime::Runtime& rt) {
    const reminders::Settings settings = reminders::ParseSettings(rt.settings());
    reminders::adapters::RedisReminderRepository repository(rt.redis(), rt.clock());
    reminders::adapters::RedisRuleStore rule_store(rt.redis());
    reminders::app::StoredRuleBook rule_book(rule_store);
    reminders::app::Replanner replanner(repository, repository, rule_book, rt.clock(), rt.stores());
    reminders::app::RulesApp rules(rule_store, replanner, rt.clock(), rt.stores(), settings.quiet_hours);
    rules.Seed(settings.rules);
    reminders::app::RemindersApp app(repository, repository, rule_book, replanner, rt.clock(), rt.stores());
    reminders::adapters::RemindersApi api(app, rules, rt.handler_context());
    rt.AddOutbox(reminders::adapters::keys::kOutbox);
    rt.AddConsumer("reminders", {kafka::kCustomerTopic}, reminders::adapters::CustomerEventHandler(app));
    rt.AddWorker("timers", [&app, &settings] {
      return app.FireDue(settings.timer_batch) == settings.timer_batch ? Millis{0} : settings.timer_poll;
    });
    return rt.Serve({&api});
  });
}
