#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "services/dispatch/app/provider_ports.h"
#include "services/dispatch/app/reconcile_ports.h"
#include "tests/fakes/dispatch_fakes.h"

namespace careloop::testing {

/// A vendor's answer whose outcome never arrived (a read timeout after the request went out).
inline dispatch::app::SendOutcome AnswerLost() {
  dispatch::app::SendOutcome outcome;
  outcome.retryable = true;
  outcome.fault = dispatch::domain::VendorFault::kUnknown;
  outcome.error_code = "transport";
  outcome.error_message = "Read";
  return outcome;
}

/// dispatch::app::InFlightSends over FakeMessageLedger::in_flight, keeping the Redis adapter's
/// promises: a send is claimable once it has been in flight `older_than` (by the ledger's
/// real_time), a taken one is leased, AskLater puts it back scored now, and a settled send is gone.
class FakeInFlightSends final : public dispatch::app::InFlightSends {
 public:
  explicit FakeInFlightSends(FakeMessageLedger& ledger) : ledger_(ledger) {}

  [[nodiscard]] std::vector<std::string> ClaimStale(Millis older_than, Millis lease, int limit) override {
    const Instant now = ledger_.real_time.Now();
    std::vector<std::string> claimed;
    for (const auto& [id, send] : ledger_.in_flight) {
      if (static_cast<int>(claimed.size()) >= limit) {
        break;
      }
      const auto leased = leased_until.find(id);
      if (leased != leased_until.end() && leased->second > now) {
        continue;
      }
      const auto rescored = scored_at.find(id);
      const Instant since = rescored != scored_at.end() ? rescored->second : send.claimed_at;
      if (since + older_than <= now) {
        leased_until[id] = now + lease;
        claimed.push_back(id);
      }
    }
    return claimed;
  }

  [[nodiscard]] std::optional<dispatch::domain::InFlightSend> Find(const std::string& message_id) override {
    const auto found = ledger_.in_flight.find(message_id);
    return found == ledger_.in_flight.end() ? std::nullopt : std::optional(found->second);
  }

  void AskLater(const std::string& message_id) override {
    if (ledger_.in_flight.contains(message_id)) {
      leased_until.erase(message_id);
      scored_at[message_id] = ledger_.real_time.Now();
    }
  }

  void NoteFiledAs(const std::string& message_id, const std::string& correlation_id) override {
    if (auto send = ledger_.in_flight.find(message_id); send != ledger_.in_flight.end()) {
      send->second.also_filed_as = correlation_id;
    }
  }

  std::map<std::string, Instant> leased_until;  ///< message id → lease end
  std::map<std::string, Instant> scored_at;     ///< message id → when AskLater put it back

 private:
  FakeMessageLedger& ledger_;
};

/// dispatch::app::SendStatusQuery answering from `known` (message id → finding), kNotFound
/// otherwise, and UNAVAILABLE while `unavailable` is set. Records every query.
class FakeStatusQuery final : public dispatch::app::SendStatusQuery {
 public:
  explicit FakeStatusQuery(std::string vendor) : vendor_(std::move(vendor)) {}

  [[nodiscard]] std::string_view Provider() const override { return vendor_; }

  [[nodiscard]] Result<dispatch::domain::VendorFinding> Find(const dispatch::app::StatusQuery& query) override {
    asked.push_back(query);
    if (unavailable) {
      return Error{ErrorCode::kUnavailable, vendor_, "vendor cannot be asked"};
    }
    auto found = known.find(query.message_id);
    if (found == known.end() && !query.also_filed_as.empty()) {
      found = known.find(query.also_filed_as);
    }
    if (found != known.end()) {
      return found->second;
    }
    dispatch::domain::VendorFinding none;
    none.vendor = vendor_;
    return none;
  }

  /// Makes the vendor hold `message_id` in `state`.
  void Holds(const std::string& message_id, dispatch::domain::VendorSendState state, std::string code = "DELIVERED",
             std::string reason = "") {
    dispatch::domain::VendorFinding finding;
    finding.vendor = vendor_;
    finding.state = state;
    finding.provider_message_id = vendor_ + "-" + message_id;
    finding.code = std::move(code);
    finding.reason = std::move(reason);
    known[message_id] = finding;
  }

  std::map<std::string, dispatch::domain::VendorFinding> known;
  std::vector<dispatch::app::StatusQuery> asked;
  bool unavailable = false;

 private:
  std::string vendor_;
};

/// dispatch::app::ReconcileObserver counting verdicts by name.
class CountingReconcileObserver final : public dispatch::app::ReconcileObserver {
 public:
  void Reconciled(dispatch::domain::ReconcileVerdict verdict) override {
    ++counts[std::string(dispatch::domain::ReconcileVerdictName(verdict))];
  }
  std::map<std::string, int> counts;
};

}  // namespace careloop::testing
