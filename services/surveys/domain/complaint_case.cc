#include "services/surveys/domain/complaint_case.h"

#include <algorithm>
#include <array>
#include <utility>

namespace careloop::surveys::domain {

namespace {

constexpr std::array<std::pair<HandlingStep, const char*>, 6> kStepWords{{
    {HandlingStep::kGetFacts, "get_facts"},
    {HandlingStep::kTakeResponsibility, "take_responsibility"},
    {HandlingStep::kEmpathise, "empathise"},
    {HandlingStep::kAgreeSolution, "agree_solution"},
    {HandlingStep::kThankCustomer, "thank_customer"},
    {HandlingStep::kFollowUp, "follow_up"},
}};

Error Resolved(const ComplaintCase& complaint) {
  return Error{ErrorCode::kFailedPrecondition, "case_id", "case '" + complaint.case_id + "' is already resolved"};
}

}  // namespace

std::vector<HandlingStep> AllHandlingSteps() {
  std::vector<HandlingStep> steps;
  for (const auto& [step, word] : kStepWords) {
    steps.push_back(step);
  }
  return steps;
}

std::string StepWord(HandlingStep step) {
  for (const auto& [known, word] : kStepWords) {
    if (known == step) {
      return word;
    }
  }
  return "unknown";
}

std::optional<HandlingStep> StepFromWord(const std::string& word) {
  for (const auto& [step, known] : kStepWords) {
    if (word == known) {
      return step;
    }
  }
  return std::nullopt;
}

std::string ManagerOf(const CaseRules& rules, const std::string& staff_id) {
  if (auto found = rules.managers_of.find(staff_id); found != rules.managers_of.end() && !found->second.empty()) {
    return found->second;
  }
  return rules.manager;
}

std::string ChooseOwner(const CaseRules& rules, const std::string& advisor) {
  if (!advisor.empty()) {
    return ManagerOf(rules, advisor);
  }
  return rules.complaint_owner.empty() ? rules.manager : rules.complaint_owner;
}

Instant DeadlineOf(const CaseRules& rules, CaseSeverity severity, Instant opened_at, int hours) {
  if (hours <= 0) {
    hours = severity == CaseSeverity::kMajor ? rules.major_deadline_hours : rules.minor_deadline_hours;
  }
  return opened_at + std::chrono::hours{hours};
}

Status CheckNewCase(const ComplaintCase& complaint) {
  if (complaint.customer_id.empty()) {
    return InvalidArgument("customer_id", "is required");
  }
  if (complaint.store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  if (complaint.owner.empty()) {
    return InvalidArgument("owner", "is required");
  }
  if (complaint.deadline_at <= complaint.opened_at) {
    return InvalidArgument("deadline_at", "must be after the case is opened");
  }
  if (complaint.summary.size() > 2000) {
    return InvalidArgument("summary", "must be at most 2000 bytes");
  }
  return Ok{};
}

Status RecordStep(ComplaintCase& complaint, CaseStep step) {
  if (complaint.status == CaseStatus::kResolved) {
    return Resolved(complaint);
  }
  if (step.staff_id.empty()) {
    return InvalidArgument("step.staff_id", "is required (who did the step)");
  }
  if (step.note.size() > 2000) {
    return InvalidArgument("step.note", "must be at most 2000 bytes");
  }
  complaint.steps.push_back(std::move(step));
  complaint.status = CaseStatus::kInProgress;
  return Ok{};
}

Status ChangeFields(ComplaintCase& complaint, const std::optional<std::string>& owner,
                    std::optional<Instant> deadline_at, std::optional<CaseSeverity> severity) {
  if (complaint.status == CaseStatus::kResolved) {
    return Resolved(complaint);
  }
  if (owner && owner->empty()) {
    return InvalidArgument("owner", "must not be empty");
  }
  if (deadline_at && *deadline_at <= complaint.opened_at) {
    return InvalidArgument("deadline_at", "must be after the case was opened");
  }
  if (owner) {
    complaint.owner = *owner;
  }
  if (deadline_at) {
    complaint.deadline_at = *deadline_at;
  }
  if (severity) {
    complaint.severity = *severity;
  }
  return Ok{};
}

std::vector<HandlingStep> MissingSteps(const ComplaintCase& complaint, const CaseRules& rules) {
  std::vector<HandlingStep> missing;
  for (HandlingStep required : rules.required_steps) {
    const bool done = std::any_of(complaint.steps.begin(), complaint.steps.end(),
                                  [required](const CaseStep& step) { return step.step == required; });
    if (!done) {
      missing.push_back(required);
    }
  }
  return missing;
}

Status Resolve(ComplaintCase& complaint, const CaseRules& rules, CaseResolution resolution, std::string note,
               Instant now) {
  if (complaint.status == CaseStatus::kResolved) {
    return Resolved(complaint);
  }
  if (note.size() > 2000) {
    return InvalidArgument("resolution_note", "must be at most 2000 bytes");
  }
  if (resolution != CaseResolution::kWithdrawn) {
    const auto missing = MissingSteps(complaint, rules);
    if (!missing.empty()) {
      std::string words;
      for (HandlingStep step : missing) {
        words += (words.empty() ? "" : ", ") + StepWord(step);
      }
      return Error{ErrorCode::kFailedPrecondition, "steps",
                   "the store requires these handling steps before resolving: " + words};
    }
  }
  complaint.status = CaseStatus::kResolved;
  complaint.resolution = resolution;
  complaint.resolution_note = std::move(note);
  complaint.resolved_at = now;
  return Ok{};
}

bool IsOverdue(const ComplaintCase& complaint, Instant now) {
  return complaint.status != CaseStatus::kResolved && now > complaint.deadline_at;
}

bool ResolvedWithinDeadline(const ComplaintCase& complaint) {
  return complaint.resolved_at && *complaint.resolved_at <= complaint.deadline_at;
}

bool Escalate(ComplaintCase& complaint, const CaseRules& rules, Instant now) {
  if (complaint.status == CaseStatus::kResolved || now < complaint.deadline_at || complaint.escalated_at) {
    return false;
  }
  const std::string manager = ManagerOf(rules, complaint.owner);
  complaint.escalated_from = complaint.owner;
  // The owner's manager takes it; a store manager who owns it already keeps it, marked escalated.
  complaint.owner = manager;
  complaint.escalated_at = now;
  return true;
}

}  // namespace careloop::surveys::domain
