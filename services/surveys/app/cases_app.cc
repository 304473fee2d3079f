#include "services/surveys/app/cases_app.h"

#include <algorithm>

#include "common/base/ids.h"
#include "common/log/log.h"

namespace careloop::surveys::app {

namespace {

Error CaseNotFound(const std::string& case_id) {
  return Error{ErrorCode::kNotFound, "case_id", "no complaint case '" + case_id + "'"};
}

}  // namespace

CasesApp::CasesApp(CaseRepository& repository, const clock::Clock& clock, const config::StoreCatalog& stores,
                   std::map<std::string, domain::CaseRules> rules)
    : repository_(repository), clock_(clock), stores_(stores), rules_(std::move(rules)) {}

domain::CaseRules CasesApp::RulesOf(const std::string& store_id) const {
  if (auto found = rules_.find(store_id); found != rules_.end()) {
    return found->second;
  }
  domain::CaseRules rules;
  if (const auto* store = stores_.Find(store_id)) {
    rules.manager = store->manager;
  }
  return rules;
}

Result<domain::ComplaintCase> CasesApp::OpenOnce(domain::ComplaintCase complaint) {
  if (Status valid = domain::CheckNewCase(complaint); !valid.ok()) {
    return valid.error();
  }
  if (repository_.Open(complaint)) {
    log::Info("complaint case opened",
              {{"case_id", complaint.case_id}, {"customer_id", complaint.customer_id}, {"owner", complaint.owner}});
    return complaint;
  }
  auto existing = repository_.Get(complaint.case_id);
  if (!existing) {
    return Error{ErrorCode::kUnavailable, "", "case '" + complaint.case_id + "' is being opened; try again"};
  }
  return *existing;
}

Result<std::string> CasesApp::OpenForAnswer(const DissatisfiedAnswer& answer) {
  if (answer.survey_id.empty()) {
    return InvalidArgument("survey_id", "is required");
  }
  const domain::CaseRules rules = RulesOf(answer.store_id);
  domain::ComplaintCase complaint;
  complaint.case_id = DerivedId("case-", {"survey", answer.survey_id});
  complaint.customer_id = answer.customer_id;
  complaint.store_id = answer.store_id;
  complaint.vehicle_id = answer.vehicle_id;
  complaint.visit_id = answer.visit_id;
  complaint.survey_id = answer.survey_id;
  complaint.advisor = answer.advisor;
  complaint.severity = answer.major ? domain::CaseSeverity::kMajor : domain::CaseSeverity::kMinor;
  complaint.source = domain::CaseSource::kSurvey;
  complaint.items = answer.low_items;
  complaint.summary = answer.flagged_by_staff ? "回访中客户表达不满（员工标记）" : "回访评分不满意";
  complaint.owner = domain::ChooseOwner(rules, answer.advisor);
  complaint.opened_at = clock_.Now();
  complaint.deadline_at = domain::DeadlineOf(rules, complaint.severity, complaint.opened_at, answer.deadline_hours);
  auto opened = OpenOnce(std::move(complaint));
  if (!opened.ok()) {
    return opened.error();
  }
  return opened->case_id;
}

Result<domain::ComplaintCase> CasesApp::Open(const auth::Principal& caller, const OpenCaseCommand& command) {
  if (command.store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  if (!stores_.IsKnown(command.store_id)) {
    return InvalidArgument("store_id", "unknown store '" + command.store_id + "'");
  }
  if (Status allowed = caller.RequireStore(command.store_id); !allowed.ok()) {
    return allowed.error();
  }
  if (!command.source) {
    return InvalidArgument("source", "is required (phone, walk_in, manufacturer, message_reply)");
  }
  if (*command.source == domain::CaseSource::kSurvey) {
    return InvalidArgument("source", "survey cases are opened by the survey's answers, not by hand");
  }
  const domain::CaseRules rules = RulesOf(command.store_id);
  domain::ComplaintCase complaint;
  complaint.case_id = command.request_id.empty()
                          ? NewRandomId("case-")
                          : DerivedId("case-", {"request", command.store_id, command.request_id});
  complaint.customer_id = command.customer_id;
  complaint.store_id = command.store_id;
  complaint.vehicle_id = command.vehicle_id;
  complaint.visit_id = command.visit_id;
  complaint.severity = command.severity.value_or(domain::CaseSeverity::kMinor);
  complaint.source = *command.source;
  complaint.items = command.items;
  complaint.summary = command.summary;
  complaint.advisor = command.advisor;
  complaint.owner = command.owner.empty() ? domain::ChooseOwner(rules, command.advisor) : command.owner;
  complaint.opened_at = clock_.Now();
  complaint.deadline_at =
      command.deadline_at.value_or(domain::DeadlineOf(rules, complaint.severity, complaint.opened_at));
  return OpenOnce(std::move(complaint));
}

Result<domain::ComplaintCase> CasesApp::Authorized(const auth::Principal& caller, const std::string& case_id) {
  if (case_id.empty()) {
    return InvalidArgument("case_id", "is required");
  }
  auto complaint = repository_.Get(case_id);
  if (!complaint) {
    return CaseNotFound(case_id);
  }
  if (Status allowed = caller.RequireStore(complaint->store_id); !allowed.ok()) {
    return allowed.error();
  }
  return *complaint;
}

Result<domain::ComplaintCase> CasesApp::Get(const auth::Principal& caller, const std::string& case_id) {
  return Authorized(caller, case_id);
}

Result<std::vector<domain::ComplaintCase>> CasesApp::List(const auth::Principal& caller, const CaseFilter& filter) {
  if (Status scope = auth::RequireListScope(caller, stores_, filter.customer_id, filter.store_id); !scope.ok()) {
    return scope.error();
  }
  auto cases = filter.customer_id.empty() ? repository_.ListByStore(filter.store_id, 5000)
                                          : repository_.ListByCustomer(filter.customer_id);
  const Instant now = clock_.Now();
  std::vector<domain::ComplaintCase> matching;
  for (auto& complaint : cases) {
    if (!caller.MayAccessStore(complaint.store_id)) {
      continue;
    }
    if ((!filter.store_id.empty() && complaint.store_id != filter.store_id) ||
        (!filter.owner.empty() && complaint.owner != filter.owner) ||
        (filter.status && complaint.status != *filter.status) ||
        (filter.overdue_only && !domain::IsOverdue(complaint, now))) {
      continue;
    }
    matching.push_back(std::move(complaint));
  }
  std::stable_sort(matching.begin(), matching.end(),
                   [](const auto& a, const auto& b) { return a.deadline_at < b.deadline_at; });
  return matching;
}

Result<domain::ComplaintCase> CasesApp::Update(const auth::Principal& caller, const UpdateCaseCommand& command) {
  auto current = Authorized(caller, command.case_id);
  if (!current.ok()) {
    return current.error();
  }
  if (!command.step && !command.owner && !command.deadline_at && !command.severity) {
    return InvalidArgument("step", "nothing to update: give a step, an owner, a deadline or a severity");
  }
  const Instant now = clock_.Now();
  return repository_.Change(
      command.case_id, command.request_id, [&](domain::ComplaintCase& complaint) -> Result<CaseChange> {
        if (Status fields = domain::ChangeFields(complaint, command.owner, command.deadline_at, command.severity);
            !fields.ok()) {
          return fields.error();
        }
        CaseChange change{CaseChange::Kind::kUpdated, std::nullopt, false, caller.name, now};
        if (command.step) {
          domain::CaseStep step = *command.step;
          if (step.staff_id.empty()) {
            step.staff_id = caller.name;
          }
          if (step.done_at == Instant{}) {
            step.done_at = now;
          }
          if (step.done_at > now) {
            return InvalidArgument("step.done_at", "must not be in the future");
          }
          change.step = step.step;
          if (Status recorded = domain::RecordStep(complaint, std::move(step)); !recorded.ok()) {
            return recorded.error();
          }
        }
        return change;
      });
}

Result<domain::ComplaintCase> CasesApp::Resolve(const auth::Principal& caller, const std::string& case_id,
                                                std::optional<domain::CaseResolution> resolution,
                                                const std::string& note, const std::string& request_id) {
  auto current = Authorized(caller, case_id);
  if (!current.ok()) {
    return current.error();
  }
  if (!resolution) {
    return InvalidArgument("resolution",
                           "is required: is the customer satisfied with the fix (satisfied, unsatisfied) or was "
                           "the complaint withdrawn");
  }
  const domain::CaseRules rules = RulesOf(current->store_id);
  const Instant now = clock_.Now();
  return repository_.Change(case_id, request_id, [&](domain::ComplaintCase& complaint) -> Result<CaseChange> {
    if (Status resolved = domain::Resolve(complaint, rules, *resolution, note, now); !resolved.ok()) {
      return resolved.error();
    }
    return CaseChange{CaseChange::Kind::kResolved, std::nullopt, false, caller.name, now};
  });
}

Status CasesApp::OnCallComplaint(const CallComplaint& call) {
  const domain::CaseRules rules = RulesOf(call.store_id);
  domain::ComplaintCase complaint;
  complaint.case_id = DerivedId("case-", {"call", call.call_task_id});
  complaint.customer_id = call.customer_id;
  complaint.store_id = call.store_id;
  complaint.vehicle_id = call.vehicle_id;
  complaint.survey_id = call.survey_id;
  complaint.source = domain::CaseSource::kPhone;
  complaint.summary = "电话回访中客户投诉";
  complaint.owner = domain::ChooseOwner(rules, "");
  complaint.opened_at = clock_.Now();
  complaint.deadline_at = domain::DeadlineOf(rules, complaint.severity, complaint.opened_at);
  auto opened = OpenOnce(std::move(complaint));
  if (!opened.ok()) {
    return opened.error();
  }
  return Ok{};
}

Status CasesApp::OnFollowUpDue(const std::string& case_id) {
  auto current = repository_.Get(case_id);
  if (!current) {
    log::Warn("follow-up for an unknown complaint case", {{"case_id", case_id}});
    return Ok{};
  }
  const domain::CaseRules rules = RulesOf(current->store_id);
  const Instant now = clock_.Now();
  auto changed = repository_.Change(case_id, "escalate", [&](domain::ComplaintCase& complaint) -> Result<CaseChange> {
    if (!domain::Escalate(complaint, rules, now)) {
      return Error{ErrorCode::kFailedPrecondition, "", "nothing to escalate"};
    }
    return CaseChange{CaseChange::Kind::kUpdated, std::nullopt, true, "careloop-surveys", now};
  });
  if (changed.ok()) {
    log::Info("complaint case escalated", {{"case_id", case_id}, {"owner", changed->owner}});
  } else if (changed.error().code != ErrorCode::kFailedPrecondition) {
    return changed.error();
  }
  return Ok{};
}

}  // namespace careloop::surveys::app
