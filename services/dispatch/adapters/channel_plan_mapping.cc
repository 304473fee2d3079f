#include "services/dispatch/adapters/channel_plan_mapping.h"

#include <algorithm>
#include <cctype>

#include "common/events/proto_event.h"

namespace careloop::dispatch::adapters {
namespace {

namespace common_pb = careloop::common::v1;
namespace reminder_pb = careloop::reminder::v1;
namespace pb = careloop::dispatch::v1;

constexpr std::string_view kKindPrefix = "REMINDER_KIND_";

std::string StepField(int index, std::string_view name) {
  return "channel_plan.steps[" + std::to_string(index) + "]." + std::string(name);
}

pb::TaskAssignee AssigneeToProto(domain::StepAssignee assignee) {
  switch (assignee) {
    case domain::StepAssignee::kCareCentre: return pb::TASK_ASSIGNEE_CARE_CENTRE;
    case domain::StepAssignee::kAssignedAdvisor: return pb::TASK_ASSIGNEE_ASSIGNED_ADVISOR;
    case domain::StepAssignee::kSalesConsultant: return pb::TASK_ASSIGNEE_SALES_CONSULTANT;
    case domain::StepAssignee::kCaseOwner: return pb::TASK_ASSIGNEE_CASE_OWNER;
  }
  return pb::TASK_ASSIGNEE_UNSPECIFIED;
}

std::optional<domain::StepAssignee> AssigneeFromProto(int assignee) {
  switch (assignee) {
    case pb::TASK_ASSIGNEE_UNSPECIFIED:
    case pb::TASK_ASSIGNEE_CARE_CENTRE: return domain::StepAssignee::kCareCentre;
    case pb::TASK_ASSIGNEE_ASSIGNED_ADVISOR: return domain::StepAssignee::kAssignedAdvisor;
    case pb::TASK_ASSIGNEE_SALES_CONSULTANT: return domain::StepAssignee::kSalesConsultant;
    case pb::TASK_ASSIGNEE_CASE_OWNER: return domain::StepAssignee::kCaseOwner;
    default: return std::nullopt;
  }
}

std::optional<domain::StepChannel> StepChannelFromProto(int channel) {
  switch (channel) {
    case common_pb::CHANNEL_SMS: return domain::StepChannel::kSms;
    case common_pb::CHANNEL_WECHAT: return domain::StepChannel::kWeChat;
    case common_pb::CHANNEL_PHONE_CALL: return domain::StepChannel::kPhoneCall;
    case common_pb::CHANNEL_FACE_TO_FACE: return domain::StepChannel::kFaceToFace;
    default: return std::nullopt;
  }
}

}  // namespace

common_pb::Channel ChannelToProto(std::string_view word) {
  if (word == "wechat") {
    return common_pb::CHANNEL_WECHAT;
  }
  if (word == "call") {
    return common_pb::CHANNEL_PHONE_CALL;
  }
  if (word == "face") {
    return common_pb::CHANNEL_FACE_TO_FACE;
  }
  return common_pb::CHANNEL_SMS;
}

std::string ChannelFromProto(common_pb::Channel channel) {
  switch (channel) {
    case common_pb::CHANNEL_WECHAT: return "wechat";
    case common_pb::CHANNEL_PHONE_CALL: return "call";
    case common_pb::CHANNEL_FACE_TO_FACE: return "face";
    default: return "sms";
  }
}

std::string KindWord(reminder_pb::ReminderKind kind) {
  if (kind == reminder_pb::REMINDER_KIND_UNSPECIFIED || !reminder_pb::ReminderKind_IsValid(kind)) {
    return {};
  }
  std::string word = reminder_pb::ReminderKind_Name(kind).substr(kKindPrefix.size());
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
  return word;
}

reminder_pb::ReminderKind KindFromWord(std::string_view word) {
  std::string name(kKindPrefix);
  std::transform(word.begin(), word.end(), std::back_inserter(name),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  reminder_pb::ReminderKind kind = reminder_pb::REMINDER_KIND_UNSPECIFIED;
  return reminder_pb::ReminderKind_Parse(name, &kind) ? kind : reminder_pb::REMINDER_KIND_UNSPECIFIED;
}

pb::ChannelPlan ToProto(const domain::ChannelPlan& plan) {
  pb::ChannelPlan out;
  out.set_channel_plan_id(plan.plan_id);
  out.set_store_id(plan.store_id);
  out.set_display_name(plan.display_name);
  for (const auto& step : plan.steps) {
    auto* added = out.add_steps();
    added->set_channel(ChannelToProto(domain::StepChannelWord(step.channel)));
    added->set_fallback_after_minutes(step.fallback_after_minutes);
    if (domain::IsStaffStep(step.channel)) {
      added->set_assignee(AssigneeToProto(step.assignee));
    }
  }
  for (const auto& kind : plan.kinds) {
    out.add_default_for_kinds(KindFromWord(kind));
  }
  if (plan.updated_at.time_since_epoch().count() != 0) {
    *out.mutable_updated_at() = events::ToTimestamp(plan.updated_at);
  }
  return out;
}

Result<domain::ChannelPlan> PlanFromProto(const pb::ChannelPlan& plan) {
  domain::ChannelPlan out;
  out.plan_id = plan.channel_plan_id();
  out.store_id = plan.store_id();
  out.display_name = plan.display_name();
  for (int i = 0; i < plan.steps_size(); ++i) {
    const pb::ChannelStep& step = plan.steps(i);
    const auto channel = StepChannelFromProto(step.channel());
    if (!channel) {
      return InvalidArgument(StepField(i, "channel"),
                             "must be SMS, WECHAT, PHONE_CALL or FACE_TO_FACE, got " + std::to_string(step.channel()));
    }
    const auto assignee = AssigneeFromProto(step.assignee());
    if (!assignee) {
      return InvalidArgument(StepField(i, "assignee"), "unknown assignee " + std::to_string(step.assignee()));
    }
    out.steps.push_back({*channel, step.fallback_after_minutes(), *assignee});
  }
  for (int i = 0; i < plan.default_for_kinds_size(); ++i) {
    const std::string word = KindWord(plan.default_for_kinds(i));
    if (word.empty()) {
      return InvalidArgument("channel_plan.default_for_kinds[" + std::to_string(i) + "]",
                             "must be a reminder kind, got " + std::to_string(plan.default_for_kinds(i)));
    }
    out.kinds.push_back(word);
  }
  return out;
}

}  // namespace careloop::dispatch::adapters
