#include "services/dispatch/domain/channel_plan.h"

#include <algorithm>
#include <chrono>
#include <set>

namespace careloop::dispatch::domain {
namespace {

std::string StepField(size_t index, std::string_view name) {
  return "channel_plan.steps[" + std::to_string(index) + "]." + std::string(name);
}

PlanStep WeChat(int wait) {
  return {StepChannel::kWeChat, wait, StepAssignee::kCareCentre};
}
PlanStep Sms(int wait) {
  return {StepChannel::kSms, wait, StepAssignee::kCareCentre};
}
PlanStep Call(StepAssignee assignee) {
  return {StepChannel::kPhoneCall, 0, assignee};
}

ChannelPlan BuiltIn(std::string id, std::string name, std::vector<PlanStep> steps, std::vector<std::string> kinds) {
  ChannelPlan plan;
  plan.plan_id = std::move(id);
  plan.display_name = std::move(name);
  plan.steps = std::move(steps);
  plan.kinds = std::move(kinds);
  plan.built_in = true;
  return plan;
}

// One row per kind: its Chinese name and its steps (docs/dispatch.md "Channel plans").
struct DefaultRow final {
  const char* kind;
  const char* name;
  std::vector<PlanStep> steps;
};

std::vector<DefaultRow> DefaultRows() {
  // Care that matters (maintenance, renewal, warranty, inspection, win-back, no-show): WeChat,
  // SMS after 2 hours without a receipt, a call only when the SMS was not delivered at all (it
  // failed, its receipt says undelivered, or the customer has no SMS contact). An SMS whose
  // receipt is merely late is not a call: a receipt pipeline that stops would otherwise turn
  // every text of the store into a task for its advisors.
  // Greetings and campaigns never become a staff call. An appointment confirmation falls back
  // after 10 minutes: the customer just booked and waits for it. A complaint case's follow-up
  // is the case owner's call.
  const auto care = [](StepAssignee who) { return std::vector<PlanStep>{WeChat(120), Sms(0), Call(who)}; };
  const std::vector<PlanStep> greeting{WeChat(60), Sms(0)};
  return {
      {"first_maintenance", "首保提醒", care(StepAssignee::kAssignedAdvisor)},
      {"second_maintenance", "二保提醒", care(StepAssignee::kAssignedAdvisor)},
      {"regular_maintenance", "定保提醒", care(StepAssignee::kAssignedAdvisor)},
      {"insurance_renewal", "续保提醒", care(StepAssignee::kCareCentre)},
      {"warranty_expiry", "质保到期提醒", care(StepAssignee::kAssignedAdvisor)},
      {"annual_inspection", "年检提醒", care(StepAssignee::kCareCentre)},
      {"birthday", "生日关怀", greeting},
      {"holiday_greeting", "节日问候", greeting},
      {"campaign", "营销活动", greeting},
      {"seasonal_check", "季节检测活动", greeting},
      {"win_back", "流失召回", care(StepAssignee::kAssignedAdvisor)},
      {"appointment_confirmation", "预约确认", {WeChat(10), Sms(0)}},
      {"appointment_day_before", "预约前一天提醒", {WeChat(60), Sms(0)}},
      {"appointment_no_show", "爽约跟进", {WeChat(60), Sms(0), Call(StepAssignee::kAssignedAdvisor)}},
      {"survey_invitation", "满意度回访邀请", {WeChat(120), Sms(0)}},
      {"case_follow_up", "投诉回访", {Call(StepAssignee::kCaseOwner)}},
  };
}

bool IdCharactersOk(std::string_view id) {
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
}

}  // namespace

std::string_view StepChannelWord(StepChannel channel) {
  switch (channel) {
    case StepChannel::kWeChat: return "wechat";
    case StepChannel::kSms: return "sms";
    case StepChannel::kPhoneCall: return "call";
    case StepChannel::kFaceToFace: return "face";
  }
  return "unknown";
}

std::optional<StepChannel> ParseStepChannel(std::string_view word) {
  for (StepChannel channel :
       {StepChannel::kWeChat, StepChannel::kSms, StepChannel::kPhoneCall, StepChannel::kFaceToFace}) {
    if (StepChannelWord(channel) == word) {
      return channel;
    }
  }
  return std::nullopt;
}

bool IsStaffStep(StepChannel channel) {
  return channel == StepChannel::kPhoneCall || channel == StepChannel::kFaceToFace;
}

const std::vector<std::string>& PlanKindWords() {
  static const std::vector<std::string> kWords = [] {
    std::vector<std::string> words;
    for (const auto& row : DefaultRows()) {
      words.emplace_back(row.kind);
    }
    return words;
  }();
  return kWords;
}

std::string PlanKindOf(CareKind kind) {
  return std::string(CareKindName(kind));
}

const std::vector<ChannelPlan>& DefaultPlans() {
  static const std::vector<ChannelPlan> kPlans = [] {
    std::vector<ChannelPlan> plans;
    for (auto& row : DefaultRows()) {
      plans.push_back(BuiltIn(std::string(kDefaultPlanPrefix) + row.kind, row.name, row.steps, {row.kind}));
    }
    plans.push_back(BuiltIn(std::string(kCallFirstPlanId), "顾问电话优先", {Call(StepAssignee::kAssignedAdvisor)}, {}));
    plans.push_back(
        BuiltIn(std::string(kCareDeskCallPlanId), "客服专员电话回访", {Call(StepAssignee::kCareCentre)}, {}));
    return plans;
  }();
  return kPlans;
}

const ChannelPlan* FindDefaultPlan(std::string_view plan_id) {
  const auto& plans = DefaultPlans();
  const auto found =
      std::find_if(plans.begin(), plans.end(), [&](const auto& plan) { return plan.plan_id == plan_id; });
  return found == plans.end() ? nullptr : &*found;
}

const ChannelPlan& DefaultPlanFor(std::string_view kind_word) {
  if (const ChannelPlan* plan = FindDefaultPlan(std::string(kDefaultPlanPrefix) + std::string(kind_word))) {
    return *plan;
  }
  return *FindDefaultPlan(std::string(kDefaultPlanPrefix) + "campaign");  // unreachable for PlanKindWords
}

Status ValidatePlan(const ChannelPlan& plan) {
  if (!plan.plan_id.empty()) {
    if (plan.plan_id.size() > 64 || !IdCharactersOk(plan.plan_id)) {
      return InvalidArgument("channel_plan.channel_plan_id", "must be 1-64 letters, digits, '_', '-' or '.'");
    }
    if (plan.plan_id == kCallFirstPlanId || plan.plan_id == kCareDeskCallPlanId ||
        plan.plan_id.starts_with(kDefaultPlanPrefix)) {
      return InvalidArgument("channel_plan.channel_plan_id",
                             "'" + plan.plan_id + "' is a built-in plan's id; give the store's plan its own id");
    }
  }
  if (plan.display_name.empty()) {
    return InvalidArgument("channel_plan.display_name", "is required (staff pick plans by it)");
  }
  if (plan.steps.empty()) {
    return InvalidArgument("channel_plan.steps", "a plan needs at least one step");
  }
  std::set<StepChannel> used;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    if (i > 0 && IsStaffStep(plan.steps[i - 1].channel)) {
      return InvalidArgument(StepField(i, "channel"), "a staff step (call or face-to-face) ends the plan; step " +
                                                          std::to_string(i - 1) + " is one, so nothing may follow it");
    }
    if (!used.insert(step.channel).second) {
      return InvalidArgument(StepField(i, "channel"), "'" + std::string(StepChannelWord(step.channel)) +
                                                          "' is used by an earlier step: the fallback would loop");
    }
    if (step.fallback_after_minutes < 0 || step.fallback_after_minutes > kMaxFallbackMinutes) {
      return InvalidArgument(StepField(i, "fallback_after_minutes"),
                             "must be 0 to " + std::to_string(kMaxFallbackMinutes) + " (7 days), got " +
                                 std::to_string(step.fallback_after_minutes));
    }
    if (step.fallback_after_minutes > 0 && i + 1 == plan.steps.size()) {
      return InvalidArgument(StepField(i, "fallback_after_minutes"),
                             "the last step has no next step to fall back to; use 0");
    }
    if (!IsStaffStep(step.channel) && step.assignee != StepAssignee::kCareCentre) {
      return InvalidArgument(StepField(i, "assignee"), "only a call or face-to-face step has an assignee");
    }
  }
  std::set<std::string> kinds;
  const auto& known = PlanKindWords();
  for (size_t i = 0; i < plan.kinds.size(); ++i) {
    const std::string field = "channel_plan.default_for_kinds[" + std::to_string(i) + "]";
    if (std::find(known.begin(), known.end(), plan.kinds[i]) == known.end()) {
      return InvalidArgument(field, "'" + plan.kinds[i] + "' is not a care kind");
    }
    if (!kinds.insert(plan.kinds[i]).second) {
      return InvalidArgument(field, "'" + plan.kinds[i] + "' is listed twice");
    }
  }
  return Ok{};
}

