#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "services/dispatch/app/receipt_ports.h"

namespace careloop::testing {

/// In-memory dispatch::app::PendingReceipts: kept receipts by "vendor:provider id", taken once.
/// `on_keep` runs after each Keep (a test makes the send's answer land right then).
class FakePendingReceipts final : public dispatch::app::PendingReceipts {
 public:
  void Keep(const dispatch::domain::DeliveryReceipt& receipt) override {
    kept[receipt.vendor + ":" + receipt.provider_message_id] = receipt;
    ++keeps;
    if (on_keep) {
      on_keep();
    }
  }
  [[nodiscard]] std::optional<dispatch::domain::DeliveryReceipt> Take(const std::string& vendor,
                                                                      const std::string& provider_message_id) override {
    const auto found = kept.find(vendor + ":" + provider_message_id);
    if (found == kept.end()) {
      return std::nullopt;
    }
    auto receipt = found->second;
    kept.erase(found);
    return receipt;
  }

  std::map<std::string, dispatch::domain::DeliveryReceipt> kept;
  int keeps = 0;
  std::function<void()> on_keep;
};

}  // namespace careloop::testing
