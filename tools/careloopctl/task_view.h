#pragma once

#include <string>
#include <vector>

#include "careloop/dispatch/v1/dispatch_service.pb.h"

// What `careloopctl task list|complete` and `report follow-up` print.
namespace careloop::ctl {

/// The words of `task complete --outcome`: reached, appointment_booked, no_answer, callback,
/// wrong_number, declined, complaint.
[[nodiscard]] std::vector<std::string> CallOutcomeWords();

/// An advisor's list: id, due (display zone), customer, car, reason, assignee, status, late
/// ("是", or "是→<manager>" once escalated), earliest due first as given.
[[nodiscard]] std::string CallTasksTable(const std::vector<careloop::dispatch::v1::CallTask>& tasks);

/// The suggested opening of each open task, one line each ("<id> 话术: …"), printed under the list
/// so an advisor has the script at hand; completed and cancelled tasks have none.
[[nodiscard]] std::string CallTaskScripts(const std::vector<careloop::dispatch::v1::CallTask>& tasks);

/// One task after completion, with its outcome, and the suggested script under the table.
[[nodiscard]] std::string CallTaskFields(const careloop::dispatch::v1::CallTask& task);

/// Per person: tasks, done on time, late, open, and the on-time share; the store's total last.
[[nodiscard]] std::string FollowUpReportTable(const careloop::dispatch::v1::GetFollowUpReportResponse& report);

}  // namespace careloop::ctl
