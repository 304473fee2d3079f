#include "services/dispatch/app/dispatch_app.h"

#include <algorithm>
#include <chrono>

#include "common/base/ids.h"
#include "common/log/log.h"
#include "common/log/mask.h"
#include "services/dispatch/app/plan_executor.h"
#include "services/dispatch/app/wechat_follows.h"
#include "services/dispatch/domain/call_task.h"
#include "services/dispatch/domain/same_day.h"
#include "services/dispatch/domain/store_policy.h"

namespace careloop::dispatch::app {
namespace {

constexpr Millis kDeferredLease{60'000};

bool IsFinal(domain::MessageStatus status) {
  return status == domain::MessageStatus::kSent || status == domain::MessageStatus::kFailed ||
         status == domain::MessageStatus::kSuppressed || status == domain::MessageStatus::kDelivered;
}

// "oAbc****xyz": an openid is personal data like a phone number.
std::string MaskOpenid(const std::string& openid) {
  return openid.size() <= 7 ? std::string("****") : openid.substr(0, 4) + "****" + openid.substr(openid.size() - 3);
}

}  // namespace

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSent: return "sent";
    case Outcome::kDeferred: return "deferred";
    case Outcome::kSuppressed: return "suppressed";
    case Outcome::kFailed: return "failed";
    case Outcome::kRetrying: return "retrying";
    case Outcome::kDuplicate: return "duplicate";
    case Outcome::kTaskOpened: return "task_opened";
    case Outcome::kSkipped: return "skipped";
    case Outcome::kQueued: return "queued";
    case Outcome::kCollected: return "collected";
  }
  return "unknown";
}

DispatchApp::DispatchApp(MessageLedger& ledger, ContactDirectory& contacts, CauseCheck& causes, SmsSender& sms,
                         const clock::Clock& clock, const config::StoreCatalog& stores, domain::Templates templates,
                         DispatchPolicy policy)
    : ledger_(ledger),
      contacts_(contacts),
      causes_(causes),
      sms_(sms),
      clock_(clock),
      stores_(stores),
      templates_(std::move(templates)),
      policy_(policy) {}

domain::StoreIdentity DispatchApp::IdentityOf(const std::string& store_id) const {
  domain::StoreIdentity identity{store_id, "", &stores_.ZoneOf(store_id)};
  if (const auto* store = stores_.Find(store_id)) {
    identity.signature = store->signature.empty() ? store->name : store->signature;
    identity.phone = store->phone;
  }
  return identity;
}

const config::StoreSettings& DispatchApp::RulesOf(const std::string& store_id) const {
  static const config::StoreSettings kDefaults;
  const config::StoreSettings* store = stores_.Find(store_id);
  return store != nullptr ? *store : kDefaults;
}

std::optional<Instant> DispatchApp::SpacedUntil(const domain::SendRequest& request,
                                                const std::vector<domain::Message>& recent, Instant now) const {
  const Millis gap = std::chrono::minutes{RulesOf(request.store_id).message_gap_minutes};
  if (gap.count() == 0) {
    return std::nullopt;
  }
  std::optional<Instant> last;
  for (const auto& message : recent) {
    if (domain::WentOut(message.status) && (!last || message.sent_at > *last)) {
      last = message.sent_at;
    }
  }
  if (!last || *last + gap <= now) {
    return std::nullopt;
  }
  return *last + gap;
}

Result<std::vector<domain::SendRequest>> DispatchApp::Companions(const domain::SendRequest& request,
                                                                 const std::string& message_id,
                                                                 const std::vector<domain::Message>& recent,
                                                                 Instant until) {
  std::vector<domain::SendRequest> companions;
  for (const auto& waiting : recent) {
    if (waiting.message_id == message_id || waiting.status != domain::MessageStatus::kDeferred ||
        !domain::IsMaintenance(waiting.kind) || waiting.not_before > until) {
      continue;
    }
    auto cause = ledger_.Cause(waiting.message_id);
    if (!cause || cause->vehicle_id == request.vehicle_id) {
      continue;  // the same car twice is not two cars: it goes on its own
    }
    auto wanted = causes_.StillWanted(*cause);
    if (!wanted.ok()) {
      return wanted.error();
    }
    if (!wanted.value()) {
      ledger_.Suppress(domain::Suppressed(*cause, waiting.message_id, domain::Suppression::kNoLongerWanted, until));
      continue;
    }
    companions.push_back(std::move(*cause));
  }
  return companions;
}

