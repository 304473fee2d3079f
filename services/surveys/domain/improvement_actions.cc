#include "services/surveys/domain/improvement_actions.h"

#include "services/surveys/domain/csi_figures.h"

namespace careloop::surveys::domain {

const char* ActionStatusName(ActionStatus status) {
  switch (status) {
    case ActionStatus::kOpen: return "open";
    case ActionStatus::kDone: return "done";
    case ActionStatus::kVerified: return "verified";
    case ActionStatus::kCancelled: return "cancelled";
  }
  return "open";
}

Status ValidateNewAction(const ImprovementAction& action, Date today) {
  if (action.store_id.empty()) {
    return InvalidArgument("action.store_id", "is required");
  }
  if (!IsKnownItem(static_cast<int>(action.item))) {
    return InvalidArgument(
        "action.item", "unknown item " + std::to_string(static_cast<int>(action.item)) + " (a SurveyItem is required)");
  }
  if (action.description.empty()) {
    return InvalidArgument("action.description", "is required: what will be done");
  }
  if (action.owner.empty()) {
    return InvalidArgument("action.owner", "is required: the staff id who owns the action");
  }
  if (!action.due_date.IsValid()) {
    return InvalidArgument("action.due_date", "is required (a valid date)");
  }
  if (action.due_date < today) {
    return InvalidArgument("action.due_date",
                           action.due_date.ToString() + " is in the past (today is " + today.ToString() + ")");
  }
  if (action.baseline_score < 0 || action.baseline_score > 10) {
    return InvalidArgument("action.baseline_score", "must be 0 to 10");
  }
  if (action.target_score < 0 || action.target_score > 10) {
    return InvalidArgument("action.target_score", "must be 0 to 10");
  }
  if (action.target_score > 0 && action.baseline_score > 0 && action.target_score <= action.baseline_score) {
    return InvalidArgument("action.target_score", "must be above the baseline score");
  }
  if (action.period_from.IsSet() != action.period_to.IsSet()) {
    return InvalidArgument("action.period", "needs both a start and an end date, or neither");
  }
  if (action.period_from.IsSet() &&
      (!action.period_from.IsValid() || !action.period_to.IsValid() || action.period_to < action.period_from)) {
    return InvalidArgument("action.period.end_date", "is before the start date or not a valid date");
  }
  return Ok{};
}

Status CheckTransition(ActionStatus from, ActionStatus to, const std::string& check_note) {
  if (from == to) {
    return Ok{};
  }
  const bool forward =
      (from == ActionStatus::kOpen && (to == ActionStatus::kDone || to == ActionStatus::kCancelled)) ||
      (from == ActionStatus::kDone && (to == ActionStatus::kVerified || to == ActionStatus::kCancelled));
  if (!forward) {
    return Error{ErrorCode::kFailedPrecondition, "action.status",
                 std::string("cannot go from ") + ActionStatusName(from) + " to " + ActionStatusName(to) +
                     " (open → done → verified; open or done → cancelled)"};
  }
  if (to == ActionStatus::kVerified && check_note.empty()) {
    return InvalidArgument("action.check_note", "is required to verify: how the effect was checked and the result");
  }
  return Ok{};
}

}  // namespace careloop::surveys::domain
