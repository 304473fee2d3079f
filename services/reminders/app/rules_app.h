#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/replanner.h"
#include "services/reminders/app/rules_ports.h"

namespace careloop::reminders::app {

/// The RuleBook every planner reads: the stored rules, resolved most specific first.
class StoredRuleBook final : public RuleBook {
 public:
  explicit StoredRuleBook(RuleStore& store) : store_(store) {}
  [[nodiscard]] domain::Rule For(const std::string& store_id, domain::ReminderKind kind,
                                 const std::string& model) override;

 private:
  RuleStore& store_;
};

/// Checks a rule (domain::Validate) against the quiet hours of the stores it governs
/// (`stores[].quiet_hours`, the one setting every service reads): its store's, or — a group
/// rule — every configured store's. The first bad field is named with the reason.
[[nodiscard]] Status ValidateForStores(const domain::Rule& rule, const std::vector<config::StoreSettings>& stores);

/// The store rules' use cases: seeded from config, listed and changed by managers (ListRules,
/// UpsertRule). A change re-plans the reminders the rule governs (Replanner).
class RulesApp final {
 public:
  RulesApp(RuleStore& store, Replanner& replanner, const clock::Clock& clock, const config::StoreCatalog& stores);

  /// Seeds each configured rule (its id from its scope) and the built-in default of every kind
  /// that has no configured group rule: stored unless the same configuration was seeded before —
  /// a change made through UpsertRule outlives a restart, an edited configuration wins and
  /// re-plans what it governs. Throws on an invalid configured rule (startup).
  void Seed(const std::vector<domain::Rule>& configured);

  /// The group rules and those of `store_id` (empty: group rules only), of `kind` if given,
  /// group first, then by kind.
  [[nodiscard]] Result<std::vector<domain::Rule>> List(const auth::Principal& caller, const std::string& store_id,
                                                       std::optional<domain::ReminderKind> kind);

  /// Validates and stores `rule` (addressed by its scope: store, kind, models; a rule_id, if
  /// given, must be the scope's), then re-plans what it governs. Managers change their stores'
  /// rules, admins also the group's. Nothing is stored when it is invalid.
  [[nodiscard]] Result<domain::Rule> Upsert(const auth::Principal& caller, domain::Rule rule);

 private:
  RuleStore& store_;
  Replanner& replanner_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::reminders::app
