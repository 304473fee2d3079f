#pragma once

#include "careloop/survey/v1/survey.pb.h"
#include "common/base/enum_table.h"
#include "services/surveys/domain/improvement_actions.h"

// Improvement actions in the contract's terms (API, storage and ImprovementActionCreated).
namespace careloop::surveys::adapters {

inline constexpr auto kActionStatuses = MakeEnumTable<domain::ActionStatus, careloop::survey::v1::ImprovementStatus>({
    {domain::ActionStatus::kOpen, careloop::survey::v1::IMPROVEMENT_STATUS_OPEN, "open"},
    {domain::ActionStatus::kDone, careloop::survey::v1::IMPROVEMENT_STATUS_DONE, "done"},
    {domain::ActionStatus::kVerified, careloop::survey::v1::IMPROVEMENT_STATUS_VERIFIED, "verified"},
    {domain::ActionStatus::kCancelled, careloop::survey::v1::IMPROVEMENT_STATUS_CANCELLED, "cancelled"},
});
static_assert(kActionStatuses.IsComplete());

[[nodiscard]] careloop::survey::v1::ImprovementAction ToProto(const domain::ImprovementAction& action);
/// A client's or the store's record; the status is not read (callers read it with the table).
[[nodiscard]] domain::ImprovementAction FromProto(const careloop::survey::v1::ImprovementAction& action);

}  // namespace careloop::surveys::adapters
