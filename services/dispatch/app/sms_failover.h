#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock/clock.h"
#include "services/dispatch/app/provider_ports.h"
#include "services/dispatch/domain/circuit_breaker.h"

namespace careloop::dispatch::app {

/// Port: told when a vendor's breaker changes state (main.cc exposes it in metrics).
class BreakerObserver {
 public:
  virtual ~BreakerObserver() = default;
  virtual void Changed(std::string_view vendor, domain::BreakerState state) = 0;
};

/// An SmsSender over a primary and an optional secondary SMS vendor, with a circuit breaker per
/// vendor. A send goes to the primary unless its breaker is open or the message asks to avoid it
/// (OutboundSms::avoid_provider, after transient failures there); then to the secondary. When
/// no vendor may be called, nothing is called: the outcome is throttled ("none", retry when the
/// first breaker lets a probe through). Transient failures count on the breaker; throttling
/// does not. The answer names the vendor that answered (SendOutcome::provider). Thread-safe.
class SmsFailover final : public SmsSender {
 public:
  SmsFailover(SmsSender& primary, SmsSender* secondary, const clock::Clock& clock, domain::BreakerSettings breaker,
              BreakerObserver* observer = nullptr);

  /// The primary's name (what a message is recorded with before it is sent).
  [[nodiscard]] std::string_view Provider() const override;
  [[nodiscard]] SendOutcome Send(const OutboundSms& sms) override;

  /// The vendors, primary first.
  [[nodiscard]] std::vector<std::string> Vendors() const;
  [[nodiscard]] domain::BreakerState StateOf(std::string_view vendor) const;

 private:
  struct Vendor final {
    SmsSender* sender;
    domain::CircuitBreaker breaker;
    domain::BreakerState reported;
  };
  void Report(Vendor& vendor);

  const clock::Clock& clock_;
  BreakerObserver* observer_;
  mutable std::mutex mutex_;
  std::vector<Vendor> vendors_;  ///< guarded by mutex_ (the breakers); primary first
};

}  // namespace careloop::dispatch::app
