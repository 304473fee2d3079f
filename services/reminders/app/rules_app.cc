#include "services/reminders/app/rules_app.h"

#include <algorithm>
#include <stdexcept>

#include "common/log/log.h"

namespace careloop::reminders::app {

Status ValidateForStores(const domain::Rule& rule, const std::vector<config::StoreSettings>& stores) {
  const auto quiet_of = [](const config::StoreSettings& store) {
    return domain::QuietHours{store.quiet_hours_start, store.quiet_hours_end};
  };
  std::vector<const config::StoreSettings*> governed;
  for (const auto& store : stores) {
    if (rule.store_id.empty() || store.id == rule.store_id) {
      governed.push_back(&store);
    }
  }
  if (governed.empty()) {
    return domain::Validate(rule, quiet_of(config::StoreSettings{}));  // no store configured: the default
  }
  for (const auto* store : governed) {
    if (Status valid = domain::Validate(rule, quiet_of(*store)); !valid.ok()) {
      Error error = valid.error();
      if (rule.store_id.empty() && error.field == "rule.fire_time") {
        error.message += " (store " + store->id + "; a group rule governs every store)";
      }
      return error;
    }
  }
  return Ok{};
}

RulesApp::RulesApp(RuleStore& store, Replanner& replanner, const clock::Clock& clock,
                   const config::StoreCatalog& stores)
    : store_(store), replanner_(replanner), clock_(clock), stores_(stores) {}

void RulesApp::Seed(const std::vector<domain::Rule>& configured) {
  std::vector<domain::Rule> seeds = configured;
  for (int k = 0; k <= static_cast<int>(domain::ReminderKind::kSeasonalCheck); ++k) {
    const auto kind = static_cast<domain::ReminderKind>(k);
    const bool has_group = std::any_of(configured.begin(), configured.end(), [&](const domain::Rule& rule) {
      return rule.kind == kind && rule.store_id.empty() && rule.models.empty();
    });
    if (!has_group) {
      seeds.push_back(domain::DefaultRule(kind));
    }
  }
  for (auto& rule : seeds) {
    rule.rule_id = domain::RuleId(rule.store_id, rule.kind, rule.models);
    if (Status valid = ValidateForStores(rule, stores_.all()); !valid.ok()) {
      throw std::invalid_argument("configured rule " + std::string(domain::KindName(rule.kind)) + " of store '" +
                                  rule.store_id + "': " + valid.error().ToString());
    }
    if (store_.Seed(rule)) {
      // New or edited in config: what it governs follows (nothing, on an empty store).
      const int changed = replanner_.ReplanRule(rule);
      log::Info("rule seeded from config", {{"rule_id", rule.rule_id},
                                            {"store_id", rule.store_id},
                                            {"kind", domain::KindName(rule.kind)},
                                            {"reminders_replanned", std::to_string(changed)}});
    }
  }
}

domain::Rule StoredRuleBook::For(const std::string& store_id, domain::ReminderKind kind, const std::string& model) {
  return domain::Resolve(store_.All(), store_id, kind, model);
}

Result<std::vector<domain::Rule>> RulesApp::List(const auth::Principal& caller, const std::string& store_id,
                                                 std::optional<domain::ReminderKind> kind) {
  if (!store_id.empty()) {
    if (!stores_.IsKnown(store_id)) {
      return InvalidArgument("store_id", "unknown store '" + store_id + "'");
    }
    if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
      return allowed.error();
    }
  }
  std::vector<domain::Rule> listed;
  for (auto& rule : store_.All()) {
    if ((rule.store_id.empty() || rule.store_id == store_id) && (!kind || rule.kind == *kind)) {
      listed.push_back(std::move(rule));
    }
  }
  std::sort(listed.begin(), listed.end(), [](const domain::Rule& a, const domain::Rule& b) {
    return std::tie(a.store_id, a.kind, a.models) < std::tie(b.store_id, b.kind, b.models);
  });
  return listed;
}

Result<domain::Rule> RulesApp::Upsert(const auth::Principal& caller, domain::Rule rule) {
  if (rule.store_id.empty()) {
    if (Status allowed = caller.RequireRole({auth::Role::kAdmin}); !allowed.ok()) {
      return allowed.error();
    }
  } else {
    if (Status allowed = caller.RequireRole({auth::Role::kAdmin, auth::Role::kManager}); !allowed.ok()) {
      return allowed.error();
    }
    if (!stores_.IsKnown(rule.store_id)) {
      return InvalidArgument("rule.store_id", "unknown store '" + rule.store_id + "'");
    }
    if (Status allowed = caller.RequireStore(rule.store_id); !allowed.ok()) {
      return allowed.error();
    }
  }
  const std::string scope_id = domain::RuleId(rule.store_id, rule.kind, rule.models);
  if (!rule.rule_id.empty() && rule.rule_id != scope_id) {
    return InvalidArgument("rule.rule_id", "'" + rule.rule_id +
                                               "' is not the rule of this store, kind and model list (that is '" +
                                               scope_id + "'); leave it empty to address the rule by its scope");
  }
  if (Status valid = ValidateForStores(rule, stores_.all()); !valid.ok()) {
    return valid.error();
  }
  rule.rule_id = scope_id;
  rule.updated_at = clock_.Now();
  rule.updated_by = caller.name;
  store_.Put(rule);
  const int changed = replanner_.ReplanRule(rule);
  log::Info("rule changed", {{"rule_id", rule.rule_id},
                             {"store_id", rule.store_id},
                             {"kind", domain::KindName(rule.kind)},
                             {"by", caller.name},
                             {"reminders_replanned", std::to_string(changed)}});
  return rule;
}

}  // namespace careloop::reminders::app
