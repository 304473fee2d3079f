#pragma once

#include <map>
#include <string>
#include <vector>

#include "services/reminders/app/rules_ports.h"
#include "services/reminders/domain/rule.h"

namespace careloop::testing {

/// In-memory reminders::app::RuleBook: the domain defaults, overridden by the rules a test
/// puts in `rules`, resolved like production (domain::Resolve: most specific first).
class FakeRuleBook final : public reminders::app::RuleBook {
 public:
  [[nodiscard]] reminders::domain::Rule For(const std::string& store_id, reminders::domain::ReminderKind kind,
                                            const std::string& model) override {
    return reminders::domain::Resolve(rules, store_id, kind, model);
  }

  /// Adds (or replaces, by scope) a rule; returns it for chaining edits in a test.
  reminders::domain::Rule& Put(reminders::domain::Rule rule) {
    rule.rule_id = reminders::domain::RuleId(rule.store_id, rule.kind, rule.models);
    for (auto& existing : rules) {
      if (existing.rule_id == rule.rule_id) {
        existing = std::move(rule);
        return existing;
      }
    }
    rules.push_back(std::move(rule));
    return rules.back();
  }

  std::vector<reminders::domain::Rule> rules;
};

/// In-memory reminders::app::RuleStore: rules by id; Seed keeps what is stored.
class FakeRuleStore final : public reminders::app::RuleStore {
 public:
  [[nodiscard]] std::vector<reminders::domain::Rule> All() override {
    std::vector<reminders::domain::Rule> all;
    for (const auto& [id, rule] : rules) {
      all.push_back(rule);
    }
    return all;
  }
  bool Seed(const reminders::domain::Rule& rule) override { return rules.emplace(rule.rule_id, rule).second; }
  void Put(const reminders::domain::Rule& rule) override { rules[rule.rule_id] = rule; }

  std::map<std::string, reminders::domain::Rule> rules;
};

}  // namespace careloop::testing
