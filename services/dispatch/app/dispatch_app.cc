#include "services/dispatch/app/dispatch_app.h"

#include "common/base/ids.h"
#include "common/log/log.h"
#include "common/log/mask.h"

namespace careloop::dispatch::app {
namespace {

constexpr Millis kDeferredLease{60'000};

bool IsFinal(domain::MessageStatus status) {
  return status == domain::MessageStatus::kSent || status == domain::MessageStatus::kFailed ||
         status == domain::MessageStatus::kSuppressed;
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
  }
  return "unknown";
}

DispatchApp::DispatchApp(MessageLedger& ledger, ContactDirectory& contacts, SmsSender& sms, const clock::Clock& clock,
                         const config::StoreCatalog& stores, std::map<domain::CareKind, domain::Template> templates,
                         DispatchPolicy policy)
    : ledger_(ledger),
      contacts_(contacts),
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

Result<Outcome> DispatchApp::Process(const domain::SendRequest& request) {
  const Instant now = clock_.Now();
  const std::string message_id = domain::MessageIdFor(request.cause_id, request.occurrence, "sms");
  const auto existing = ledger_.Find(message_id);
  int attempts = 0;
  if (existing) {
    if (IsFinal(existing->status) || existing->not_before > now) {
      return Outcome::kDuplicate;  // already settled, or waiting for its moment: a replay
    }
    attempts = existing->attempts;
  }

  auto contact = contacts_.Lookup(request.customer_id);
  if (!contact.ok()) {
    if (contact.error().code != ErrorCode::kNotFound) {
      return contact.error();
    }
    ledger_.Suppress(domain::Suppressed(request, message_id, domain::Suppression::kCustomerUnknown, now));
    return Outcome::kSuppressed;
  }
  if (!contact->sms_consent) {
    ledger_.Suppress(domain::Suppressed(request, message_id, domain::Suppression::kNoConsent, now));
    return Outcome::kSuppressed;
  }
  if (contact->mobile.empty()) {
    ledger_.Suppress(domain::Suppressed(request, message_id, domain::Suppression::kNoContact, now));
    return Outcome::kSuppressed;
  }

  const domain::StoreIdentity store = IdentityOf(request.store_id);
  const domain::Template& tmpl = templates_.at(request.kind);
  const auto values = domain::TemplateValues(request, contact.value(), store);
  domain::Message message;
  message.message_id = message_id;
  message.customer_id = request.customer_id;
  message.store_id = request.store_id;
  message.provider = std::string(sms_.Provider());
  message.template_id = tmpl.code;
  message.cause_id = request.cause_id;
  message.occurrence = request.occurrence;
  message.kind = request.kind;
  message.masked_recipient = log::MaskPhone(contact->mobile);
  message.created_at = existing ? existing->created_at : now;
  message.attempts = attempts;
  auto text = domain::ComposeText(tmpl, values, store);
  if (!text.ok()) {
    message.status = domain::MessageStatus::kFailed;
    message.failure_reason = text.error().ToString();
    ledger_.RecordFailed(message);
    return Outcome::kFailed;
  }
  message.rendered_text = text.value();

  const Instant allowed = domain::NextAllowedMoment(now, policy_.quiet_hours, *store.zone);
  if (allowed > now) {
    message.status = domain::MessageStatus::kDeferred;
    message.not_before = allowed;
    ledger_.Defer(message, request);
    log::Info("message deferred by quiet hours", {{"message_id", message_id}, {"not_before", FormatRfc3339(allowed)}});
    return Outcome::kDeferred;
  }
  const int recent = ledger_.CountSentSince(request.customer_id, now - policy_.frequency_cap.window);
  if (!domain::WithinCap(domain::ClassOf(request.kind), recent, policy_.frequency_cap)) {
    ledger_.Suppress(domain::Suppressed(request, message_id, domain::Suppression::kFrequencyCap, now));
    return Outcome::kSuppressed;
  }
  if (!ledger_.Claim(message_id)) {
    return Outcome::kDuplicate;  // another instance (or an earlier run) is sending it
  }

  OutboundSms sms{message_id, contact->mobile, store.signature, tmpl.code, values, domain::TemplateParams(tmpl.text)};
  const SendOutcome sent = sms_.Send(sms);
  message.attempts = attempts + 1;
  if (sent.accepted) {
    message.status = domain::MessageStatus::kSent;
    message.sent_at = clock_.Now();
    message.provider_message_id = sent.provider_message_id;
    ledger_.RecordSent(message);
    log::Info("message sent", {{"message_id", message_id},
                               {"provider", message.provider},
                               {"to", message.masked_recipient},
                               {"kind", domain::CareKindName(request.kind)}});
    return Outcome::kSent;
  }
  message.failure_reason = sent.error_code + ": " + sent.error_message;
  if (sent.retryable && message.attempts < policy_.max_attempts) {
    message.status = domain::MessageStatus::kQueued;
    message.not_before = now + policy_.retry_backoff * (1 << (message.attempts - 1));
    ledger_.Retry(message, request);
    log::Warn("send failed, will retry", {{"message_id", message_id}, {"reason", message.failure_reason}});
    return Outcome::kRetrying;
  }
  message.status = domain::MessageStatus::kFailed;
  ledger_.RecordFailed(message);
  log::Warn("send failed permanently", {{"message_id", message_id}, {"reason", message.failure_reason}});
  return Outcome::kFailed;
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
