#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/dispatch/domain/channel_plan.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::domain {

/// The channel plan id a reminder names when staff should call instead of a message being sent
/// (reminders asks for it for the 准流失 win-back and the appointment no-show follow-up).
inline constexpr std::string_view kCallTaskPlan = "call_task";

/// Which kind of staff task a contact becomes.
enum class TaskChannel { kPhoneCall, kFaceToFace };
/// The ledger channel word of a task's contact ("call", "face"), as MessageIdFor takes it.
[[nodiscard]] std::string_view TaskChannelWord(TaskChannel channel);

enum class TaskStatus { kOpen, kCompleted, kCancelled };

/// What came of a call (or a face-to-face talk).
enum class CallOutcome {
  kReached,
  kAppointmentBooked,  ///< the reminders service books the appointment
  kNoAnswer,
  kCallbackRequested,
  kWrongNumber,
  kDeclined,   ///< the customer refused further contact
  kComplaint,  ///< the customer complained: recorded and announced (the surveys service opens a case)
};
[[nodiscard]] std::string_view CallOutcomeName(CallOutcome outcome);
[[nodiscard]] std::optional<CallOutcome> ParseCallOutcome(std::string_view name);
/// Whether the contact reached the customer (no answer and a wrong number did not).
[[nodiscard]] bool Reached(CallOutcome outcome);

/// A task for a named staff member: call the customer, or speak to them at their next visit.
struct CallTask final {
  std::string task_id;     ///< CallTaskIdFor(message_id)
  std::string message_id;  ///< the ledger message of this contact step
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;
  std::string assignee;  ///< staff id
  TaskChannel channel = TaskChannel::kPhoneCall;
  CareKind kind = CareKind::kWinBack;
  std::string cause_id;  ///< the reminder (or survey) that asked for the contact
  int occurrence = 1;
  std::string survey_id;
  std::string case_id;
  std::string reason;         ///< why staff are asked, e.g. "车辆超过半年未回店（准流失）"
  std::string script;         ///< the suggested words (personal data: API only, never in events)
  std::string customer_name;  ///< for the staff list (API only)
  std::string car;            ///< "京A12345（星途瑶光）" (API only)
  Instant due_at{};           ///< unset for a face-to-face task until the customer's visit
  TaskStatus status = TaskStatus::kOpen;
  std::optional<CallOutcome> outcome;
  std::string notes;  ///< staff notes (never in events)
  Instant callback_at{};
  Instant created_at{};
  Instant completed_at{};
  std::string completed_by;
  std::string escalated_to;  ///< the store manager a late task was escalated to
  Instant escalated_at{};
  bool late = false;           ///< not done by due_at
  std::string appointment_id;  ///< kAppointmentBooked: the appointment the reminders service booked
};

/// "ct-" + the ledger message id: opening the same step twice is one task.
[[nodiscard]] std::string CallTaskIdFor(const std::string& message_id);

/// Why staff are asked when the order says nothing more: the kind's reason (DefaultReason), the
/// 3-day call after a delivery for a sales survey.
[[nodiscard]] std::string TaskReason(const SendRequest& request);

/// Who calls: the vehicle's assigned service advisor, else the record's owner, else the
/// store's care desk.
[[nodiscard]] std::string ChooseAssignee(const Contact& contact, const std::string& vehicle_id,
                                         const std::string& care_desk);

/// Who calls for a plan step: `named` when given (the case owner a case follow-up names); else
/// as the step prefers — the care desk for kCareCentre, the record's owner (the sales
/// consultant) before the car's advisor for kSalesConsultant, and ChooseAssignee otherwise.
[[nodiscard]] std::string ChooseAssignee(const Contact& contact, const std::string& vehicle_id,
                                         const std::string& care_desk, StepAssignee prefer, const std::string& named);

/// When a call task is due. Every kind is due by the end of the store's working day
/// (`workday_end`, store-local) on which it was created; a task created less than
/// kMinCallLead before that end (or after it) is due by the end of the next day's work.
inline constexpr Millis kMinCallLead{2 * 3600 * 1000};
[[nodiscard]] Instant CallDueAt(Instant created, const TimeZone& zone, TimeOfDay workday_end);

/// A face-to-face task becomes due on the day of the customer's visit, by the end of work.
[[nodiscard]] Instant VisitDueAt(Date visit_date, const TimeZone& zone, TimeOfDay workday_end);

/// Past its due time and still open (an undated face-to-face task is never late).
[[nodiscard]] bool IsOverdue(const CallTask& task, Instant now);
/// Marks an overdue task late and escalated to `manager`; false when it is not overdue or was
/// escalated before (nothing changes).
[[nodiscard]] bool Escalate(CallTask& task, const std::string& manager, Instant now);

/// "京A12345（星途瑶光）", or the plate or model alone; empty when the car is unknown.
[[nodiscard]] std::string CarLabel(const Contact& contact, const std::string& vehicle_id);

/// The default reason of a kind, when the order names none.
[[nodiscard]] std::string DefaultReason(CareKind kind);

/// The suggested script: "您好，我是星途汽车朝阳店的服务顾问，请问是张先生吗？…" naming the
/// customer's family name with 先生/女士, the car and why the store calls.
[[nodiscard]] std::string CallScript(CareKind kind, TaskChannel channel, const Contact& contact,
                                     const std::string& vehicle_id, const std::string& store_name,
                                     const std::string& reason);

/// What a completion says.
struct Completion final {
  std::optional<CallOutcome> outcome;  ///< nullopt: not given
  std::string notes;
  Instant callback_at{};     ///< kCallbackRequested: when to call again (optional)
  Instant appointment_at{};  ///< kAppointmentBooked: required, in the future
  std::string completed_by;
};

/// Checks a completion against the task (open) and the outcome's needs; errors name the field.
[[nodiscard]] Status ValidateCompletion(const CallTask& task, const Completion& completion, Instant now);

/// Applies a validated completion: completed, the outcome, late when after due_at.
void Complete(CallTask& task, const Completion& completion, Instant now);

/// The ledger message that stands for a task in the customer's contact history (channel
/// "call"/"face", `call_task_id`, provider "staff"): sent (handed to staff) while the task is open; once done,
/// delivered when the customer was reached, failed (the outcome as the reason) when not; suppressed if cancelled.
[[nodiscard]] Message TaskMessage(const CallTask& task);

/// One person's line of the follow-up report.
struct FollowUpLine final {
  std::string staff_id;
  int tasks = 0;
  int done_on_time = 0;
  int late = 0;  ///< done late, or still open past due
  int open = 0;  ///< not done yet (late ones included)
};

/// The follow-up report of a store's month (store-local): the tasks due in the month (an
/// undated face-to-face task counts in the month it was created), per assignee by staff id.
struct FollowUpReport final {
  std::string store_id;
  std::string month;  ///< "2026-11"
  std::vector<FollowUpLine> lines;
  FollowUpLine total;
};

/// Parses "YYYY-MM" into the month's first day; error names `month`.
[[nodiscard]] Result<Date> ParseMonth(std::string_view month);

[[nodiscard]] FollowUpReport BuildFollowUpReport(const std::string& store_id, Date month_start,
                                                 const std::vector<CallTask>& tasks, const TimeZone& zone, Instant now);

}  // namespace careloop::dispatch::domain