std::optional<domain::Suppression> DispatchApp::Unreachable(const domain::Contact& contact, bool wechat) {
  if (!wechat) {
    return !contact.sms_consent     ? std::optional(domain::Suppression::kNoConsent)
           : contact.mobile.empty() ? std::optional(domain::Suppression::kNoContact)
                                    : std::nullopt;
  }
  if (!contact.wechat_consent) {
    return domain::Suppression::kNoConsent;
  }
  // Not a follower (no openid, or unfollowed since), or no WeChat account configured.
  if (wechat_ == nullptr || contact.wechat_openid.empty() || !follows_->Follows(contact.wechat_openid)) {
    return domain::Suppression::kNoContact;
  }
  return std::nullopt;
}

Result<Outcome> DispatchApp::Process(const domain::SendRequest& request) {
  return Process(request, nullptr);
}

Result<Outcome> DispatchApp::Process(const domain::SendRequest& request, BatchRun* batch) {
  if (batch == nullptr && batches_ != nullptr && domain::IsCampaignMessage(request.kind)) {
    // Campaign traffic goes to the batch worker whole, before any look-up: its pass runs the
    // plan (a WeChat step included) with the contacts, causes and campaign it read together.
    // Queued under the SMS step's id, as SendStep queues a fallback SMS (one entry either way).
    batches_->Enqueue(domain::MessageIdFor(request.cause_id, request.occurrence, "sms"), request, clock_.Now());
    return Outcome::kQueued;
  }
  if (plans_ != nullptr) {
    return plans_->Run(request, *this, batch);
  }
  if (task_desk_ != nullptr && request.channel_plan_id == domain::kCallTaskPlan) {
    // No channel plans wired: the call-first plan is still a staff call; the desk records the
    // ledger entry (docs/call-tasks.md).
    const std::string call_id = domain::MessageIdFor(request.cause_id, request.occurrence, "call");
    auto task = task_desk_->Open({call_id, request});
    if (!task.ok() && task.error().code == ErrorCode::kNotFound) {
      ledger_.Suppress(domain::Suppressed(request, call_id, domain::Suppression::kCustomerUnknown, clock_.Now()));
      return Outcome::kSuppressed;
    }
    return task.ok() ? Result<Outcome>(Outcome::kTaskOpened) : Result<Outcome>(task.error());
  }
  PlanStepContext plan_less;
  plan_less.batch = batch;
  return SendStep(request, plan_less);
}