PlanPosition WalkPlan(const ChannelPlan& plan, const std::vector<std::optional<StepState>>& states, Instant now) {
  std::string reason;
  bool went_out = false;
  // A step without an entry before one that has an entry was skipped (its channel was no way to
  // reach the customer then): a replay never goes back to it.
  size_t last_recorded = 0;
  for (size_t i = 0; i < states.size() && i < plan.steps.size(); ++i) {
    if (states[i]) {
      last_recorded = i;
    }
  }
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    const std::optional<StepState> state = i < states.size() ? states[i] : std::nullopt;
    if (!state && i < last_recorded) {
      continue;
    }
    const std::string channel_name = step.channel == StepChannel::kWeChat ? "微信" : "短信";
    if (!state || state->status == MessageStatus::kQueued || state->status == MessageStatus::kDeferred) {
      return {PlanVerdict::kRun, i, {}, reason, went_out};
    }
    const bool last = i + 1 == plan.steps.size();
    switch (state->status) {
      case MessageStatus::kDelivered: return {PlanVerdict::kDone, i, {}, "已送达", went_out};
      case MessageStatus::kSent: {
        went_out = true;
        if (step.fallback_after_minutes == 0 || last) {
          return {PlanVerdict::kDone, i, {}, "已发送", went_out};
        }
        const Instant fallback_at = state->sent_at + std::chrono::minutes{step.fallback_after_minutes};
        if (now < fallback_at) {
          return {PlanVerdict::kWait, i, fallback_at, {}, went_out};
        }
        reason = channel_name + "未在" + std::to_string(step.fallback_after_minutes) + "分钟内确认送达";
        continue;
      }
      case MessageStatus::kFailed: reason = channel_name + "发送失败"; continue;
      case MessageStatus::kSuppressed:
        if (state->suppression == Suppression::kNoConsent || state->suppression == Suppression::kNoContact) {
          reason = state->suppression == Suppression::kNoConsent ? "客户未同意" + channel_name + "联系"
                                                                 : "客户无法通过" + channel_name + "联系";
          continue;
        }
        return {
            PlanVerdict::kDone, i, {}, "未发送（" + std::string(SuppressionName(state->suppression)) + "）", went_out};
      case MessageStatus::kQueued:
      case MessageStatus::kDeferred: break;  // handled above
    }
  }
  return {PlanVerdict::kDone, plan.steps.empty() ? 0 : plan.steps.size() - 1, {}, "方案已用尽：" + reason, went_out};
}

}  // namespace careloop::dispatch::domain
