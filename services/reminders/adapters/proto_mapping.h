#pragma once

#include "careloop/reminder/v1/events.pb.h"
#include "careloop/reminder/v1/reminder.pb.h"
#include "services/reminders/domain/reminder.h"

namespace careloop::reminders::adapters {

namespace pb = careloop::reminder::v1;

[[nodiscard]] pb::Reminder ToProto(const domain::Reminder& reminder);
[[nodiscard]] domain::Reminder FromProto(const pb::Reminder& reminder);
[[nodiscard]] pb::ReminderKind ToProto(domain::ReminderKind kind);
[[nodiscard]] pb::Holiday ToProto(domain::Holiday holiday);

}  // namespace careloop::reminders::adapters
