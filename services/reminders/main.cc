// careloop-reminders: keeps every vehicle's care schedule and fires its timers.
#include "common/config/config.h"
#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/reminders/adapters/customer_events.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/redis_keys.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/app/reminders_app.h"

namespace {

careloop::reminders::domain::MaintenancePolicy PolicyFrom(const YAML::Node& section) {
  using careloop::config::Get;
  careloop::reminders::domain::MaintenancePolicy policy;
  const YAML::Node node = section["maintenance"];
  policy.first_months = Get<int>(node, "first_months", policy.first_months);
  policy.first_km = Get<int>(node, "first_km", policy.first_km);
  policy.second_months = Get<int>(node, "second_months", policy.second_months);
  policy.second_km = Get<int>(node, "second_km", policy.second_km);
  policy.regular_months = Get<int>(node, "regular_months", policy.regular_months);
  policy.regular_km = Get<int>(node, "regular_km", policy.regular_km);
  policy.lead_days = Get<int>(node, "lead_days", policy.lead_days);
  const std::string send_at = Get<std::string>(node, "send_at", policy.send_at.ToString());
  const auto parsed = careloop::TimeOfDay::Parse(send_at);
  if (!parsed) {
    throw careloop::config::ConfigError("reminders.maintenance.send_at", "must be HH:MM, got '" + send_at + "'");
  }
  policy.send_at = *parsed;
  for (int months : {policy.first_months, policy.second_months, policy.regular_months}) {
    if (months <= 0 || months > 60) {
      throw careloop::config::ConfigError("reminders.maintenance", "intervals must be 1–60 months");
    }
  }
  if (policy.lead_days < 0 || policy.lead_days > 60) {
    throw careloop::config::ConfigError("reminders.maintenance.lead_days", "must be 0–60");
  }
  return policy;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("reminders", argc, argv, [](runtime::Runtime& rt) {
    reminders::adapters::RedisReminderRepository repository(rt.redis(), rt.clock());
    reminders::app::RemindersApp app(repository, rt.clock(), rt.stores(), PolicyFrom(rt.settings().section));
    reminders::adapters::RemindersApi api(app, rt.handler_context());
    rt.AddOutbox(reminders::adapters::keys::kOutbox);
    rt.AddConsumer("reminders", {kafka::kCustomerTopic}, reminders::adapters::CustomerEventHandler(app));
    rt.AddWorker("timers", [&app] {
      // A full batch means more may be due: come straight back. Otherwise poll every 200 ms.
      constexpr int kBatch = 100;
      return app.FireDue(kBatch) == kBatch ? Millis{0} : Millis{200};
    });
    return rt.Serve({&api});
  });
}
