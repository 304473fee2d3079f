#include "services/dispatch/domain/vendor_faults.h"

#include <algorithm>

namespace careloop::dispatch::domain {

std::string_view VendorFaultName(VendorFault fault) {
  switch (fault) {
    case VendorFault::kNone: return "accepted";
    case VendorFault::kThrottled: return "throttled";
    case VendorFault::kTransient: return "transient";
    case VendorFault::kPermanent: return "permanent";
    case VendorFault::kUnknown: return "unknown";
  }
  return "unknown";
}

std::optional<VendorFault> ParseVendorFault(std::string_view name) {
  for (const auto fault : {VendorFault::kNone, VendorFault::kThrottled, VendorFault::kTransient,
                           VendorFault::kPermanent, VendorFault::kUnknown}) {
    if (VendorFaultName(fault) == name) {
      return fault;
    }
  }
  return std::nullopt;
}

int TransientFailures(const std::vector<MessageAttempt>& history) {
  return static_cast<int>(std::count_if(history.begin(), history.end(), [](const MessageAttempt& attempt) {
    return attempt.fault == VendorFault::kTransient ||
           (attempt.fault == VendorFault::kUnknown && attempt.channel == "wechat");
  }));
}

AfterAttempt DecideAfter(const std::vector<MessageAttempt>& history, Millis vendor_window, Instant now,
                         const RetryRules& rules) {
  VendorFault fault = history.empty() ? VendorFault::kTransient : history.back().fault;
  if (fault == VendorFault::kUnknown && history.back().channel == "wechat") {
    fault = VendorFault::kTransient;  // WeChat drops a second send with the same client_msg_id
  }
  switch (fault) {
    case VendorFault::kNone: return {NextStep::kDone, {}};
    case VendorFault::kPermanent: return {NextStep::kFail, {}};
    case VendorFault::kThrottled:
      return {NextStep::kRetryLater, now + (vendor_window.count() > 0 ? vendor_window : rules.throttle_wait)};
    case VendorFault::kUnknown: return {NextStep::kReconcile, {}};
    case VendorFault::kTransient: break;
  }
  const int failures = std::max(1, TransientFailures(history));
  if (failures >= rules.max_failures) {
    return {NextStep::kFail, {}};
  }
  const int doublings = std::min(failures - 1, 20);
  return {NextStep::kRetryLater, now + rules.backoff * (int64_t{1} << doublings)};
}

std::string VendorToAvoid(const std::vector<MessageAttempt>& history, int failover_after) {
  if (history.empty() || failover_after <= 0 || history.back().fault != VendorFault::kTransient) {
    return {};
  }
  const std::string& vendor = history.back().vendor;
  int run = 0;
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->vendor != vendor || it->channel != "sms") {
      break;
    }
    if (it->fault == VendorFault::kTransient) {
      ++run;
    } else if (it->fault != VendorFault::kThrottled) {
      break;
    }
  }
  return run >= failover_after ? vendor : std::string{};
}

}  // namespace careloop::dispatch::domain
