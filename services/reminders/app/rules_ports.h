#pragma once

#include <string>

#include "services/reminders/domain/rule.h"

namespace careloop::reminders::app {

/// Read-only port: the rule governing reminders of a kind. Every use case that plans
/// reminders reads its lead times, intervals, fire time, template and channel plan here.
class RuleBook {
 public:
  virtual ~RuleBook() = default;

  /// The rule for `kind` at `store_id` for a vehicle of `model` (empty: any vehicle / a
  /// customer-level reminder), most specific first: store + model > store > group + model >
  /// group > the built-in default (domain::DefaultRule). Check `enabled` before planning:
  /// a disabled rule means the store sends nothing of that kind.
  [[nodiscard]] virtual domain::Rule For(const std::string& store_id, domain::ReminderKind kind,
                                         const std::string& model) = 0;
};

}  // namespace careloop::reminders::app
