#include "tools/careloopctl/plan_view.h"

#include <array>
#include <utility>

#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;
namespace cv1 = careloop::common::v1;

constexpr std::array<std::pair<std::string_view, cv1::Channel>, 4> kChannels{{
    {"wechat", cv1::CHANNEL_WECHAT},
    {"sms", cv1::CHANNEL_SMS},
    {"call", cv1::CHANNEL_PHONE_CALL},
    {"face", cv1::CHANNEL_FACE_TO_FACE},
}};
constexpr std::array<std::pair<std::string_view, dv1::TaskAssignee>, 4> kAssignees{{
    {"advisor", dv1::TASK_ASSIGNEE_ASSIGNED_ADVISOR},
    {"sales", dv1::TASK_ASSIGNEE_SALES_CONSULTANT},
    {"care_centre", dv1::TASK_ASSIGNEE_CARE_CENTRE},
    {"case_owner", dv1::TASK_ASSIGNEE_CASE_OWNER},
}};

[[noreturn]] void BadStep(std::string_view step, std::string_view why) {
  throw UsageError("--steps: '" + std::string(step) + "' " + std::string(why) +
                   " (e.g. wechat:60,sms:1440,call@advisor)");
}

bool IsDigits(std::string_view text) {
  return !text.empty() && text.size() <= 6 && text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::vector<dv1::ChannelStep> ParseStepsFlag(std::string_view text) {
  std::vector<dv1::ChannelStep> steps;
  if (text.empty()) {
    throw UsageError("--steps: give at least one step (e.g. wechat:60,sms)");
  }
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string_view step = text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    std::string_view rest = step;
    dv1::ChannelStep parsed;
    if (const size_t at = rest.find('@'); at != std::string_view::npos) {
      const std::string_view who = rest.substr(at + 1);
      const auto found = std::find_if(kAssignees.begin(), kAssignees.end(), [&](auto& a) { return a.first == who; });
      if (found == kAssignees.end()) {
        BadStep(step, "names no assignee of advisor, sales, care_centre, case_owner");
      }
      parsed.set_assignee(found->second);
      rest = rest.substr(0, at);
    }
    if (const size_t colon = rest.find(':'); colon != std::string_view::npos) {
      const std::string_view minutes = rest.substr(colon + 1);
      if (!IsDigits(minutes)) {
        BadStep(step, "waits a number of minutes after ':'");
      }
      parsed.set_fallback_after_minutes(std::stoi(std::string(minutes)));
      rest = rest.substr(0, colon);
    }
    const auto channel = std::find_if(kChannels.begin(), kChannels.end(), [&](auto& c) { return c.first == rest; });
    if (channel == kChannels.end()) {
      BadStep(step, "is not a channel of wechat, sms, call, face");
    }
    parsed.set_channel(channel->second);
    steps.push_back(parsed);
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  return steps;
}

std::string StepsText(const dv1::ChannelPlan& plan) {
  std::string text;
  for (const auto& step : plan.steps()) {
    const auto channel =
        std::find_if(kChannels.begin(), kChannels.end(), [&](auto& c) { return c.second == step.channel(); });
    text += text.empty() ? "" : ",";
    text += channel == kChannels.end() ? "?" : std::string(channel->first);
    if (step.fallback_after_minutes() > 0) {
      text += ":" + std::to_string(step.fallback_after_minutes());
    }
    const auto who =
        std::find_if(kAssignees.begin(), kAssignees.end(), [&](auto& a) { return a.second == step.assignee(); });
    if (who != kAssignees.end()) {
      text += "@" + std::string(who->first);
    }
  }
  return text;
}

std::string PlansTable(const std::vector<dv1::ChannelPlan>& plans) {
  Table table({"PLAN", "SCOPE", "NAME", "STEPS", "DEFAULT FOR"});
  for (const auto& plan : plans) {
    std::vector<std::string> kinds;
    for (const int kind : plan.default_for_kinds()) {
      kinds.push_back(ShortEnumName(
          careloop::reminder::v1::ReminderKind_Name(static_cast<careloop::reminder::v1::ReminderKind>(kind)),
          "REMINDER_KIND_"));
    }
    const bool built_in = plan.channel_plan_id() == "call_task" || plan.channel_plan_id().starts_with("default_");
    table.AddRow({plan.channel_plan_id(),
                  built_in                  ? "built-in"
                  : plan.store_id().empty() ? "group"
                                            : plan.store_id(),
                  plan.display_name(), StepsText(plan), kinds.empty() ? "-" : JoinWords(kinds, ",")});
  }
  return table.Render();
}

}  // namespace careloop::ctl
