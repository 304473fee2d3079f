#include "services/dispatch/app/sms_failover.h"

#include <algorithm>

#include "common/log/log.h"

namespace careloop::dispatch::app {

SmsFailover::SmsFailover(SmsSender& primary, SmsSender* secondary, const clock::Clock& clock,
                         domain::BreakerSettings breaker, BreakerObserver* observer)
    : clock_(clock), observer_(observer) {
  vendors_.push_back({&primary, domain::CircuitBreaker(breaker), domain::BreakerState::kClosed});
  if (secondary != nullptr) {
    vendors_.push_back({secondary, domain::CircuitBreaker(breaker), domain::BreakerState::kClosed});
  }
}

std::string_view SmsFailover::Provider() const {
  return vendors_.front().sender->Provider();
}

std::vector<std::string> SmsFailover::Vendors() const {
  std::vector<std::string> names;
  for (const auto& vendor : vendors_) {
    names.emplace_back(vendor.sender->Provider());
  }
  return names;
}

domain::BreakerState SmsFailover::StateOf(std::string_view vendor) const {
  const std::lock_guard lock(mutex_);
  for (const auto& each : vendors_) {
    if (each.sender->Provider() == vendor) {
      return each.breaker.State(clock_.Now());
    }
  }
  return domain::BreakerState::kClosed;
}

void SmsFailover::Report(Vendor& vendor) {
  const domain::BreakerState now = vendor.breaker.State(clock_.Now());
  if (now == vendor.reported) {
    return;
  }
  vendor.reported = now;
  log::Warn("sms vendor breaker changed",
            {{"vendor", std::string(vendor.sender->Provider())}, {"state", std::string(BreakerStateName(now))}});
  if (observer_ != nullptr) {
    observer_->Changed(vendor.sender->Provider(), now);
  }
}

SendOutcome SmsFailover::Send(const OutboundSms& sms) {
  std::vector<Vendor*> order;
  for (auto& vendor : vendors_) {
    order.push_back(&vendor);
  }
  if (order.size() > 1 && order.front()->sender->Provider() == sms.avoid_provider) {
    std::rotate(order.begin(), order.begin() + 1, order.end());
  }
  Vendor* chosen = nullptr;
  Instant reopens = Instant::max();
  {
    const std::lock_guard lock(mutex_);
    const Instant now = clock_.Now();
    for (Vendor* vendor : order) {
      if (vendor->breaker.Allows(now)) {
        chosen = vendor;
        break;
      }
      reopens = std::min(reopens, vendor->breaker.ReopensAt());
      Report(*vendor);
    }
    if (chosen == nullptr) {
      SendOutcome none;
      none.retryable = true;
      none.fault = domain::VendorFault::kThrottled;
      none.retry_after = std::max(Millis{1'000}, std::chrono::duration_cast<Millis>(reopens - now));
      none.error_code = "circuit_open";
      none.error_message = "every SMS vendor's circuit breaker is open";
      none.provider = "none";
      return none;
    }
  }
  SendOutcome outcome = chosen->sender->Send(sms);  // outside the lock: sends run in parallel
  outcome.provider = std::string(chosen->sender->Provider());
  {
    const std::lock_guard lock(mutex_);
    switch (FaultOf(outcome)) {
      case domain::VendorFault::kNone:
      case domain::VendorFault::kPermanent: chosen->breaker.OnSuccess(); break;  // the vendor works
      case domain::VendorFault::kTransient:
      case domain::VendorFault::kUnknown: chosen->breaker.OnFailure(clock_.Now()); break;  // no answer in time
      case domain::VendorFault::kThrottled: chosen->breaker.OnNeutral(); break;
    }
    Report(*chosen);
  }
  return outcome;
}

}  // namespace careloop::dispatch::app
