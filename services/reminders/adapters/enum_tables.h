#pragma once

#include "careloop/reminder/v1/reminder.pb.h"
#include "common/base/enum_table.h"
#include "services/reminders/domain/reminder.h"

// The reminders service's enums, one table each: domain value ⇄ contract value ⇄ CLI word.
// proto_mapping.cc, grpc_api.cc and careloopctl read them; nothing else maps these enums.
namespace careloop::reminders::adapters {

inline constexpr auto kReminderKinds = MakeEnumTable<domain::ReminderKind, careloop::reminder::v1::ReminderKind>({
    {domain::ReminderKind::kFirstMaintenance, careloop::reminder::v1::REMINDER_KIND_FIRST_MAINTENANCE,
     "first_maintenance"},
    {domain::ReminderKind::kSecondMaintenance, careloop::reminder::v1::REMINDER_KIND_SECOND_MAINTENANCE,
     "second_maintenance"},
    {domain::ReminderKind::kRegularMaintenance, careloop::reminder::v1::REMINDER_KIND_REGULAR_MAINTENANCE,
     "regular_maintenance"},
    {domain::ReminderKind::kInsuranceRenewal, careloop::reminder::v1::REMINDER_KIND_INSURANCE_RENEWAL,
     "insurance_renewal"},
});
static_assert(kReminderKinds.IsComplete());

inline constexpr auto kReminderStatuses =
    MakeEnumTable<domain::ReminderStatus, careloop::reminder::v1::ReminderStatus>({
        {domain::ReminderStatus::kScheduled, careloop::reminder::v1::REMINDER_STATUS_SCHEDULED, "scheduled"},
        {domain::ReminderStatus::kDue, careloop::reminder::v1::REMINDER_STATUS_DUE, "due"},
        {domain::ReminderStatus::kCancelled, careloop::reminder::v1::REMINDER_STATUS_CANCELLED, "cancelled"},
        {domain::ReminderStatus::kMissed, careloop::reminder::v1::REMINDER_STATUS_MISSED, "missed"},
        {domain::ReminderStatus::kDone, careloop::reminder::v1::REMINDER_STATUS_DONE, "done"},
    });
static_assert(kReminderStatuses.IsComplete());

}  // namespace careloop::reminders::adapters
