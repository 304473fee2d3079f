#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::domain {

/// A channel a plan step uses. WeChat and SMS are messages; a phone call and a face-to-face
/// contact are staff tasks and end the plan (nothing can follow a person's own contact).
enum class StepChannel { kWeChat, kSms, kPhoneCall, kFaceToFace };

/// "wechat", "sms", "call", "face": the channel word of the step's message id
/// (MessageIdFor(cause, occurrence, word)) and of the ledger's Message::channel.
[[nodiscard]] std::string_view StepChannelWord(StepChannel channel);
[[nodiscard]] std::optional<StepChannel> ParseStepChannel(std::string_view word);
[[nodiscard]] bool IsStaffStep(StepChannel channel);

/// Who a staff step's task goes to (dispatch.v1.TaskAssignee).
enum class StepAssignee { kCareCentre, kAssignedAdvisor, kSalesConsultant, kCaseOwner };

/// One step of a plan: the channel, and how long to wait for a delivery receipt before the
/// next step (0: the next step only when this one fails or cannot be used).
struct PlanStep final {
  StepChannel channel = StepChannel::kSms;
  int fallback_after_minutes = 0;
  StepAssignee assignee = StepAssignee::kCareCentre;
};

/// An ordered channel plan (触达方案) with fallback, e.g. WeChat first, SMS when the customer
/// does not follow the account, the WeChat send fails or no receipt comes within 60 minutes,
/// and a call task from the care desk when the SMS was not delivered either.
struct ChannelPlan final {
  std::string plan_id;
  std::string store_id;  ///< empty: the group-wide plan (built-in plans are group-wide)
  std::string display_name;
  std::vector<PlanStep> steps;
  std::vector<std::string> kinds;  ///< care kinds (PlanKindWords) using it by default in its store
  Instant updated_at{};
  bool built_in = false;  ///< one of DefaultPlans() (not stored, cannot be replaced)
};

/// The longest a step may wait for its receipt before falling back: 7 days.
inline constexpr int kMaxFallbackMinutes = 7 * 24 * 60;

/// The call-first plan reminders name (ReminderDue.channel_plan_id) for the 准流失 win-back and
/// the no-show follow-up: one step, a call task for the car's service advisor.
inline constexpr std::string_view kCallFirstPlanId = "call_task";
/// The plan of the 3-day call after a delivery (the sales survey, SurveyIssued of kind
/// SALES_DELIVERY): one step, a call task for the store's care desk.
inline constexpr std::string_view kCareDeskCallPlanId = "care_desk_call";
/// Built-in plan ids are "default_<kind>", kCallFirstPlanId and kCareDeskCallPlanId; stored plans
/// may not use them.
inline constexpr std::string_view kDefaultPlanPrefix = "default_";

/// The care kinds a plan can be the default for: every reminder kind of the reminders service
/// (maintenance ×3, renewal, warranty, inspection, birthday, holiday, campaign, seasonal check,
/// win-back, appointment ×3, survey invitation, case follow-up), by their contract words.
[[nodiscard]] const std::vector<std::string>& PlanKindWords();
/// The plan kind word of a care kind (its CareKindName).
[[nodiscard]] std::string PlanKindOf(CareKind kind);

/// The built-in plans: one "default_<kind>" per plan kind, and the call-first plan. See
/// docs/dispatch.md "Channel plans" for the table.
[[nodiscard]] const std::vector<ChannelPlan>& DefaultPlans();
/// The built-in plan with this id, if any.
[[nodiscard]] const ChannelPlan* FindDefaultPlan(std::string_view plan_id);
/// The built-in default plan of a kind word (every PlanKindWords entry has one).
[[nodiscard]] const ChannelPlan& DefaultPlanFor(std::string_view kind_word);

/// Checks a plan a store wants to save; errors name the field, e.g.
/// `channel_plan.steps[2].channel`: no steps, a channel used twice (the fallback would loop),
/// a step after a staff step, a wait out of range or on a step nothing follows, an assignee
/// on a message step, an unknown or repeated kind, a reserved id.
[[nodiscard]] Status ValidatePlan(const ChannelPlan& plan);

/// What a step's ledger entry says, for the walk (nullopt: the step has no entry yet).
struct StepState final {
  MessageStatus status = MessageStatus::kQueued;
  Suppression suppression = Suppression::kNone;
  Instant sent_at{};
};

/// Where a cause stands in its plan.
enum class PlanVerdict {
  kRun,   ///< `step` is the one to run now (no entry yet, or queued/deferred)
  kWait,  ///< `step` went out; its receipt may still come until `fallback_at`
  kDone,  ///< nothing more to do: delivered, sent with no fallback, stopped, or plan exhausted
};
struct PlanPosition final {
  PlanVerdict verdict = PlanVerdict::kDone;
  size_t step = 0;
  Instant fallback_at{};  ///< kWait: when the next step's check is due
  /// kRun of a step after the first: why the earlier step was left, in Chinese for staff
  /// (e.g. "微信未在60分钟内确认送达"); kDone: why the plan ended.
  std::string reason;
  bool earlier_went_out = false;  ///< kRun: an earlier step of this cause went out
};

/// The walk over a cause's plan, step by step: a delivered step ends the plan; a sent step
/// waits for its receipt until sent_at + fallback_after_minutes and is left after that (a
/// step without a wait, or the last one, ends the plan once sent); a failed step, and a step
/// the customer cannot be reached on (no consent, no contact: not a WeChat follower, no
/// mobile), are left at once; any other suppression (cap, cause gone, unknown customer,
/// merged) ends the plan. A step without an entry before a step with one was skipped (a WeChat
/// step for a customer with no openid) and is passed over. `states[i]` is step i's entry. Pure:
/// the same states give the same answer, so a replay never restarts a plan.
[[nodiscard]] PlanPosition WalkPlan(const ChannelPlan& plan, const std::vector<std::optional<StepState>>& states,
                                    Instant now);

}  // namespace careloop::dispatch::domain