Result<Outcome> DispatchApp::SendStep(const domain::SendRequest& request, const PlanStepContext& step) {
  const Instant now = clock_.Now();
  const bool wechat = step.channel == domain::StepChannel::kWeChat;
  const std::string message_id =
      domain::MessageIdFor(request.cause_id, request.occurrence, domain::StepChannelWord(step.channel));
  const auto suppress = [&](domain::Suppression reason) {
    domain::Message entry = domain::Suppressed(request, message_id, reason, now);
    entry.channel = domain::StepChannelWord(step.channel);
    entry.channel_plan_id = step.plan_id;
    entry.plan_step = step.index;
    entry.falls_back = step.has_next;
    ledger_.Suppress(entry);
  };
  const auto existing = ledger_.Find(message_id);
  int attempts = 0;
  if (existing) {
    if (IsFinal(existing->status) || existing->not_before > now) {
      return Outcome::kDuplicate;  // already settled, or waiting for its moment: a replay
    }
    attempts = existing->attempts;
  }
  if (step.batch == nullptr && batches_ != nullptr && !wechat && domain::IsCampaignMessage(request.kind)) {
    batches_->Enqueue(message_id, request, now);  // the batch worker runs the checks and sends it
    return Outcome::kQueued;
  }
  if (domain::PastNotAfter(request, now)) {  // a survey reminder held past the survey's expiry
    suppress(domain::Suppression::kNoLongerWanted);
    log::Info("message not sent: its moment passed (the survey expired)", {{"message_id", message_id}});
    return Outcome::kSuppressed;
  }

  auto contact = step.batch != nullptr ? step.batch->ContactOf(request.customer_id, contacts_)
                                       : contacts_.Lookup(request.customer_id);
  if (!contact.ok()) {
    if (contact.error().code != ErrorCode::kNotFound) {
      return contact.error();
    }
    suppress(domain::Suppression::kCustomerUnknown);
    return Outcome::kSuppressed;
  }
  if (wechat && contact->wechat_openid.empty() && !existing) {
    return Outcome::kSkipped;  // not a WeChat contact at all: nothing to record for this step
  }
  if (const auto unreachable = Unreachable(contact.value(), wechat)) {
    suppress(*unreachable);
    return Outcome::kSuppressed;
  }
  if (MarketingPaused(request)) {  // an open complaint case: no marketing, service messages still go
    suppress(domain::Suppression::kComplaintOpen);
    return Outcome::kSuppressed;
  }

  domain::StoreIdentity store = IdentityOf(request.store_id);
  const config::StoreSettings& rules = RulesOf(request.store_id);
  // The store's own template, else the group's; in a batch pass read once per store and name.
  const auto template_of = [&](const std::string& name) {
    return step.batch == nullptr
               ? TemplateOf(request.store_id, name)
               : step.batch->TemplateOf(request.store_id, name, [&] { return TemplateOf(request.store_id, name); });
  };
  const Date today = store.zone->DateAt(now);
  // A campaign naming a template this deployment does not have is written with its kind's.
  std::string template_name = domain::TemplateNameFor(request, today);
  auto chosen = template_of(template_name);  // the store's own, else the group's
  if (!chosen) {
    template_name = domain::CareKindName(request.kind);
    chosen = template_of(template_name);
  }
  auto values = domain::TemplateValues(request, contact.value(), store);
  if (domain::IsCampaignMessage(request.kind) && campaign_texts_ != nullptr && !request.campaign_id.empty()) {
    auto campaign = step.batch != nullptr ? step.batch->CampaignOf(request.campaign_id, *campaign_texts_)
                                          : campaign_texts_->FactsOf(request.campaign_id);
    if (!campaign.ok() && campaign.error().IsRetryable()) {
      return campaign.error();
    }
    if (campaign.ok() && campaign->cancelled) {
      suppress(domain::Suppression::kNoLongerWanted);
      log::Info("message not sent: its campaign was cancelled", {{"message_id", message_id}});
      return Outcome::kSuppressed;
    }
    if (campaign.ok() && !campaign->message.empty()) {
      values["message"] = campaign->message;
    }
  }
  if (template_name == domain::kCustomCampaignTemplate && !values.contains("message")) {
    chosen = template_of(std::string(domain::CareKindName(request.kind)));  // the generic one
  }
  if (!chosen) {
    return Error{ErrorCode::kInternal, "", "no template for kind " + std::string(domain::CareKindName(request.kind))};
  }
  const domain::Template* tmpl = &*chosen;
  if (!tmpl->sign_name.empty()) {
    store.signature = tmpl->sign_name;  // the store's template names its own signature
  }
  domain::Message message;
  message.message_id = message_id;
  message.customer_id = request.customer_id;
  message.store_id = request.store_id;
  message.channel = domain::StepChannelWord(step.channel);
  message.channel_plan_id = step.plan_id;
  message.plan_step = step.index;
  message.falls_back = step.has_next;
  message.provider = wechat ? "wechat" : std::string(sms_.Provider());
  message.template_id = tmpl->code;
  message.cause_id = request.cause_id;
  message.occurrence = request.occurrence;
  message.kind = request.kind;
  message.masked_recipient = wechat ? MaskOpenid(contact->wechat_openid) : log::MaskPhone(contact->mobile);
  message.created_at = existing ? existing->created_at : now;
  message.attempts = attempts;
  std::map<std::string, std::string> wechat_data;
  auto text = wechat ? RenderForWeChat(wechat_templates_, request, today, values, message.template_id, wechat_data)
                     : domain::ComposeText(*tmpl, values, store);
  if (!text.ok()) {
    message.status = domain::MessageStatus::kFailed;
    message.failure_reason = text.error().ToString();
    ledger_.RecordFailed(message);
    return Outcome::kFailed;
  }
  message.rendered_text = text.value();

  const auto defer = [&](Instant until, std::string reason) {
    message.status = domain::MessageStatus::kDeferred;
    message.not_before = until;
    message.defer_reason = std::move(reason);
    ledger_.Defer(message, request);
    log::Info("message deferred",
              {{"message_id", message_id}, {"reason", message.defer_reason}, {"not_before", FormatRfc3339(until)}});
    return Outcome::kDeferred;
  };
  // A service-critical message (an appointment confirmation) answers what the customer just did:
  // it goes at once, without waiting for spacing, in quiet hours too unless the store's policy
  // gives confirmations a window of their own.
  const bool service_critical = domain::ClassOf(request.kind) == domain::MessageClass::kServiceCritical;
  // Quiet hours per class: see store_policy.h.
  const domain::StorePolicy policy =
      step.batch == nullptr ? PolicyOf(request.store_id)
                            : step.batch->PolicyOf(request.store_id, [&] { return PolicyOf(request.store_id); });
  const Instant allowed = domain::NextAllowedFor(policy, domain::ClassOf(request.kind), now, *store.zone);
  if (allowed > now) {
    return defer(allowed, "quiet hours");
  }
  const Millis merge_window = std::chrono::minutes{rules.merge_window_minutes};
  // WeChat messages go one per car: only an SMS waits for the customer's other cars.
  if (!existing && !step.fallback && !wechat && domain::IsMaintenance(request.kind) && merge_window.count() > 0) {
    return defer(now + merge_window, "merge window");  // the customer's other cars may follow
  }
  if (!existing && !step.fallback && domain::IsCampaignMessage(request.kind) &&
      request.kind != domain::CareKind::kHolidayGreeting && merge_window.count() > 0) {
    return defer(now + merge_window, "same-day rule");  // a greeting due at the same moment goes first
  }
  // The customer's latest messages, read once: the gap since the last one sent, and the
  // maintenance messages waiting that may go along with this one.
  const std::vector<domain::Message> recent = ledger_.ListByCustomer(request.customer_id, 50);
  if (domain::PastItsDay(request, today)) {
    suppress(domain::Suppression::kNoLongerWanted);
    log::Info("message not sent: its day has passed", {{"message_id", message_id}});
    return Outcome::kSuppressed;
  }
  // A message that must wait past its own expiry is not sent at all (frequency_cap).
  const auto defer_unless_stale = [&](Instant slot, std::string reason) {
    const auto expiry = domain::ExpiryOf(request, *store.zone, rules.missed_grace_days);
    if (!expiry || slot < *expiry) {
      return defer(slot, std::move(reason));
    }
    suppress(domain::Suppression::kFrequencyCap);
    log::Info("message not sent: stale before its next slot", {{"message_id", message_id}, {"reason", reason}});
    return Outcome::kSuppressed;
  };
  // A fallback step passed these when its plan's first step did.
  if (!step.fallback && domain::YieldsSameDay(policy, request, recent, today, *store.zone)) {
    if (policy.same_day_rule == domain::SameDayRule::kDefer) {
      return defer_unless_stale(domain::NextAllowedFor(policy, domain::ClassOf(request.kind),
                                                       store.zone->StartOfDay(today.PlusDays(1)), *store.zone),
                                "same-day rule");
    }
    suppress(domain::Suppression::kFrequencyCap);
    log::Info("message not sent: the same-day rule", {{"message_id", message_id}});
    return Outcome::kSuppressed;
  }
  if (const auto spaced = service_critical || step.fallback ? std::nullopt : SpacedUntil(request, recent, now)) {
    return defer(*spaced, "spacing");
  }
  if (const auto slot =
          step.fallback ? std::nullopt
                        : domain::CapReachedUntil(policy, domain::ClassOf(request.kind), recent, now, *store.zone)) {
    return defer_unless_stale(*slot, "frequency cap");  // it yields to what went out, until the next slot
  }
  auto wanted = step.batch != nullptr ? step.batch->StillWanted(request, causes_) : causes_.StillWanted(request);
  if (!wanted.ok()) {
    return wanted.error();
  }
  if (!wanted.value()) {
    suppress(domain::Suppression::kNoLongerWanted);
    log::Info("message not sent: its cause no longer wants it", {{"message_id", message_id}});
    return Outcome::kSuppressed;
  }
  std::vector<domain::SendRequest> companions;
  if (!wechat && !step.fallback && domain::IsMaintenance(request.kind)) {
    auto found = Companions(request, message_id, recent, now + merge_window);
    if (!found.ok()) {
      return found.error();
    }
    companions = std::move(found).value();
  }
  if (!companions.empty()) {
    std::vector<domain::SendRequest> together{request};
    together.insert(together.end(), companions.begin(), companions.end());
    std::sort(together.begin(), together.end(),
              [](const auto& a, const auto& b) { return a.vehicle_id < b.vehicle_id; });  // a stable text
    chosen = template_of(std::string(domain::kSeveralCarsTemplate));
    tmpl = &*chosen;
    values = domain::SeveralCarsValues(together, contact.value(), store);
    auto merged_text = domain::ComposeText(*tmpl, values, store);
    if (!merged_text.ok()) {
      return merged_text.error();
    }
    message.template_id = tmpl->code;
    message.rendered_text = merged_text.value();
  }
  if (existing) {
    message.attempt_log = existing->attempt_log;
  }
  if (!ledger_.Claim(message, request)) {  // also records it in flight until it is settled
    return Outcome::kDuplicate;            // another instance (or an earlier run) is sending it
  }
  if (wechat) {
    return Settle(
        message, request, companions,
        wechat_->Send({message_id, contact->wechat_openid, message.template_id, request.answer_url, wechat_data}), now);
  }
  OutboundSms sms{message_id, contact->mobile, store.signature, tmpl->code, values, domain::TemplateParams(tmpl->text)};
  sms.avoid_provider = domain::VendorToAvoid(message.attempt_log, policy_.failover_after);
  if (step.batch != nullptr && companions.empty()) {
    step.batch->Add({std::move(message), request, std::move(sms), now});  // goes out in a vendor batch
    return Outcome::kCollected;
  }
  return Settle(message, request, companions, sms_.Send(sms), now);
}

