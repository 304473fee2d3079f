#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/surveys/domain/survey_items.h"

// Complaint cases (投诉/抱怨): who owns one, by when it must be resolved, the GREAT-FUN handling
// steps and when a case may be resolved. Pure rules; the store's rules come in as CaseRules.
namespace careloop::surveys::domain {

enum class CaseSeverity { kMinor, kMajor };
enum class CaseStatus { kOpen, kInProgress, kResolved };
enum class CaseSource { kSurvey, kPhone, kWalkIn, kManufacturer, kMessageReply };
/// The GREAT-FUN steps, in the recommended order.
enum class HandlingStep { kGetFacts, kTakeResponsibility, kEmpathise, kAgreeSolution, kThankCustomer, kFollowUp };
/// How a case ended: the customer's answer to "are you satisfied with how it was fixed?".
enum class CaseResolution { kCustomerSatisfied, kCustomerUnsatisfied, kWithdrawn };

/// All six steps, in order.
[[nodiscard]] std::vector<HandlingStep> AllHandlingSteps();
/// The step's config/CLI word (`get_facts` …) and back.
[[nodiscard]] std::string StepWord(HandlingStep step);
[[nodiscard]] std::optional<HandlingStep> StepFromWord(const std::string& word);

/// A store's rules for complaint cases.
struct CaseRules final {
  int minor_deadline_hours = 72;                   ///< SLA of an ordinary complaint (抱怨)
  int major_deadline_hours = 24;                   ///< SLA of a major complaint (重大抱怨)
  std::string manager = "store_manager";           ///< the store manager: escalation target of last resort
  std::string complaint_owner;                     ///< owner of a case about nobody in particular; empty: the manager
  std::map<std::string, std::string> managers_of;  ///< staff directory: staff id → their manager
  std::vector<HandlingStep> required_steps = AllHandlingSteps();  ///< done before a case may be resolved
};

/// One handling step done, with who and when.
struct CaseStep final {
  HandlingStep step = HandlingStep::kGetFacts;
  std::string note;  ///< internal, never published
  std::string staff_id;
  Instant done_at{};
};

/// A complaint case.
struct ComplaintCase final {
  std::string case_id;
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;
  std::string survey_id;
  std::string visit_id;
  CaseSeverity severity = CaseSeverity::kMinor;
  CaseStatus status = CaseStatus::kOpen;
  std::string owner;
  Instant deadline_at{};
  Instant opened_at{};
  std::optional<Instant> resolved_at;
  CaseSource source = CaseSource::kPhone;
  std::vector<SurveyItem> items;
  std::string summary;  ///< internal, never published
  std::vector<CaseStep> steps;
  std::optional<CaseResolution> resolution;
  std::string resolution_note;          ///< internal, never published
  std::string advisor;                  ///< staff id the complaint is about, if any
  std::optional<Instant> escalated_at;  ///< when a late case went to the owner's manager
  std::string escalated_from;           ///< the owner before the escalation
};

/// The manager of `staff_id` in the store's directory; the store manager for staff not listed.
[[nodiscard]] std::string ManagerOf(const CaseRules& rules, const std::string& staff_id);
/// Who owns a new case: the manager of the advisor or consultant concerned, else the store's
/// complaint owner (the manager when none is set).
[[nodiscard]] std::string ChooseOwner(const CaseRules& rules, const std::string& advisor);
/// The SLA deadline of a case opened at `opened_at`: `hours` when positive (a survey
/// template's own), else the store's hours for the severity.
[[nodiscard]] Instant DeadlineOf(const CaseRules& rules, CaseSeverity severity, Instant opened_at, int hours = 0);

/// Checks a new case: customer and store named, the deadline after the opening.
[[nodiscard]] Status CheckNewCase(const ComplaintCase& complaint);

/// Records a handling step; the first one puts an open case in progress. Refused on a
/// resolved case or without the staff id.
[[nodiscard]] Status RecordStep(ComplaintCase& complaint, CaseStep step);
/// Changes owner / deadline / severity (unset: unchanged). Refused on a resolved case.
[[nodiscard]] Status ChangeFields(ComplaintCase& complaint, const std::optional<std::string>& owner,
                                  std::optional<Instant> deadline_at, std::optional<CaseSeverity> severity);
/// The required steps not yet done, in order.
[[nodiscard]] std::vector<HandlingStep> MissingSteps(const ComplaintCase& complaint, const CaseRules& rules);
/// Resolves the case with the customer's answer about the fix. Refused when already resolved,
/// or naming the missing steps when the store's required steps are not all done (a withdrawn
/// complaint needs none).
[[nodiscard]] Status Resolve(ComplaintCase& complaint, const CaseRules& rules, CaseResolution resolution,
                             std::string note, Instant now);
/// True while unresolved past the deadline.
[[nodiscard]] bool IsOverdue(const ComplaintCase& complaint, Instant now);
/// True if it was (or is being) resolved by the deadline.
[[nodiscard]] bool ResolvedWithinDeadline(const ComplaintCase& complaint);
/// A late case goes to the owner's manager, once: false when it is resolved, not yet late or
/// already escalated.
[[nodiscard]] bool Escalate(ComplaintCase& complaint, const CaseRules& rules, Instant now);

}  // namespace careloop::surveys::domain
