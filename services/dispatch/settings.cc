#include "services/dispatch/settings.h"

#include "common/config/section.h"

namespace careloop::dispatch {
namespace {

using config::ConfigError;
using config::Section;

void ReadTemplates(const Section& section, domain::Templates& templates) {
  if (!section.Has("templates")) {
    return;
  }
  const YAML::Node overrides = section.node()["templates"];
  if (!overrides.IsMap()) {
    throw ConfigError(section.PathOf("templates"), "must be a map of template name to {code, text}");
  }
  const Section all = section.Child("templates");
  for (auto it = overrides.begin(); it != overrides.end(); ++it) {
    const std::string name = it->first.as<std::string>();
    auto known = templates.find(name);
    if (known == templates.end()) {
      std::string names;
      for (const auto& [each, unused] : templates) {
        names += (names.empty() ? "" : ", ") + each;
      }
      throw ConfigError(all.PathOf(name), "is not a template name (one of " + names + ")");
    }
    const Section one = all.Child(name);
    known->second.code = one.Get<std::string>("code", known->second.code);
    known->second.text = one.Get<std::string>("text", known->second.text);
  }
}

}  // namespace

Settings ParseSettings(const config::ServiceSettings& service) {
  const Section section(service.section, "dispatch");
  Settings settings;
  settings.customers_address = section.Require("customers_address", "host:port of careloop-customers");
  settings.reminders_address = section.Require("reminders_address", "host:port of careloop-reminders");
  if (service.service_token.empty()) {
    throw ConfigError("auth.service_token", "is required: dispatch calls customers and reminders with it");
  }

  app::DispatchPolicy& policy = settings.policy;
  const Section quiet = section.Child("quiet_hours");
  policy.quiet_hours.start = quiet.GetTime("start", policy.quiet_hours.start);
  policy.quiet_hours.end = quiet.GetTime("end", policy.quiet_hours.end);
  const Section cap = section.Child("frequency_cap");
  policy.frequency_cap.max_messages = cap.GetInt("max_messages", policy.frequency_cap.max_messages, 1, 1000);
  const int window_days = static_cast<int>(std::chrono::duration_cast<Days>(policy.frequency_cap.window).count());
  policy.frequency_cap.window = Days{cap.GetInt("window_days", window_days, 1, 365)};
  policy.max_attempts = section.GetInt("max_attempts", policy.max_attempts, 1, 20);
  policy.retry_backoff =
      Millis{section.GetInt("retry_backoff_ms", static_cast<int>(policy.retry_backoff.count()), 1, 24 * 3600 * 1000)};
  ReadTemplates(section, settings.templates);

  const std::string provider = section.Get<std::string>("sms_provider", "aliyun");
  if (provider == "aliyun") {
    settings.sms_provider = SmsProvider::kAliyun;
    const Section node = section.Child("aliyun");
    settings.aliyun.endpoint = node.Get<std::string>("endpoint", settings.aliyun.endpoint);
    settings.aliyun.region_id = node.Get<std::string>("region_id", settings.aliyun.region_id);
    settings.aliyun.access_key_id = node.Require("access_key_id", "the AccessKey of the Aliyun SMS account");
    settings.aliyun.access_key_secret = node.Require("access_key_secret", "the AccessKey secret");
  } else if (provider == "tencent") {
    settings.sms_provider = SmsProvider::kTencent;
    const Section node = section.Child("tencent");
    settings.tencent.endpoint = node.Get<std::string>("endpoint", settings.tencent.endpoint);
    settings.tencent.region = node.Get<std::string>("region", settings.tencent.region);
    settings.tencent.secret_id = node.Require("secret_id", "the SecretId of the Tencent Cloud account");
    settings.tencent.secret_key = node.Require("secret_key", "the SecretKey");
    settings.tencent.sdk_app_id = node.Require("sdk_app_id", "the SmsSdkAppId of the SMS application");
  } else {
    throw ConfigError(section.PathOf("sms_provider"), "must be 'aliyun' or 'tencent', got '" + provider + "'");
  }
  settings.deferred_batch = section.GetInt("deferred_batch", settings.deferred_batch, 1, 10'000);
  settings.deferred_poll =
      Millis{section.GetInt("deferred_poll_ms", static_cast<int>(settings.deferred_poll.count()), 10, 60'000)};
  settings.escalation_poll =
      Millis{section.GetInt("escalation_poll_ms", static_cast<int>(settings.escalation_poll.count()), 100, 3'600'000)};
  return settings;
}

}  // namespace careloop::dispatch
