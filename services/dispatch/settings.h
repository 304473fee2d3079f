#pragma once

#include <map>
#include <string>

#include "common/config/config.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch {

/// The SMS vendor the service sends through.
enum class SmsProvider { kAliyun, kTencent };

/// careloop-dispatch's own settings (the `dispatch:` section), with their defaults.
struct Settings final {
  std::string customers_address;  ///< host:port of careloop-customers (required: contacts are looked up there)
  std::string
      reminders_address;       ///< host:port of careloop-reminders (required: a reminder is re-checked before sending)
  app::DispatchPolicy policy;  ///< quiet hours, frequency cap, attempts; defaults in app/dispatch_app.h
  domain::Templates templates = domain::DefaultTemplates();  ///< `templates.<name>: {code, text}` overrides
  SmsProvider sms_provider = SmsProvider::kAliyun;
  adapters::AliyunSmsSettings aliyun;    ///< used when sms_provider is aliyun (keys required then)
  adapters::TencentSmsSettings tencent;  ///< used when sms_provider is tencent (keys required then)
  int deferred_batch = 50;               ///< deferred messages claimed per pass
  Millis deferred_poll{250};             ///< the pause when a pass found less than a full batch
  Millis escalation_poll{30'000};        ///< how often late call tasks are looked for (escalation_poll_ms)
};

/// Reads and validates `dispatch:` (and that `auth.service_token` is set: dispatch calls
/// customers with it); throws config::ConfigError naming the key and the reason.
[[nodiscard]] Settings ParseSettings(const config::ServiceSettings& service);

}  // namespace careloop::dispatch