int DispatchApp::DeliverDeferred(int batch_size) {
  int handled = 0;
  for (const auto& message_id : ledger_.ClaimDeferred(clock_.Now(), kDeferredLease, batch_size)) {
    const auto cause = ledger_.Cause(message_id);
    if (!cause) {
      ledger_.ReleaseDeferred(message_id);
      continue;
    }
    auto outcome = Process(*cause);
    if (!outcome.ok()) {
      continue;  // the lease expires and another pass tries again
    }
    ledger_.ReleaseDeferred(message_id);
    ++handled;
  }
  return handled;
}

Result<DispatchApp::InboundReceipt> DispatchApp::ReceiveReply(const auth::Principal& caller,
                                                              const std::string& provider,
                                                              const std::string& provider_event_id, bool wechat,
                                                              const std::string& sender, const std::string& text,
                                                              const std::string& correlation_id, Instant received_at) {
  if (Status role = caller.RequireRole({auth::Role::kService, auth::Role::kAdmin}); !role.ok()) {
    return role.error();
  }
  if (provider.empty()) {
    return InvalidArgument("provider", "is required");
  }
  // The same names as the ledger and every event use (SmsSender::Provider, "wechat").
  if (provider != "aliyun" && provider != "tencent" && provider != "wechat") {
    return InvalidArgument("provider", "must be aliyun, tencent or wechat, got '" + provider + "'");
  }
  if (provider_event_id.empty()) {
    return InvalidArgument("provider_event_id", "is required (it makes a provider's retry harmless)");
  }
  if (sender.empty() && correlation_id.empty()) {
    return InvalidArgument("sender", "is required when the provider echoes no message id");
  }
  InboundReceipt receipt;
  domain::InboundReply& reply = receipt.reply;
  reply.inbound_id = DerivedId("in-", {provider, provider_event_id});
  reply.provider = provider;
  reply.wechat = wechat;
  reply.received_at = received_at == Instant{} ? clock_.Now() : received_at;
  if (!correlation_id.empty()) {
    if (auto message = ledger_.Find(correlation_id)) {
      reply.message_id = message->message_id;
      reply.customer_id = message->customer_id;
      reply.store_id = message->store_id;
    }
  }
  if (reply.customer_id.empty() && !sender.empty() && !wechat) {
    auto contact = contacts_.FindByMobile(sender);
    if (!contact.ok()) {
      return contact.error();
    }
    if (contact.value()) {
      reply.customer_id = contact.value()->customer_id;
      reply.store_id = contact.value()->store_id;
    }
  }
  if (reply.customer_id.empty()) {
    return receipt;  // nobody on record: nothing to record or announce
  }
  reply.meaning = domain::ClassifyReply(text);
  receipt.matched = true;
  receipt.duplicate = !ledger_.RecordInbound(reply);
  return receipt;
}

Result<std::vector<domain::Message>> DispatchApp::List(const auth::Principal& caller, const std::string& customer_id,
                                                       const std::string& store_id) {
  if (Status scope = auth::RequireListScope(caller, stores_, customer_id, store_id); !scope.ok()) {
    return scope.error();
  }
  auto messages = customer_id.empty() ? ledger_.ListByStore(store_id, 500) : ledger_.ListByCustomer(customer_id, 500);
  for (const auto& message : messages) {
    if (!caller.MayAccessStore(message.store_id)) {
      return Error{ErrorCode::kPermissionDenied, "customer_id",
                   "caller '" + caller.name + "' may not access store '" + message.store_id + "'"};
    }
  }
  return messages;
}

}  // namespace careloop::dispatch::app
