#pragma once

#include "careloop/dispatch/v1/events.pb.h"
#include "careloop/dispatch/v1/message.pb.h"
#include "common/base/enum_table.h"
#include "services/dispatch/domain/call_task.h"

namespace careloop::dispatch::adapters {

namespace pb = careloop::dispatch::v1;

// The call task enums: domain value ⇄ contract value ⇄ word (the CLI's words too).
inline constexpr auto kCallOutcomes = MakeEnumTable<domain::CallOutcome, pb::CallOutcome>({
    {domain::CallOutcome::kReached, pb::CALL_OUTCOME_REACHED, "reached"},
    {domain::CallOutcome::kAppointmentBooked, pb::CALL_OUTCOME_APPOINTMENT_BOOKED, "appointment_booked"},
    {domain::CallOutcome::kNoAnswer, pb::CALL_OUTCOME_NO_ANSWER, "no_answer"},
    {domain::CallOutcome::kCallbackRequested, pb::CALL_OUTCOME_CALLBACK_REQUESTED, "callback"},
    {domain::CallOutcome::kWrongNumber, pb::CALL_OUTCOME_WRONG_NUMBER, "wrong_number"},
    {domain::CallOutcome::kDeclined, pb::CALL_OUTCOME_DECLINED, "declined"},
    {domain::CallOutcome::kComplaint, pb::CALL_OUTCOME_COMPLAINT, "complaint"},
});
static_assert(kCallOutcomes.IsComplete());

inline constexpr auto kTaskStatuses = MakeEnumTable<domain::TaskStatus, pb::CallTaskStatus>({
    {domain::TaskStatus::kOpen, pb::CALL_TASK_STATUS_OPEN, "open"},
    {domain::TaskStatus::kCompleted, pb::CALL_TASK_STATUS_COMPLETED, "completed"},
    {domain::TaskStatus::kCancelled, pb::CALL_TASK_STATUS_CANCELLED, "cancelled"},
});
static_assert(kTaskStatuses.IsComplete());

/// The task store keeps and the API returns careloop.dispatch.v1.CallTask.
[[nodiscard]] pb::CallTask ToProto(const domain::CallTask& task);
[[nodiscard]] domain::CallTask FromProto(const pb::CallTask& task);

/// The events of a task's changes (no name, script or notes: never personal data).
[[nodiscard]] pb::CallTaskCreated CreatedEvent(const domain::CallTask& task);
[[nodiscard]] pb::CallTaskCompleted CompletedEvent(const domain::CallTask& task);
[[nodiscard]] pb::CallTaskEscalated EscalatedEvent(const domain::CallTask& task);
[[nodiscard]] pb::CallTaskRescheduled RescheduledEvent(const domain::CallTask& task, const std::string& why,
                                                       Instant now);

}  // namespace careloop::dispatch::adapters
