#pragma once

#include "careloop/reminder/v1/reminder.pb.h"
#include "common/base/error.h"
#include "services/reminders/domain/rule.h"

namespace careloop::reminders::adapters {

/// A rule as the contract carries it (ListRules, UpsertRule, the stored record).
[[nodiscard]] careloop::reminder::v1::ReminderRule ToProto(const domain::Rule& rule);

/// A rule a client sent or the store holds. INVALID_ARGUMENT naming the field for an unknown
/// kind or churn stage, or a fire time that is not a time of day; the rule's own checks are
/// domain::Validate's.
[[nodiscard]] Result<domain::Rule> RuleFromProto(const careloop::reminder::v1::ReminderRule& rule);

}  // namespace careloop::reminders::adapters
