// careloop-dispatch: turns due reminders and issued surveys into messages, within the
// contact policy, through the configured SMS vendor.
#include <memory>
#include <optional>
#include <vector>

#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/dispatch/adapters/breaker_metrics.h"
#include "services/dispatch/adapters/call_task_events.h"
#include "services/dispatch/adapters/complaint_routes.h"
#include "services/dispatch/adapters/event_handlers.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/grpc_appointment_booker.h"
#include "services/dispatch/adapters/grpc_campaign_texts.h"
#include "services/dispatch/adapters/grpc_cause_check.h"
#include "services/dispatch/adapters/grpc_contact_directory.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/aliyun_status_query.h"
#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/adapters/providers/tencent_status_query.h"
#include "services/dispatch/adapters/providers/wechat_template_sender.h"
#include "services/dispatch/adapters/receipt_http_server.h"
#include "services/dispatch/adapters/reconcile_metrics.h"
#include "services/dispatch/adapters/redis_batch_queue.h"
#include "services/dispatch/adapters/redis_call_task_store.h"
#include "services/dispatch/adapters/redis_case_roster.h"
#include "services/dispatch/adapters/redis_channel_plan_store.h"
#include "services/dispatch/adapters/redis_in_flight.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/adapters/redis_message_pages.h"
#include "services/dispatch/adapters/redis_pending_receipts.h"
#include "services/dispatch/adapters/redis_policy_store.h"
#include "services/dispatch/adapters/redis_receipt_store.h"
#include "services/dispatch/app/call_tasks_app.h"
#include "services/dispatch/app/campaign_batches.h"
#include "services/dispatch/app/case_follow_ups.h"
#include "services/dispatch/app/channel_plans_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/plan_executor.h"
#include "services/dispatch/app/receipts_app.h"
#include "services/dispatch/app/reconciler.h"
#include "services/dispatch/app/sms_failover.h"
#include "services/dispatch/app/wechat_follows.h"
#include "services/dispatch/settings.h"

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("dispatch", argc, argv, [](runtime::Runtime& rt) {
    const dispatch::Settings settings = dispatch::ParseSettings(rt.settings());
    dispatch::adapters::RedisMessageLedger ledger(rt.redis(), rt.clock());
    dispatch::adapters::RedisMessagePages message_pages(rt.redis());
    dispatch::adapters::GrpcContactDirectory contacts(settings.customers_address, rt.settings().service_token);
    dispatch::adapters::GrpcCauseCheck causes(settings.reminders_address, rt.settings().service_token);
    const auto make_sms = [&settings](dispatch::SmsProvider vendor) -> std::unique_ptr<dispatch::app::SmsSender> {
      if (vendor == dispatch::SmsProvider::kTencent) {
        return std::make_unique<dispatch::adapters::TencentSmsSender>(settings.tencent);
      }
      return std::make_unique<dispatch::adapters::AliyunSmsSender>(settings.aliyun);
    };
    std::unique_ptr<dispatch::app::SmsSender> primary = make_sms(settings.sms_provider);
    std::unique_ptr<dispatch::app::SmsSender> secondary =
        settings.sms_secondary ? make_sms(*settings.sms_secondary) : nullptr;
    dispatch::adapters::BreakerMetrics breaker_metrics(rt.metrics());
    dispatch::app::SmsFailover sms(*primary, secondary.get(), rt.clock(), settings.breaker, &breaker_metrics);
    breaker_metrics.Watch(sms);
    dispatch::app::DispatchApp app(ledger, contacts, causes, sms, rt.clock(), rt.stores(), settings.templates,
                                   settings.policy);
    dispatch::adapters::GrpcCampaignTexts campaign_texts(settings.reminders_address, rt.settings().service_token);
    app.UseCampaignTexts(campaign_texts);
    app.UseMessagePages(message_pages);
    // Store templates over the group's, the stores' contact policies, the complaint pause.
    dispatch::adapters::RedisTemplateStore template_store(rt.redis());
    dispatch::adapters::RedisContactPolicyStore policy_store(rt.redis());
    dispatch::adapters::RedisPausedCustomers paused(rt.redis());
    dispatch::app::TemplatesApp templates(template_store, contacts, rt.clock(), rt.stores(), settings.templates);
    dispatch::app::ContactPolicyApp policies(policy_store, paused, rt.clock(), rt.stores(), settings.policy);
    app.UseTemplateBook(templates);
    app.UseContactPolicies(policies);
    app.UsePausedCustomers(paused);
    // Staff call and face-to-face tasks (docs/call-tasks.md): the plans' staff steps open them.
    dispatch::adapters::RedisCallTaskStore task_store(rt.redis(), rt.clock());
    dispatch::adapters::GrpcAppointmentBooker appointments(settings.reminders_address, rt.settings().service_token);
    dispatch::app::CallTasksApp call_tasks(task_store, contacts, appointments, rt.clock(), rt.stores());
    // Channel plans: WeChat first, SMS fallback, staff steps.
    dispatch::adapters::RedisChannelPlanStore plan_store(rt.redis());
    dispatch::app::ChannelPlansApp plans(plan_store, rt.clock(), rt.stores());
    dispatch::app::WeChatFollows follows(plan_store, rt.clock());
    dispatch::app::PlanExecutor executor(plans, ledger, plan_store, rt.clock(), settings.plans);
    executor.UseTaskDesk(call_tasks);
    app.UsePlans(executor);
    std::unique_ptr<dispatch::adapters::WeChatTemplateSender> wechat;
    if (settings.wechat_enabled) {
      wechat = std::make_unique<dispatch::adapters::WeChatTemplateSender>(settings.wechat);
      app.UseWeChat(*wechat, follows, settings.wechat_templates);
    }
    dispatch::adapters::DispatchApi api(app, rt.handler_context());
    api.UsePolicies(templates, policies);
    api.UsePlans(plans, follows);
    api.UseCallTasks(call_tasks);
    // Delivery receipts (and WeChat's follow pushes) over HTTP, each vendor's token checked.
    dispatch::adapters::RedisReceiptStore receipt_store(rt.redis(), rt.clock());
    dispatch::app::ReceiptsApp receipts(receipt_store, follows, rt.clock());
    dispatch::adapters::RedisPendingReceipts pending_receipts(rt.redis(), settings.receipt_pending_ttl);
    receipts.UsePendingReceipts(pending_receipts);
    app.UseSendRecorded(receipts);
    api.UseReceipts(receipts);
    dispatch::adapters::ReceiptRoutes receipt_routes(receipts, settings.receipt_secrets);
    dispatch::adapters::ReceiptHttpServer receipt_server(receipt_routes);
    if (!settings.receipts_listen.empty()) {
      receipt_server.Start(settings.receipts_listen);
    }
    // Sends whose vendor answer was never recorded, asked about by our message id at each SMS
    // vendor in use (docs/dispatch.md "Reconciliation").
    dispatch::adapters::RedisInFlightSends in_flight(rt.redis());
    const clock::SystemClock wall_clock;  // the vendors and in-flight ages run on real time
    dispatch::app::Reconciler reconciler(in_flight, ledger, contacts, rt.clock(), wall_clock, settings.policy,
                                         settings.reconcile);
    std::vector<std::unique_ptr<dispatch::app::SendStatusQuery>> status_queries;
    for (const auto vendor : {std::optional(settings.sms_provider), settings.sms_secondary}) {
      if (vendor == dispatch::SmsProvider::kAliyun) {
        status_queries.push_back(std::make_unique<dispatch::adapters::AliyunStatusQuery>(settings.aliyun));
      } else if (vendor == dispatch::SmsProvider::kTencent) {
        status_queries.push_back(std::make_unique<dispatch::adapters::TencentStatusQuery>(settings.tencent));
      }
      if (vendor) {
        reconciler.AddStatusQuery(*status_queries.back());
      }
    }
    reconciler.UseReceipts(receipts);
    dispatch::adapters::ReconcileMetrics reconcile_metrics(rt.metrics());
    reconciler.UseObserver(reconcile_metrics);
    // Campaign SMS through the vendors' batch APIs (docs/dispatch.md "Batch sends"); both SMS
    // adapters offer their vendor's batch API as well.
    std::vector<dispatch::app::SmsBatchSender*> batch_vendors;
    for (dispatch::app::SmsSender* vendor : {primary.get(), secondary.get()}) {
      if (auto* batch_api = dynamic_cast<dispatch::app::SmsBatchSender*>(vendor)) {
        batch_vendors.push_back(batch_api);
      }
    }
    dispatch::adapters::RedisBatchQueue batch_queue(rt.redis());
    dispatch::adapters::RedisBatchRecords batch_records(rt.redis());
    dispatch::app::CampaignBatches batches(app, batch_queue, contacts, batch_records, batch_vendors, rt.clock(),
                                           settings.batch);
    batches.UseInFlight(in_flight);  // a lost batch answer is reconciled by the batch's id
    batches.UseCauses(causes);       // a pass asks for its causes in one GetReminders
    if (settings.batch_enabled) {
      app.UseBatches(batch_queue);
      rt.AddWorker("batches", [&batches, &settings] {
        return batches.RunOnce().requests == settings.batch.size ? Millis{0} : settings.batch_flush;
      });
    }
    rt.AddOutbox(dispatch::adapters::keys::kOutbox);
    rt.AddConsumer("dispatch", {kafka::kReminderTopic, kafka::kSurveyTopic},
                   dispatch::adapters::SendRequestHandler(app));
    events::Router case_routes;
    dispatch::adapters::RouteComplaintCases(case_routes, policies);
    rt.AddConsumer("dispatch-cases", {kafka::kSurveyTopic}, std::move(case_routes));
    // A complaint case's follow-up calls on its owner's list (docs/cases.md).
    dispatch::adapters::RedisCaseRoster case_roster(rt.redis());
    dispatch::app::CaseFollowUpsApp case_follow_ups(case_roster, call_tasks);
    events::Router case_calls;
    dispatch::adapters::RouteCaseFollowUps(case_calls, case_follow_ups);
    rt.AddConsumer("dispatch-case-calls", {kafka::kSurveyTopic, kafka::kReminderTopic}, std::move(case_calls));
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
    rt.AddWorker("fallback", [&app, &executor, &settings] {
      return executor.CheckFallbacks(app, settings.fallback_batch) == settings.fallback_batch ? Millis{0}
                                                                                              : settings.deferred_poll;
    });
    rt.AddWorker("reconcile", [&reconciler] {
      return reconciler.RunOnce() == reconciler.options().batch ? Millis{0} : reconciler.options().poll;
    });
    return rt.Serve({&api});
  });
}
