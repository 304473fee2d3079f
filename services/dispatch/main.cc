// careloop-dispatch: turns due reminders and issued surveys into messages, within the
// contact policy, through the configured SMS vendor.
#include <memory>

#include "common/config/config.h"
#include "common/kafka/cloud_event.h"
#include "common/runtime/runtime.h"
#include "services/dispatch/adapters/event_handlers.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/grpc_contact_directory.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/adapters/redis_keys.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/app/dispatch_app.h"

namespace {

using careloop::config::ConfigError;
using careloop::config::Get;

careloop::TimeOfDay TimeAt(const YAML::Node& node, const std::string& key, careloop::TimeOfDay fallback) {
  const std::string text = Get<std::string>(node, key, fallback.ToString());
  const auto parsed = careloop::TimeOfDay::Parse(text);
  if (!parsed) {
    throw ConfigError("dispatch.quiet_hours." + key, "must be HH:MM, got '" + text + "'");
  }
  return *parsed;
}

careloop::dispatch::app::DispatchPolicy PolicyFrom(const YAML::Node& section) {
  careloop::dispatch::app::DispatchPolicy policy;
  policy.quiet_hours.start = TimeAt(section["quiet_hours"], "start", policy.quiet_hours.start);
  policy.quiet_hours.end = TimeAt(section["quiet_hours"], "end", policy.quiet_hours.end);
  policy.frequency_cap.max_messages =
      Get<int>(section["frequency_cap"], "max_messages", policy.frequency_cap.max_messages);
  policy.frequency_cap.window = careloop::Days{Get<int>(section["frequency_cap"], "window_days", 7)};
  policy.max_attempts = Get<int>(section, "max_attempts", policy.max_attempts);
  policy.retry_backoff = careloop::Millis{Get<int>(section, "retry_backoff_ms", 60'000)};
  if (policy.frequency_cap.max_messages < 1) {
    throw ConfigError("dispatch.frequency_cap.max_messages", "must be at least 1");
  }
  if (policy.max_attempts < 1 || policy.max_attempts > 20) {
    throw ConfigError("dispatch.max_attempts", "must be 1–20");
  }
  return policy;
}

std::map<careloop::dispatch::domain::CareKind, careloop::dispatch::domain::Template> TemplatesFrom(
    const YAML::Node& section) {
  auto templates = careloop::dispatch::domain::DefaultTemplates();
  if (!section.IsDefined() || !section.IsMap() || !section["templates"].IsDefined()) {
    return templates;
  }
  const YAML::Node overrides = section["templates"];
  if (!overrides.IsMap()) {
    throw ConfigError("dispatch.templates", "must be a map of message kind to {code, text}");
  }
  for (auto it = overrides.begin(); it != overrides.end(); ++it) {
    const std::string name = it->first.as<std::string>();
    const auto kind = careloop::dispatch::domain::ParseCareKind(name);
    if (!kind) {
      throw ConfigError("dispatch.templates." + name, "is not a message kind");
    }
    templates[*kind].code = Get<std::string>(it->second, "code", templates[*kind].code);
    templates[*kind].text = Get<std::string>(it->second, "text", templates[*kind].text);
  }
  return templates;
}

std::unique_ptr<careloop::dispatch::app::SmsSender> SmsSenderFrom(const YAML::Node& section) {
  using namespace careloop::dispatch::adapters;
  const std::string provider = Get<std::string>(section, "sms_provider", "aliyun");
  if (provider == "aliyun") {
    AliyunSmsSettings settings;
    const YAML::Node node = section["aliyun"];
    settings.endpoint = Get<std::string>(node, "endpoint", settings.endpoint);
    settings.access_key_id = Get<std::string>(node, "access_key_id", "");
    settings.access_key_secret = Get<std::string>(node, "access_key_secret", "");
    settings.region_id = Get<std::string>(node, "region_id", settings.region_id);
    if (settings.access_key_id.empty() || settings.access_key_secret.empty()) {
      throw ConfigError("dispatch.aliyun", "access_key_id and access_key_secret are required");
    }
    return std::make_unique<AliyunSmsSender>(settings);
  }
  if (provider == "tencent") {
    TencentSmsSettings settings;
    const YAML::Node node = section["tencent"];
    settings.endpoint = Get<std::string>(node, "endpoint", settings.endpoint);
    settings.secret_id = Get<std::string>(node, "secret_id", "");
    settings.secret_key = Get<std::string>(node, "secret_key", "");
    settings.sdk_app_id = Get<std::string>(node, "sdk_app_id", "");
    settings.region = Get<std::string>(node, "region", settings.region);
    if (settings.secret_id.empty() || settings.secret_key.empty() || settings.sdk_app_id.empty()) {
      throw ConfigError("dispatch.tencent", "secret_id, secret_key and sdk_app_id are required");
    }
    return std::make_unique<TencentSmsSender>(settings);
  }
  throw ConfigError("dispatch.sms_provider", "must be 'aliyun' or 'tencent', got '" + provider + "'");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace careloop;
  return runtime::RunService("dispatch", argc, argv, [](runtime::Runtime& rt) {
    const YAML::Node& section = rt.settings().section;
    const std::string customers_address = Get<std::string>(section, "customers_address", "");
    if (customers_address.empty()) {
      throw ConfigError("dispatch.customers_address", "is required (host:port of careloop-customers)");
    }
    if (rt.settings().service_token.empty()) {
      throw ConfigError("auth.service_token", "is required: dispatch calls customers with it");
    }
    dispatch::adapters::RedisMessageLedger ledger(rt.redis(), rt.clock());
    dispatch::adapters::GrpcContactDirectory contacts(customers_address, rt.settings().service_token);
    auto sms = SmsSenderFrom(section);
    dispatch::app::DispatchApp app(ledger, contacts, *sms, rt.clock(), rt.stores(), TemplatesFrom(section),
                                   PolicyFrom(section));
    dispatch::adapters::DispatchApi api(app, rt.handler_context());
    rt.AddOutbox(dispatch::adapters::keys::kOutbox);
    rt.AddConsumer("dispatch", {kafka::kReminderTopic, kafka::kSurveyTopic},
                   dispatch::adapters::SendRequestHandler(app));
    rt.AddWorker("deferred", [&app] {
      constexpr int kBatch = 50;
      return app.DeliverDeferred(kBatch) == kBatch ? Millis{0} : Millis{250};
    });
    return rt.Serve({&api});
  });
}
