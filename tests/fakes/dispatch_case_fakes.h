#pragma once

#include <map>
#include <optional>
#include <string>

#include "services/dispatch/app/case_ports.h"

namespace careloop::testing {

/// dispatch::app::CaseRoster in memory.
class FakeCaseRoster final : public dispatch::app::CaseRoster {
 public:
  void Record(const dispatch::app::CaseFacts& facts) override { cases[facts.case_id] = facts; }
  [[nodiscard]] std::optional<dispatch::app::CaseFacts> Find(const std::string& case_id) override {
    auto found = cases.find(case_id);
    return found == cases.end() ? std::nullopt : std::optional<dispatch::app::CaseFacts>(found->second);
  }
  void Forget(const std::string& case_id) override { cases.erase(case_id); }

  std::map<std::string, dispatch::app::CaseFacts> cases;
};

}  // namespace careloop::testing
