#pragma once

#include "careloop/survey/v1/events.pb.h"
#include "careloop/survey/v1/survey.pb.h"
#include "common/base/enum_table.h"
#include "services/surveys/app/case_ports.h"
#include "services/surveys/domain/complaint_case.h"

// Complaint cases on the wire: enum tables (domain ⇄ contract ⇄ word), the record and its events.
namespace careloop::surveys::adapters {

namespace pb = careloop::survey::v1;
namespace common_pb = careloop::common::v1;

inline constexpr auto kCaseSeverities = MakeEnumTable<domain::CaseSeverity, common_pb::ComplaintSeverity>({
    {domain::CaseSeverity::kMinor, common_pb::COMPLAINT_SEVERITY_MINOR, "minor"},
    {domain::CaseSeverity::kMajor, common_pb::COMPLAINT_SEVERITY_MAJOR, "major"},
});
static_assert(kCaseSeverities.IsComplete());

inline constexpr auto kCaseStatuses = MakeEnumTable<domain::CaseStatus, pb::CaseStatus>({
    {domain::CaseStatus::kOpen, pb::CASE_STATUS_OPEN, "open"},
    {domain::CaseStatus::kInProgress, pb::CASE_STATUS_IN_PROGRESS, "in_progress"},
    {domain::CaseStatus::kResolved, pb::CASE_STATUS_RESOLVED, "resolved"},
});
static_assert(kCaseStatuses.IsComplete());

inline constexpr auto kCaseSources = MakeEnumTable<domain::CaseSource, pb::CaseSource>({
    {domain::CaseSource::kSurvey, pb::CASE_SOURCE_SURVEY, "survey"},
    {domain::CaseSource::kPhone, pb::CASE_SOURCE_PHONE, "phone"},
    {domain::CaseSource::kWalkIn, pb::CASE_SOURCE_WALK_IN, "walk_in"},
    {domain::CaseSource::kManufacturer, pb::CASE_SOURCE_MANUFACTURER, "manufacturer"},
    {domain::CaseSource::kMessageReply, pb::CASE_SOURCE_MESSAGE_REPLY, "message_reply"},
});
static_assert(kCaseSources.IsComplete());

inline constexpr auto kHandlingSteps = MakeEnumTable<domain::HandlingStep, pb::HandlingStep>({
    {domain::HandlingStep::kGetFacts, pb::HANDLING_STEP_GET_FACTS, "get_facts"},
    {domain::HandlingStep::kTakeResponsibility, pb::HANDLING_STEP_TAKE_RESPONSIBILITY, "take_responsibility"},
    {domain::HandlingStep::kEmpathise, pb::HANDLING_STEP_EMPATHISE, "empathise"},
    {domain::HandlingStep::kAgreeSolution, pb::HANDLING_STEP_AGREE_SOLUTION, "agree_solution"},
    {domain::HandlingStep::kThankCustomer, pb::HANDLING_STEP_THANK_CUSTOMER, "thank_customer"},
    {domain::HandlingStep::kFollowUp, pb::HANDLING_STEP_FOLLOW_UP, "follow_up"},
});
static_assert(kHandlingSteps.IsComplete());

inline constexpr auto kCaseResolutions = MakeEnumTable<domain::CaseResolution, pb::CaseResolution>({
    {domain::CaseResolution::kCustomerSatisfied, pb::CASE_RESOLUTION_CUSTOMER_SATISFIED, "satisfied"},
    {domain::CaseResolution::kCustomerUnsatisfied, pb::CASE_RESOLUTION_CUSTOMER_UNSATISFIED, "unsatisfied"},
    {domain::CaseResolution::kWithdrawn, pb::CASE_RESOLUTION_WITHDRAWN, "withdrawn"},
});
static_assert(kCaseResolutions.IsComplete());

[[nodiscard]] pb::ComplaintCase ToProto(const domain::ComplaintCase& complaint);
/// A stored record (our own): values unknown to this version read as the defaults.
[[nodiscard]] domain::ComplaintCase FromProto(const pb::ComplaintCase& complaint);

/// The events of a case: no summary, note or resolution note.
[[nodiscard]] pb::ComplaintCaseOpened OpenedEvent(const domain::ComplaintCase& complaint);
[[nodiscard]] pb::ComplaintCaseUpdated UpdatedEvent(const domain::ComplaintCase& complaint,
                                                    const app::CaseChange& change);
[[nodiscard]] pb::ComplaintCaseResolved ResolvedEvent(const domain::ComplaintCase& complaint);

}  // namespace careloop::surveys::adapters
