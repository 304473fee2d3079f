#pragma once

#include "careloop/reminder/v1/reminder.pb.h"
#include "services/reminders/domain/appointment.h"

namespace careloop::reminders::adapters {

/// The appointment record of the contract (careloop.reminder.v1.Appointment) ⇄ the domain's.
[[nodiscard]] careloop::reminder::v1::Appointment ToProto(const domain::Appointment& appointment);
[[nodiscard]] domain::Appointment FromProto(const careloop::reminder::v1::Appointment& appointment);

}  // namespace careloop::reminders::adapters
