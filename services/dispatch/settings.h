#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/config/config.h"
#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"
#include "services/dispatch/adapters/providers/tencent_sms_sender.h"
#include "services/dispatch/adapters/providers/wechat_template_sender.h"
#include "services/dispatch/adapters/receipt_routes.h"
#include "services/dispatch/app/campaign_batches.h"
#include "services/dispatch/app/dispatch_app.h"
#include "services/dispatch/app/plan_executor.h"
#include "services/dispatch/app/reconciler.h"
#include "services/dispatch/domain/circuit_breaker.h"
#include "services/dispatch/domain/message.h"
#include "services/dispatch/domain/wechat_templates.h"

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
  /// `sms_secondary`: the other SMS vendor, taking over when the primary's breaker is open or a
  /// message failed there (its keys are required then). Unset: no failover.
  std::optional<SmsProvider> sms_secondary;
  domain::BreakerSettings breaker;  ///< `breaker: {failure_threshold, open_for_ms}`, per vendor
  /// `receipts.listen`: host:port of the vendors' delivery-report endpoint; empty: none.
  std::string receipts_listen;
  /// `receipts.{aliyun_token, tencent_token, wechat_token}`: at least one when listen is set.
  adapters::ReceiptSecrets receipt_secrets;
  /// `receipts.pending_ttl_ms`: how long a receipt naming a vendor id not recorded yet (it beat
  /// the vendor's answer to the send) is kept for that send.
  Millis receipt_pending_ttl{600'000};
  int deferred_batch = 50;  ///< deferred messages claimed per pass
  /// `wechat: {endpoint, appid, secret, template_ids: {name: id}}`: the official account; without
  /// it channel plans skip their WeChat steps.
  bool wechat_enabled = false;
  adapters::WeChatSettings wechat;
  domain::WeChatTemplates wechat_templates = domain::DefaultWeChatTemplates();
  /// `plans: {fallback_batch}`: fallback checks per pass. A staff task's due time is the task
  /// desk's (stores[].workday_end), not a setting here.
  app::PlanExecutorOptions plans;
  int fallback_batch = 50;
  Millis deferred_poll{250};       ///< the pause when a pass found less than a full batch
  Millis escalation_poll{30'000};  ///< how often late call tasks are looked for (escalation_poll_ms)
  /// `reconcile: {after_ms, batch, give_up_after_ms, lease_ms, poll_ms}`: sends whose vendor
  /// answer was never recorded (docs/dispatch.md "Reconciliation"); defaults in app/reconciler.h.
  app::ReconcileOptions reconcile;
  /// `batch: {enabled, size, flush_ms, lease_ms, lanes}`: campaign SMS through the vendors' batch APIs
  /// (docs/dispatch.md "Batch sends"). Off: every SMS goes singly.
  bool batch_enabled = true;
  /// size: queued requests per pass (one GetContacts); lease; lanes: a pass's requests handled
  /// side by side (a customer's in one lane).
  app::BatchOptions batch{.lanes = 4};
  Millis batch_flush{200};  ///< the pause when a pass found less than a full batch
};

/// Reads and validates `dispatch:` (and that `auth.service_token` is set: dispatch calls
/// customers with it); throws config::ConfigError naming the key and the reason.
[[nodiscard]] Settings ParseSettings(const config::ServiceSettings& service);

}  // namespace careloop::dispatch
