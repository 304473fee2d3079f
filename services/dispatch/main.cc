// careloop-dispatch: turns due reminders and issued surveys into messages, within the
// contact policy, through the configured SMS vendor.
#include <memory>

#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/dispatch/adapters/event_handlers.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/grpc_campaign_texts.h"
#include "services/dispatch/adapters/grpc_cause_check.h"
#include "services/dispatch/adapters/grpc_contact_directory.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/adapters/providers/wechat_template_sender.h"
#include "services/dispatch/adapters/redis_channel_plan_store.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/app/channel_plans_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/plan_executor.h"
#include "services/dispatch/app/wechat_follows.h"
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
    // Channel plans: WeChat first, SMS fallback, staff steps. The lead wires the call-task
    // helper's TaskDesk here with executor.UseTaskDesk(desk); without it a plan ends at a staff step.
    dispatch::adapters::RedisChannelPlanStore plan_store(rt.redis());
    dispatch::app::ChannelPlansApp plans(plan_store, rt.clock(), rt.stores());
    dispatch::app::WeChatFollows follows(plan_store, rt.clock());
    dispatch::app::PlanExecutor executor(plans, ledger, plan_store, rt.clock(), settings.plans);
    app.UsePlans(executor);
    std::unique_ptr<dispatch::adapters::WeChatTemplateSender> wechat;
    if (settings.wechat_enabled) {
      wechat = std::make_unique<dispatch::adapters::WeChatTemplateSender>(settings.wechat);
      app.UseWeChat(*wechat, follows, settings.wechat_templates);
    }
    dispatch::adapters::DispatchApi api(app, rt.handler_context());
    api.UsePlans(plans, follows);
    rt.AddOutbox(dispatch::adapters::keys::kOutbox);
    rt.AddConsumer("dispatch", {kafka::kReminderTopic, kafka::kSurveyTopic},
                   dispatch::adapters::SendRequestHandler(app));
    rt.AddWorker("deferred", [&app, &settings] {
      return app.DeliverDeferred(settings.deferred_batch) == settings.deferred_batch ? Millis{0}
                                                                                     : settings.deferred_poll;
    });
    rt.AddWorker("fallback", [&app, &executor, &settings] {
      return executor.CheckFallbacks(app, settings.fallback_batch) == settings.fallback_batch ? Millis{0}
                                                                                              : settings.deferred_poll;
    });
    return rt.Serve({&api});
  });
}
