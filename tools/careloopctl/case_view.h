#pragma once

#include <string>
#include <vector>

#include "careloop/survey/v1/survey.pb.h"

// What `careloopctl case list|get|open|update|resolve` print.
namespace careloop::ctl {

/// Cases, earliest deadline first as given: id, deadline (display zone), customer, severity,
/// status, owner (with "←<previous>" once escalated), source, steps done.
[[nodiscard]] std::string CasesTable(const std::vector<careloop::survey::v1::ComplaintCase>& cases);

/// One case: its fields, then its handling steps (step, who, when, note) as a table.
[[nodiscard]] std::string CaseFields(const careloop::survey::v1::ComplaintCase& complaint);

}  // namespace careloop::ctl
