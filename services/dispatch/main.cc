// careloop-dispatch: turns due reminders and issued surveys into messages, within the
// contact policy, through the configured SMS vendor.
#include <memory>

#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/dispatch/adapters/call_task_events.h"
#include "services/dispatch/adapters/event_handlers.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/grpc_appointment_booker.h"
#include "services/dispatch/adapters/grpc_campaign_texts.h"
#include "services/dispatch/adapters/grpc_cause_check.h"
#include "services/dispatch/adapters/grpc_contact_directory.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/adapters/redis_call_task_store.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/app/call_tasks_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/settings.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("dispatch", argc, argv, [](runtime::Runtime& rt) {
    const dispatch::Settings settings = dispatch::ParseSettings(rt.settings());
    dispatch::adapters::RedisMessageLedger ledger(rt.redis(), rt.clock());
    dispatch::adapters::GrpcContactDirectory contacts(settings.customers_address, rt.settings().service_token);
    dispatch::adapters::GrpcCauseCheck causes(settings.reminders_address, rt.settings().service_token);
    std::unique_ptr<dispatch::app::SmsSender> sms;
    if (settings.sms_provider == dispatch::SmsProvider::kTencent) {
      sms = std::make_unique<dispatch::adapters::TencentSmsSender>(settings.tencent);
    } else {
      sms = std::make_unique<dispatch::adapters::AliyunSmsSender>(settings.aliyun);
    }
    dispatch::app::DispatchApp app(ledger, contacts, causes, *sms, rt.clock(), rt.stores(), settings.templates,
                                   settings.policy);
    dispatch::adapters::GrpcCampaignTexts campaign_texts(settings.reminders_address, rt.settings().service_token);
    app.UseCampaignTexts(campaign_texts);
    // Staff call and face-to-face tasks (docs/call-tasks.md).
    dispatch::adapters::RedisCallTaskStore task_store(rt.redis(), rt.clock());
    dispatch::adapters::GrpcAppointmentBooker appointments(settings.reminders_address, rt.settings().service_token);
    dispatch::app::CallTasksApp call_tasks(task_store, contacts, appointments, rt.clock(), rt.stores());
    app.UseTaskDesk(call_tasks);
    dispatch::adapters::DispatchApi api(app, rt.handler_context());
    api.UseCallTasks(call_tasks);
    rt.AddOutbox(dispatch::adapters::keys::kOutbox);
    rt.AddConsumer("dispatch", {kafka::kReminderTopic, kafka::kSurveyTopic},
                   dispatch::adapters::SendRequestHandler(app));
    events::Router visits;
    dispatch::adapters::RouteCallTasks(visits, call_tasks);
    rt.AddConsumer("dispatch-tasks", {kafka::kCustomerTopic}, std::move(visits));
    rt.AddWorker("task-escalation", [&call_tasks, &settings] {
      return call_tasks.EscalateOverdue(settings.deferred_batch) == settings.deferred_batch ? Millis{0}
                                                                                            : settings.escalation_poll;
    });
    rt.AddWorker("deferred", [&app, &settings] {
      return app.DeliverDeferred(settings.deferred_batch) == settings.deferred_batch ? Millis{0}
                                                                                     : settings.deferred_poll;
    });
    return rt.Serve({&api});
  });
}
