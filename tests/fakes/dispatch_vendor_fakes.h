#pragma once

#include <string>
#include <utility>
#include <vector>

#include "services/dispatch/app/provider_ports.h"
#include "services/dispatch/app/sms_failover.h"

namespace careloop::testing {

/// Outcomes a vendor gives, shaped like the provider adapters' (fault, window, code).
inline dispatch::app::SendOutcome Throttled(std::string code, Millis window) {
  dispatch::app::SendOutcome outcome;
  outcome.retryable = true;
  outcome.fault = dispatch::domain::VendorFault::kThrottled;
  outcome.retry_after = window;
  outcome.error_code = std::move(code);
  outcome.error_message = "rate limited";
  return outcome;
}

inline dispatch::app::SendOutcome Transient(std::string code = "http_503") {
  dispatch::app::SendOutcome outcome;
  outcome.retryable = true;
  outcome.fault = dispatch::domain::VendorFault::kTransient;
  outcome.error_code = std::move(code);
  outcome.error_message = "vendor unavailable";
  return outcome;
}

inline dispatch::app::SendOutcome Permanent(std::string code, std::string message) {
  dispatch::app::SendOutcome outcome;
  outcome.fault = dispatch::domain::VendorFault::kPermanent;
  outcome.error_code = std::move(code);
  outcome.error_message = std::move(message);
  return outcome;
}

/// dispatch::app::BreakerObserver recording every change as "vendor:state".
class RecordingBreakerObserver final : public dispatch::app::BreakerObserver {
 public:
  void Changed(std::string_view vendor, dispatch::domain::BreakerState state) override {
    changes.push_back(std::string(vendor) + ":" + std::string(dispatch::domain::BreakerStateName(state)));
  }
  std::vector<std::string> changes;
};

}  // namespace careloop::testing
