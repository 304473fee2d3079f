#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/campaign_texts.h"
#include "services/dispatch/app/ports.h"
#include "services/dispatch/app/provider_ports.h"
#include "services/dispatch/app/task_ports.h"
#include "services/dispatch/domain/contact_policy.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::app {

/// A store's contact policy (domain.md "Communication rules").
struct DispatchPolicy final {
  domain::QuietHours quiet_hours;
  domain::FrequencyCap frequency_cap;
  int max_attempts = 5;          ///< a retryable vendor failure is tried this often in all
  Millis retry_backoff{60'000};  ///< doubled after every failed attempt
};
// The minimum gap between two messages to one customer and the window in which maintenance
// reminders of one customer are merged are store rules (config::StoreSettings).

/// What became of one send request.
/// kTaskOpened: the request became a staff call task (its plan is domain::kCallTaskPlan).
enum class Outcome { kSent, kDeferred, kSuppressed, kFailed, kRetrying, kDuplicate, kTaskOpened };
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
  /// The staff task desk (main.cc wires CallTasksApp): a request whose channel plan is
  /// domain::kCallTaskPlan opens a call task instead of an SMS. Without it such a request goes as SMS.
  void UseTaskDesk(TaskDesk& desk) { task_desk_ = &desk; }

  /// Handles one request. Throws redis::RedisUnavailable, and returns an error (retryable)
  /// when the customer directory or the cause's owner cannot be reached: the caller retries.
  /// Before anything is sent, the cause is re-checked (a visit may have answered the reminder
  /// overnight). A customer's maintenance reminders wait the store's merge window and go as one
  /// text; any message waits until the store's minimum gap since the customer's last message.
  [[nodiscard]] Result<Outcome> Process(const domain::SendRequest& request);

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

  [[nodiscard]] Result<std::vector<domain::Message>> List(const auth::Principal& caller, const std::string& customer_id,
                                                          const std::string& store_id);

 private:
  [[nodiscard]] domain::StoreIdentity IdentityOf(const std::string& store_id) const;
  [[nodiscard]] const config::StoreSettings& RulesOf(const std::string& store_id) const;
  /// When the store's gap since the customer's last sent message (of `recent`) ends (nullopt: not waiting).
  [[nodiscard]] std::optional<Instant> SpacedUntil(const domain::SendRequest& request,
                                                   const std::vector<domain::Message>& recent, Instant now) const;
  /// The customer's other maintenance messages (of `recent`) waiting to go out by `until`, still wanted.
  [[nodiscard]] Result<std::vector<domain::SendRequest>> Companions(const domain::SendRequest& request,
                                                                    const std::string& message_id,
                                                                    const std::vector<domain::Message>& recent,
                                                                    Instant until);

  MessageLedger& ledger_;
  ContactDirectory& contacts_;
  CauseCheck& causes_;
  SmsSender& sms_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  domain::Templates templates_;
  DispatchPolicy policy_;
  CampaignTexts* campaign_texts_ = nullptr;
  TaskDesk* task_desk_ = nullptr;
};

}  // namespace careloop::dispatch::app
