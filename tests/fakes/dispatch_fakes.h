#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "common/clock/clock.h"
#include "services/dispatch/app/ports.h"
#include "services/dispatch/app/provider_ports.h"
#include "services/dispatch/domain/message.h"
#include "services/dispatch/domain/reconcile.h"
#include "tests/fakes/published_events.h"
#include "tests/fakes/timer_queue_fake.h"

namespace careloop::testing {

/// In-memory dispatch::app::MessageLedger keeping the port's promises: one claim per message
/// id until Retry() releases it (a suppression, a send and a permanent failure keep it, as in
/// the Redis ledger), deferred messages claimed under a lease, one record per inbound reply,
/// every claimed send in flight until it is settled (`in_flight`), and every change with its
/// event (see `published`). Fields are public for assertions.
class FakeMessageLedger final : public dispatch::app::MessageLedger {
 public:
  [[nodiscard]] std::optional<dispatch::domain::Message> Find(const std::string& message_id) override {
    auto it = messages.find(message_id);
    return it == messages.end() ? std::nullopt : std::optional(it->second);
  }

  [[nodiscard]] std::optional<dispatch::domain::SendRequest> Cause(const std::string& message_id) override {
    auto it = causes.find(message_id);
    return it == causes.end() ? std::nullopt : std::optional(it->second);
  }

  void Defer(const dispatch::domain::Message& message, const dispatch::domain::SendRequest& cause) override {
    messages[message.message_id] = message;
    causes[message.message_id] = cause;
    deferred.Add(message.message_id, message.not_before);
    published.push_back({"MessageDeferred", message.message_id});
  }

  /// A suppression is as final as a send: it takes the claim, and writes nothing when the
  /// message was claimed already.
  void Suppress(const dispatch::domain::Message& message) override {
    if (!claims.insert(message.message_id).second) {
      return;
    }
    messages[message.message_id] = message;
    in_flight.erase(message.message_id);
    published.push_back({"MessageSuppressed", message.message_id});
  }

  /// Takes the claim and records the send in flight (with the real time of `real_time`).
  [[nodiscard]] bool Claim(const dispatch::domain::Message& message,
                           const dispatch::domain::SendRequest& cause) override {
    if (!claims.insert(message.message_id).second) {
      return false;
    }
    in_flight[message.message_id] = {message, cause, real_time.Now()};
    return true;
  }

  void AwaitReconcile(const dispatch::domain::Message& message) override {
    messages[message.message_id] = message;
    if (auto send = in_flight.find(message.message_id); send != in_flight.end()) {
      send->second.message = message;
    }
  }

  void RecordSent(const dispatch::domain::Message& message) override {
    messages[message.message_id] = message;
    claims.insert(message.message_id);
    sent_at[message.customer_id].push_back(message.sent_at);
    causes.erase(message.message_id);
    in_flight.erase(message.message_id);
    published.push_back({"MessageSent", message.message_id});
  }

  void RecordFailed(const dispatch::domain::Message& message) override {
    messages[message.message_id] = message;
    claims.insert(message.message_id);
    in_flight.erase(message.message_id);
    published.push_back({"MessageFailed", message.message_id});
  }

  void Retry(const dispatch::domain::Message& message, const dispatch::domain::SendRequest& cause) override {
    messages[message.message_id] = message;
    causes[message.message_id] = cause;
    claims.erase(message.message_id);
    deferred.Add(message.message_id, message.not_before);
    in_flight.erase(message.message_id);
    published.push_back({"MessageFailed", message.message_id});  // retryable
  }

  [[nodiscard]] int CountSentSince(const std::string& customer_id, Instant since) override {
    const auto& times = sent_at[customer_id];
    return static_cast<int>(std::count_if(times.begin(), times.end(), [&](Instant t) { return t >= since; }));
  }

  [[nodiscard]] std::vector<std::string> ClaimDeferred(Instant now, Millis lease, int limit) override {
    return deferred.Claim(now, lease, limit);
  }

  void ReleaseDeferred(const std::string& message_id) override { deferred.Release(message_id); }

  [[nodiscard]] bool RecordInbound(const dispatch::domain::InboundReply& reply) override {
    if (!inbound.emplace(reply.inbound_id, reply).second) {
      return false;
    }
    published.push_back({"InboundReplyReceived", reply.inbound_id});
    return true;
  }

  /// The customer's newest `limit` messages, newest first.
  [[nodiscard]] std::vector<dispatch::domain::Message> ListByCustomer(const std::string& customer_id,
                                                                      size_t limit) override {
    return NewestFirst([&](const auto& message) { return message.customer_id == customer_id; }, limit);
  }

