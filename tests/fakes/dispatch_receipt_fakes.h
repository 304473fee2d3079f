#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "services/dispatch/app/receipt_ports.h"

namespace careloop::testing {

/// In-memory dispatch::app::ReceiptLedger: messages by id, the vendor-id index, and one
/// recorded receipt per message (a second RecordReceipt writes nothing), each with its events.
class FakeReceiptLedger final : public dispatch::app::ReceiptLedger {
 public:
  [[nodiscard]] std::optional<dispatch::domain::Message> Find(const std::string& message_id) override {
    const auto found = messages.find(message_id);
    return found == messages.end() ? std::nullopt : std::optional(found->second);
  }

  [[nodiscard]] std::optional<std::string> ByProviderId(const std::string& vendor,
                                                        const std::string& provider_message_id) override {
    const auto found = by_provider_id.find(vendor + ":" + provider_message_id);
    return found == by_provider_id.end() ? std::nullopt : std::optional(found->second);
  }

  [[nodiscard]] bool RecordReceipt(const dispatch::domain::Message& message) override {
    if (!receipted.insert({message.message_id, message.receipt_code}).second) {
      return false;
    }
    messages[message.message_id] = message;
    events.push_back("MessageDelivered:" + message.message_id);
    if (message.status == dispatch::domain::MessageStatus::kFailed) {
      events.push_back("MessageFailed:" + message.message_id);
    }
    return true;
  }

  [[nodiscard]] bool InFlight(const std::string& message_id) override { return in_flight.contains(message_id); }

  /// A sent message as the ledger keeps it, indexed by its vendor id.
  void AddSent(const std::string& id, const std::string& vendor, const std::string& provider_message_id) {
    dispatch::domain::Message message;
    message.message_id = id;
    message.customer_id = "cus-1";
    message.store_id = "S001";
    message.provider = vendor;
    message.provider_message_id = provider_message_id;
    message.status = dispatch::domain::MessageStatus::kSent;
    messages[id] = message;
    by_provider_id[vendor + ":" + provider_message_id] = id;
  }

  std::map<std::string, dispatch::domain::Message> messages;
  std::map<std::string, std::string> by_provider_id;  ///< "vendor:provider id" → message id
  std::map<std::string, std::string> receipted;       ///< message id → receipt code
  std::vector<std::string> events;                    ///< "Type:message id", in order
  std::set<std::string> in_flight;                    ///< message ids claimed, vendor answer not recorded
};

/// dispatch::app::FollowEvents recording pushes; answers `handled`.
class RecordingFollowEvents final : public dispatch::app::FollowEvents {
 public:
  [[nodiscard]] bool Followed(const std::string& openid, bool subscribed, Instant /*at*/) override {
    seen.push_back((subscribed ? "+" : "-") + openid);
    return handled;
  }
  std::vector<std::string> seen;
  bool handled = true;
};

}  // namespace careloop::testing
