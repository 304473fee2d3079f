#pragma once

#include <optional>
#include <string>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/surveys/domain/survey_items.h"

// Improvement actions (整改措施): what a store does about an item that fell short, who owns it,
// by when, and how its effect was checked.
namespace careloop::surveys::domain {

/// Open → done → verified; open or done → cancelled. Never backwards.
enum class ActionStatus { kOpen, kDone, kVerified, kCancelled };

struct ImprovementAction final {
  std::string action_id;
  std::string store_id;
  SurveyItem item = SurveyItem::kUnspecified;
  std::string advisor;  ///< empty: the whole store's action
  std::string description;
  std::string owner;
  Date due_date;
  ActionStatus status = ActionStatus::kOpen;
  std::string check_note;  ///< how and by whom the effect was checked, and the result
  Date period_from;        ///< the report period that revealed the shortfall (optional)
  Date period_to;
  double baseline_score = 0;  ///< the item's average in that period (0: not given)
  double target_score = 0;    ///< the average aimed at (0: not given)
  Instant created_at{};
  std::optional<Instant> done_at;
  std::optional<Instant> verified_at;
};

/// A new action's fields: a known item, a description and an owner, a due date not before
/// `today` (the store's), scores within 0-10 with the target above the baseline, a period whose
/// end is not before its start. Errors name the field as the API knows it ("action.due_date").
[[nodiscard]] Status ValidateNewAction(const ImprovementAction& action, Date today);

/// Whether `from` may become `to`: Ok for the same status (no change) and the forward steps;
/// FAILED_PRECONDITION naming "action.status" for a step backwards or out of a final status.
/// Verifying needs a check note (the result of the check).
[[nodiscard]] Status CheckTransition(ActionStatus from, ActionStatus to, const std::string& check_note);

/// "open", "done", "verified", "cancelled".
[[nodiscard]] const char* ActionStatusName(ActionStatus status);

}  // namespace careloop::surveys::domain