  /// The store's newest `limit` messages, newest first.
  [[nodiscard]] std::vector<dispatch::domain::Message> ListByStore(const std::string& store_id, size_t limit) override {
    return NewestFirst([&](const auto& message) { return message.store_id == store_id; }, limit);
  }

  std::map<std::string, dispatch::domain::Message> messages;      ///< message id → latest record
  std::map<std::string, dispatch::domain::SendRequest> causes;    ///< message id → request of a queued message
  std::set<std::string> claims;                                   ///< message ids whose claim is taken
  std::map<std::string, std::vector<Instant>> sent_at;            ///< customer id → send times
  std::map<std::string, dispatch::domain::InboundReply> inbound;  ///< inbound id → recorded reply
  /// Claimed sends not settled yet (what the Redis ledger keeps under keys::kInFlight).
  std::map<std::string, dispatch::domain::InFlightSend> in_flight;
  /// Real time, which leases run on; stands still unless a test advances it.
  clock::ManualClock real_time{Instant{}};
  /// Deferred and retried messages by their time, and the leases of claimed ones.
  FakeTimerQueue deferred{real_time};
  /// Events published with the changes, in order.
  std::vector<PublishedEvent> published;

 private:
  template <class Predicate>
  std::vector<dispatch::domain::Message> NewestFirst(Predicate matches, size_t limit) const {
    std::vector<dispatch::domain::Message> found;
    for (const auto& [id, message] : messages) {
      if (matches(message)) {
        found.push_back(message);
      }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return a.created_at != b.created_at ? a.created_at > b.created_at : a.message_id > b.message_id;
    });
    found.resize(std::min(found.size(), limit));
    return found;
  }
};

/// In-memory dispatch::app::ContactDirectory: NOT_FOUND for a customer not in `contacts`,
/// UNAVAILABLE for every question while `unavailable` is set.
class FakeContactDirectory final : public dispatch::app::ContactDirectory {
 public:
  [[nodiscard]] Result<dispatch::domain::Contact> Lookup(const std::string& customer_id) override {
    if (unavailable) {
      return Error{ErrorCode::kUnavailable, "", "customers service down"};
    }
    auto it = contacts.find(customer_id);
    if (it == contacts.end()) {
      return Error{ErrorCode::kNotFound, "customer_id", "unknown customer '" + customer_id + "'"};
    }
    return it->second;
  }

  [[nodiscard]] Result<std::optional<dispatch::domain::Contact>> FindByMobile(const std::string& mobile) override {
    if (unavailable) {
      return Error{ErrorCode::kUnavailable, "", "customers service down"};
    }
    for (const auto& [id, contact] : contacts) {
      if (contact.mobile == mobile) {
        return std::optional(contact);
      }
    }
    return std::optional<dispatch::domain::Contact>();
  }

  std::map<std::string, dispatch::domain::Contact> contacts;  ///< customer id → contact
  bool unavailable = false;
};

/// dispatch::app::CauseCheck answering from `unwanted` (cause ids answered, cancelled or missed);
/// every check is recorded in `checked`.
class FakeCauseCheck final : public dispatch::app::CauseCheck {
 public:
  [[nodiscard]] Result<bool> StillWanted(const dispatch::domain::SendRequest& request) override {
    if (unavailable) {
      return Error{ErrorCode::kUnavailable, "", "reminders service down"};
    }
    checked.push_back(request.cause_id);
    return !unwanted.contains(request.cause_id);
  }

  std::set<std::string> unwanted;
  std::vector<std::string> checked;
  bool unavailable = false;
};

/// dispatch::app::SmsSender that records every send and answers with the `scripted` outcomes
/// in order, then accepts everything (provider message ids "biz-1", "biz-2", …).
class FakeSmsSender final : public dispatch::app::SmsSender {
 public:
  [[nodiscard]] std::string_view Provider() const override { return provider; }

  [[nodiscard]] dispatch::app::SendOutcome Send(const dispatch::app::OutboundSms& sms) override {
    sent.push_back(sms);
    if (!scripted.empty()) {
      dispatch::app::SendOutcome next = scripted.front();
      scripted.erase(scripted.begin());
      return next;
    }
    return {true, false, "biz-" + std::to_string(sent.size()), "", ""};
  }

  std::string provider = "aliyun";
  std::vector<dispatch::app::OutboundSms> sent;
  std::vector<dispatch::app::SendOutcome> scripted;
};

}  // namespace careloop::testing
