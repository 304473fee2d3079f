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
    ++lookups;
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
  int lookups = 0;  ///< For calls
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
  /// Like Redis: a configuration seeded before and still stored is kept; an edited one wins.
  bool Seed(const reminders::domain::Rule& rule) override {
    const auto seeded = seeded_.find(rule.rule_id);
    if (rules.contains(rule.rule_id) && seeded != seeded_.end() && SameConfig(seeded->second, rule)) {
      return false;
    }
    rules[rule.rule_id] = rule;
    seeded_[rule.rule_id] = rule;
    return true;
  }
  void Put(const reminders::domain::Rule& rule) override { rules[rule.rule_id] = rule; }

  std::map<std::string, reminders::domain::Rule> rules;

 private:
  static bool SameConfig(const reminders::domain::Rule& a, const reminders::domain::Rule& b) {
    return a.enabled == b.enabled && a.interval_months == b.interval_months && a.interval_days == b.interval_days &&
           a.interval_km == b.interval_km && a.lead_days == b.lead_days && a.fire_time == b.fire_time &&
           a.template_id == b.template_id && a.channel_plan_id == b.channel_plan_id &&
           a.follow_up_days == b.follow_up_days && a.return_window_days == b.return_window_days &&
           a.excluded_churn_stages == b.excluded_churn_stages;
  }
  std::map<std::string, reminders::domain::Rule> seeded_;
};

}  // namespace careloop::testing
