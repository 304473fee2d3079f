#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/app/case_intake.h"
#include "services/surveys/app/case_ports.h"
#include "services/surveys/domain/complaint_case.h"

namespace careloop::surveys::app {

/// A case opened by hand (a phone call, a walk-in, the manufacturer).
struct OpenCaseCommand final {
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;
  std::string visit_id;
  std::optional<domain::CaseSeverity> severity;  ///< unset: minor
  std::optional<domain::CaseSource> source;
  std::string owner;                   ///< empty: chosen by the store's rules
  std::optional<Instant> deadline_at;  ///< unset: the store's SLA for the severity
  std::vector<domain::SurveyItem> items;
  std::string summary;
  std::string advisor;
  std::string request_id;  ///< idempotency key: the same request opens one case
};

/// A step done and/or owner, deadline, severity changed.
struct UpdateCaseCommand final {
  std::string case_id;
  std::optional<domain::CaseStep> step;  ///< staff_id defaults to the caller, done_at to now
  std::optional<std::string> owner;
  std::optional<Instant> deadline_at;
  std::optional<domain::CaseSeverity> severity;
  std::string request_id;
};

/// Filter of ListCases; at least a store or a customer.
struct CaseFilter final {
  std::string store_id;
  std::string customer_id;
  std::string owner;
  std::optional<domain::CaseStatus> status;
  bool overdue_only = false;
};

/// A call task completed with the outcome "complaint" (dispatch's CallTaskCompleted).
struct CallComplaint final {
  std::string call_task_id;
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;
  std::string survey_id;
  std::string completed_by;
};

/// Complaint handling (issue 11, item 4): opening cases (from a dissatisfied answer, a call, or by
/// hand), the GREAT-FUN steps, resolving with the customer's answer about the fix, and escalating
/// late cases. Every caller is held to the case's store.
class CasesApp final : public CaseIntake {
 public:
  /// `rules` per store id; a store without an entry uses the default CaseRules with its manager.
  CasesApp(CaseRepository& repository, const clock::Clock& clock, const config::StoreCatalog& stores,
           std::map<std::string, domain::CaseRules> rules);

  [[nodiscard]] Result<std::string> OpenForAnswer(const DissatisfiedAnswer& answer) override;

  [[nodiscard]] Result<domain::ComplaintCase> Open(const auth::Principal& caller, const OpenCaseCommand& command);
  [[nodiscard]] Result<domain::ComplaintCase> Get(const auth::Principal& caller, const std::string& case_id);
  /// Matching cases, earliest deadline first.
  [[nodiscard]] Result<std::vector<domain::ComplaintCase>> List(const auth::Principal& caller,
                                                                const CaseFilter& filter);
  [[nodiscard]] Result<domain::ComplaintCase> Update(const auth::Principal& caller, const UpdateCaseCommand& command);
  /// Resolves with the customer's answer whether the fix satisfies them (recorded as the
  /// resolution); refused while the store's required steps are missing.
  [[nodiscard]] Result<domain::ComplaintCase> Resolve(const auth::Principal& caller, const std::string& case_id,
                                                      std::optional<domain::CaseResolution> resolution,
                                                      const std::string& note, const std::string& request_id);

  /// A call that ended in a complaint opens a case, once per call task.
  [[nodiscard]] Status OnCallComplaint(const CallComplaint& call);
  /// The case's follow-up timer fired: at or after the deadline an unresolved case is escalated to
  /// the owner's manager (once); before it nothing changes here (the owner's reminder is a
  /// dispatch call task).
  [[nodiscard]] Status OnFollowUpDue(const std::string& case_id);

  [[nodiscard]] domain::CaseRules RulesOf(const std::string& store_id) const;

 private:
  Result<domain::ComplaintCase> OpenOnce(domain::ComplaintCase complaint);
  Result<domain::ComplaintCase> Authorized(const auth::Principal& caller, const std::string& case_id);

  CaseRepository& repository_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  std::map<std::string, domain::CaseRules> rules_;
};

}  // namespace careloop::surveys::app
