#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/batch_ports.h"
#include "services/dispatch/app/batch_run.h"
#include "services/dispatch/app/campaign_texts.h"
#include "services/dispatch/app/message_page_ports.h"
#include "services/dispatch/app/plan_step.h"
#include "services/dispatch/app/policy_ports.h"
#include "services/dispatch/app/ports.h"
#include "services/dispatch/app/provider_ports.h"
#include "services/dispatch/app/receipt_ports.h"
#include "services/dispatch/app/task_ports.h"
#include "services/dispatch/app/template_ports.h"
#include "services/dispatch/domain/contact_policy.h"
#include "services/dispatch/domain/message.h"
#include "services/dispatch/domain/wechat_templates.h"

namespace careloop::dispatch::app {

/// A store's contact policy (domain.md "Communication rules").
struct DispatchPolicy final {
  domain::QuietHours quiet_hours;
  domain::FrequencyCap frequency_cap;
  int max_attempts = 5;          ///< a retryable vendor failure is tried this often in all
  Millis retry_backoff{60'000};  ///< doubled after every failed attempt
  Millis throttle_wait{60'000};  ///< a throttled send waits this when the vendor names no window
  int failover_after = 1;        ///< transient failures on one SMS vendor before the message tries the other
};
// The minimum gap between two messages to one customer and the window in which maintenance
// reminders of one customer are merged are store rules (config::StoreSettings).

/// What became of one send request.
/// kSkipped: a WeChat step for a customer with no openid on record (never a WeChat contact): nothing
/// is written, the plan starts at its next step. kTaskOpened: a staff step (or the call-first plan)
/// became a call or face-to-face task.
/// kQueued: a campaign message (or its SMS step) went to the batch queue (UseBatches); kCollected: it passed the checks
/// in a batch pass and was claimed, and goes out in the vendor's batch (app/campaign_batches.h).
enum class Outcome {
  kSent,
  kDeferred,
  kSuppressed,
  kFailed,
  kRetrying,
  kDuplicate,
  kTaskOpened,
  kSkipped,
  kQueued,
  kCollected
};

class PlanExecutor;
class WeChatFollows;
[[nodiscard]] std::string_view OutcomeName(Outcome outcome);

/// The dispatch service's use cases: turn a due reminder or an issued survey into one message
/// to the customer, respecting consent, quiet hours and the frequency cap, and never twice.
class DispatchApp final {
 public:
  DispatchApp(MessageLedger& ledger, ContactDirectory& contacts, CauseCheck& causes, SmsSender& sms,
              const clock::Clock& clock, const config::StoreCatalog& stores, domain::Templates templates,
              DispatchPolicy policy);
  /// Where a campaign is read (main.cc wires the reminders service): a custom campaign's text, and
  /// whether it was cancelled (its messages not yet out are then suppressed). Without it a custom
  /// campaign's message is written with the generic campaign template.
  void UseCampaignTexts(CampaignTexts& texts) { campaign_texts_ = &texts; }
  /// The stores' contact policies (quiet hours and caps per class, same-day rule, priority);
  /// without them every store follows the settings' policy (GroupPolicy).
  void UseContactPolicies(ContactPolicies& policies) { policies_ = &policies; }
  /// The stores' own templates over the group's; without it the group's (settings) only.
  void UseTemplateBook(TemplateBook& book) { template_book_ = &book; }
  /// Customers with an open complaint case: no marketing goes to them (suppressed, complaint_open).
  void UsePausedCustomers(PausedCustomers& paused) { paused_ = &paused; }
  /// Channel plans (WeChat first, SMS fallback, staff tasks): Process runs the request's plan
  /// through `executor` (which opens staff tasks at its own TaskDesk). Without it every request
  /// is one SMS, or a call task for the call-first plan when a task desk is wired here.
  void UsePlans(PlanExecutor& executor) { plans_ = &executor; }
  /// The WeChat channel: its sender, the follow state and the WeChat templates. Without it a
  /// WeChat step is suppressed as having no contact (and the plan falls back).
  [[nodiscard]] bool HasWeChat() const { return wechat_ != nullptr; }
  void UseWeChat(WeChatSender& sender, WeChatFollows& follows, domain::WeChatTemplates templates) {
    wechat_ = &sender;
    follows_ = &follows;
    wechat_templates_ = std::move(templates);
  }
  /// The staff task desk for a deployment without channel plans: a request whose channel plan is
  /// domain::kCallTaskPlan opens a call task instead of an SMS.
  void UseTaskDesk(TaskDesk& desk) { task_desk_ = &desk; }
  /// Told of every send recorded as accepted (main.cc wires the receipts use case, which applies
  /// a receipt that arrived before the vendor's answer).
  void UseSendRecorded(SendRecorded& listener) { send_recorded_ = &listener; }
  /// Batch sends: a campaign message (domain::IsCampaignMessage) is queued here whole, before any
  /// look-up, for the batch worker (CampaignBatches), which runs its plan; a campaign's SMS step
  /// reached outside a pass (a fallback check) is queued too. Without it every message goes singly.
  void UseBatches(BatchQueue& queue) { batches_ = &queue; }

  /// Handles one request. Throws redis::RedisUnavailable, and returns an error (retryable)
  /// when the customer directory or the cause's owner cannot be reached: the caller retries.
  /// Before anything is sent, the cause is re-checked (a visit may have answered the reminder
  /// overnight). A customer's maintenance reminders wait the store's merge window and go as one
  /// text; any message waits until the store's minimum gap since the customer's last message.
  [[nodiscard]] Result<Outcome> Process(const domain::SendRequest& request);
  /// Process within a batch worker's pass: the contacts come from `batch`, and a claimed SMS is
  /// collected there (Outcome::kCollected) to go out in a vendor batch.
  [[nodiscard]] Result<Outcome> Process(const domain::SendRequest& request, BatchRun* batch);

  /// Records what the vendor's batch API said about one collected SMS (app/dispatch_batch.cc):
  /// sent, retried later (throttled: deferred) or failed, exactly as a single send is settled.
  Outcome SettleBatched(ReadySms& ready, const SendOutcome& sent);

  /// Sends one step of a request's plan (WeChat or SMS) under the same rules; the channel
  /// plan executor calls it. The message id is the step's (MessageIdFor(cause, occurrence,
  /// channel word)).
  [[nodiscard]] Result<Outcome> SendStep(const domain::SendRequest& request, const PlanStepContext& step);

  /// Sends deferred and retried messages whose time has come; returns how many were handled.
  int DeliverDeferred(int batch_size = 50);

  /// A reply from a provider callback (SMS uplink, WeChat message). Matched to a customer by our
  /// message id when the provider echoes it, else by the sender's mobile; classified (an opt-out
  /// makes the customers service deny consent on the channel); recorded once per provider
  /// event id. Service identities and admins only. `matched` false: nobody on record sent it.
  struct InboundReceipt final {
    domain::InboundReply reply;
    bool matched = false;
    bool duplicate = false;
  };
  [[nodiscard]] Result<InboundReceipt> ReceiveReply(const auth::Principal& caller, const std::string& provider,
                                                    const std::string& provider_event_id, bool wechat,
                                                    const std::string& sender, const std::string& text,
                                                    const std::string& correlation_id, Instant received_at);

  /// One message with its attempts (app/dispatch_messages.cc). NOT_FOUND naming `message_id`;
  /// PERMISSION_DENIED when the caller may not see the message's store.
  [[nodiscard]] Result<domain::Message> Get(const auth::Principal& caller, const std::string& message_id);

  [[nodiscard]] Result<std::vector<domain::Message>> List(const auth::Principal& caller, const std::string& customer_id,
                                                          const std::string& store_id);
  /// Where ListPage reads (main.cc wires Redis). Without it ListPage answers List's first 500
  /// messages as one page.
  void UseMessagePages(MessagePages& pages) { pages_ = &pages; }
  /// One page of a customer's or a store's messages, newest first (app/dispatch_messages.cc); the
  /// scope is checked like List's. INVALID_ARGUMENT naming `page.page_size` outside 1–500.
  [[nodiscard]] Result<MessagePage> ListPage(const auth::Principal& caller, const MessagePageQuery& query);

 private:
  [[nodiscard]] domain::StoreIdentity IdentityOf(const std::string& store_id) const;
  [[nodiscard]] const config::StoreSettings& RulesOf(const std::string& store_id) const;
  /// Why the customer cannot be reached on the step's channel (consent, no mobile, not a WeChat
  /// follower); nullopt when they can.
  [[nodiscard]] std::optional<domain::Suppression> Unreachable(const domain::Contact& contact, bool wechat);
  /// When the store's gap since the customer's last sent message (of `recent`) ends (nullopt: not waiting).
  [[nodiscard]] std::optional<Instant> SpacedUntil(const domain::SendRequest& request,
                                                   const std::vector<domain::Message>& recent, Instant now) const;
  /// The customer's other maintenance messages (of `recent`) waiting to go out by `until`, still wanted.
  [[nodiscard]] Result<std::vector<domain::SendRequest>> Companions(const domain::SendRequest& request,
                                                                    const std::string& message_id,
                                                                    const std::vector<domain::Message>& recent,
                                                                    Instant until);

  // app/dispatch_app_policy.cc: the store's policy and template in effect.
  [[nodiscard]] domain::StorePolicy PolicyOf(const std::string& store_id) const;
  [[nodiscard]] std::optional<domain::Template> TemplateOf(const std::string& store_id, const std::string& name) const;
  [[nodiscard]] bool MarketingPaused(const domain::SendRequest& request) const;
  /// A WeChat message's data and the text kept in the ledger, its template id into `template_id`:
  /// written with the store's own WeChat template of the request's name (else of its kind's name),
  /// else with `group`'s (the settings' WeChat templates over the built-in ones).
  [[nodiscard]] Result<std::string> RenderForWeChat(const domain::WeChatTemplates& group,
                                                    const domain::SendRequest& request, Date today,
                                                    const std::map<std::string, std::string>& values,
                                                    std::string& template_id,
                                                    std::map<std::string, std::string>& data) const;
  /// After the vendor answered a claimed message (app/dispatch_settle.cc): records the attempt
  /// and settles the message as sent, retried later (throttled: deferred) or failed.
  Outcome Settle(domain::Message& message, const domain::SendRequest& request,
                 const std::vector<domain::SendRequest>& companions, const SendOutcome& sent, Instant now);

  MessageLedger& ledger_;
  ContactDirectory& contacts_;
  CauseCheck& causes_;
  SmsSender& sms_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  domain::Templates templates_;
  DispatchPolicy policy_;
  CampaignTexts* campaign_texts_ = nullptr;
  ContactPolicies* policies_ = nullptr;
  TemplateBook* template_book_ = nullptr;
  PausedCustomers* paused_ = nullptr;
  PlanExecutor* plans_ = nullptr;
  WeChatSender* wechat_ = nullptr;
  WeChatFollows* follows_ = nullptr;
  domain::WeChatTemplates wechat_templates_;
  TaskDesk* task_desk_ = nullptr;
  SendRecorded* send_recorded_ = nullptr;
  MessagePages* pages_ = nullptr;
  BatchQueue* batches_ = nullptr;
};

}  // namespace careloop::dispatch::app
