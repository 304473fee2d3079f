#pragma once

#include <optional>
#include <string>

#include "common/base/time.h"

namespace careloop::dispatch::app {

/// A complaint case as dispatch needs it for its follow-up calls: whose it is and until when.
struct CaseFacts final {
  std::string case_id;
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;
  std::string owner;  ///< staff id of the case owner (the manager after an escalation)
  Instant deadline_at{};
};

/// Port: the open complaint cases dispatch heard of (the surveys service's case events).
class CaseRoster {
 public:
  virtual ~CaseRoster() = default;
  /// Records or replaces the case's facts.
  virtual void Record(const CaseFacts& facts) = 0;
  [[nodiscard]] virtual std::optional<CaseFacts> Find(const std::string& case_id) = 0;
  /// The case was resolved: its follow-ups are moot.
  virtual void Forget(const std::string& case_id) = 0;
};

}  // namespace careloop::dispatch::app
