#include "services/dispatch/settings.h"

#include <algorithm>

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

void ReadWeChat(const Section& section, Settings& settings) {
  if (!section.Has("wechat")) {
    return;
  }
  const Section node = section.Child("wechat");
  settings.wechat_enabled = true;
  settings.wechat.endpoint = node.Get<std::string>("endpoint", settings.wechat.endpoint);
  settings.wechat.appid = node.Require("appid", "the official account's AppID");
  settings.wechat.secret = node.Require("secret", "the official account's AppSecret");
  if (!node.Has("template_ids")) {
    return;
  }
  const YAML::Node ids = node.node()["template_ids"];
  if (!ids.IsMap()) {
    throw ConfigError(node.PathOf("template_ids"), "must be a map of template name to WeChat template id");
  }
  for (auto it = ids.begin(); it != ids.end(); ++it) {
    const std::string name = it->first.as<std::string>();
    auto known = settings.wechat_templates.find(name);
    if (known == settings.wechat_templates.end()) {
      throw ConfigError(node.Child("template_ids").PathOf(name), "is not a WeChat template name");
    }
    known->second.template_id = it->second.as<std::string>();
  }
}

void ReadReconcile(const Section& section, Settings& settings) {
  app::ReconcileOptions& reconcile = settings.reconcile;
  const Section node = section.Child("reconcile");
  const auto millis = [&node](const char* key, Millis fallback, int min, int max) {
    return Millis{node.GetInt(key, static_cast<int>(fallback.count()), min, max)};
  };
  reconcile.after = millis("after_ms", reconcile.after, 1'000, 24 * 3600 * 1000);
  reconcile.batch = node.GetInt("batch", reconcile.batch, 1, 10'000);
  reconcile.give_up_after = millis("give_up_after_ms", reconcile.give_up_after, 0, 7 * 24 * 3600 * 1000);
  reconcile.lease = millis("lease_ms", reconcile.lease, 1'000, 3600 * 1000);
  reconcile.poll = millis("poll_ms", reconcile.poll, 10, 3600 * 1000);
  const auto longest_call = std::max(settings.aliyun.read_timeout + settings.aliyun.connect_timeout,
                                     settings.tencent.read_timeout + settings.tencent.connect_timeout);
  if (reconcile.after <= longest_call) {
    throw ConfigError(node.PathOf("after_ms"), "must exceed the vendors' connect + read timeout (" +
                                                   std::to_string(longest_call.count()) +
                                                   " ms): a send still waiting for its answer is not in doubt yet");
  }
  if (reconcile.give_up_after.count() > 0 && reconcile.give_up_after <= reconcile.after) {
    throw ConfigError(node.PathOf("give_up_after_ms"), "must be 0 (never) or longer than after_ms");
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

  const auto parse_provider = [&](const std::string& key, const std::string& name) {
    if (name == "aliyun") {
      return SmsProvider::kAliyun;
    }
    if (name == "tencent") {
      return SmsProvider::kTencent;
    }
    throw ConfigError(section.PathOf(key), "must be 'aliyun' or 'tencent', got '" + name + "'");
  };
  settings.sms_provider = parse_provider("sms_provider", section.Get<std::string>("sms_provider", "aliyun"));
  if (section.Has("sms_secondary")) {
    settings.sms_secondary = parse_provider("sms_secondary", section.Get<std::string>("sms_secondary", ""));
    if (*settings.sms_secondary == settings.sms_provider) {
      throw ConfigError(section.PathOf("sms_secondary"), "must name the other vendor than sms_provider");
    }
  }
  const auto uses = [&](SmsProvider vendor) {
    return settings.sms_provider == vendor || settings.sms_secondary == vendor;
  };
  if (uses(SmsProvider::kAliyun)) {
    const Section node = section.Child("aliyun");
    settings.aliyun.endpoint = node.Get<std::string>("endpoint", settings.aliyun.endpoint);
    settings.aliyun.region_id = node.Get<std::string>("region_id", settings.aliyun.region_id);
    settings.aliyun.access_key_id = node.Require("access_key_id", "the AccessKey of the Aliyun SMS account");
    settings.aliyun.access_key_secret = node.Require("access_key_secret", "the AccessKey secret");
  }
  if (uses(SmsProvider::kTencent)) {
    const Section node = section.Child("tencent");
    settings.tencent.endpoint = node.Get<std::string>("endpoint", settings.tencent.endpoint);
    settings.tencent.region = node.Get<std::string>("region", settings.tencent.region);
    settings.tencent.secret_id = node.Require("secret_id", "the SecretId of the Tencent Cloud account");
    settings.tencent.secret_key = node.Require("secret_key", "the SecretKey");
    settings.tencent.sdk_app_id = node.Require("sdk_app_id", "the SmsSdkAppId of the SMS application");
  }
  const Section breaker = section.Child("breaker");
  settings.breaker.failure_threshold = breaker.GetInt("failure_threshold", settings.breaker.failure_threshold, 1, 1000);
  settings.breaker.open_for =
      Millis{breaker.GetInt("open_for_ms", static_cast<int>(settings.breaker.open_for.count()), 1, 3600 * 1000)};
  policy.throttle_wait =
      Millis{section.GetInt("throttle_wait_ms", static_cast<int>(policy.throttle_wait.count()), 1, 24 * 3600 * 1000)};
  policy.failover_after = section.GetInt("failover_after", policy.failover_after, 1, 20);
  const Section receipts = section.Child("receipts");
  settings.receipts_listen = receipts.Get<std::string>("listen", "");
  settings.receipt_secrets.aliyun_token = receipts.Get<std::string>("aliyun_token", "");
  settings.receipt_secrets.tencent_token = receipts.Get<std::string>("tencent_token", "");
  settings.receipt_secrets.wechat_token = receipts.Get<std::string>("wechat_token", "");
  settings.receipt_pending_ttl = Millis{
      receipts.GetInt("pending_ttl_ms", static_cast<int>(settings.receipt_pending_ttl.count()), 1'000, 86'400'000)};
  if (!settings.receipts_listen.empty() && settings.receipt_secrets.aliyun_token.empty() &&
      settings.receipt_secrets.tencent_token.empty() && settings.receipt_secrets.wechat_token.empty()) {
    throw ConfigError(receipts.PathOf("listen"),
                      "needs at least one of aliyun_token, tencent_token, wechat_token: receipts are checked");
  }
  ReadWeChat(section, settings);
  const Section plans = section.Child("plans");
  settings.fallback_batch = plans.GetInt("fallback_batch", settings.fallback_batch, 1, 10'000);
  settings.deferred_batch = section.GetInt("deferred_batch", settings.deferred_batch, 1, 10'000);
  settings.deferred_poll =
      Millis{section.GetInt("deferred_poll_ms", static_cast<int>(settings.deferred_poll.count()), 10, 60'000)};
  settings.escalation_poll =
      Millis{section.GetInt("escalation_poll_ms", static_cast<int>(settings.escalation_poll.count()), 100, 3'600'000)};
  ReadReconcile(section, settings);
  const Section batch = section.Child("batch");
  settings.batch_enabled = batch.Get<bool>("enabled", settings.batch_enabled);
  settings.batch.size = batch.GetInt("size", settings.batch.size, 1, 5'000);
  settings.batch_flush = Millis{batch.GetInt("flush_ms", static_cast<int>(settings.batch_flush.count()), 10, 60'000)};
  settings.batch.lease =
      Millis{batch.GetInt("lease_ms", static_cast<int>(settings.batch.lease.count()), 1'000, 3'600'000)};
  settings.batch.lanes = batch.GetInt("lanes", settings.batch.lanes, 1, 32);
  return settings;
}

}  // namespace careloop::dispatch
