#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "careloop/dispatch/v1/message.pb.h"

namespace careloop::ctl {

/// `--steps "wechat:60,sms:1440,call@advisor"`: each step is a channel (wechat, sms, call,
/// face), optionally ":<minutes>" to wait for a delivery receipt before the next step, and for
/// call/face "@<assignee>" (advisor, sales, care_centre, case_owner). UsageError naming --steps
/// for anything else; the service checks the plan itself (loops, steps after a call…).
[[nodiscard]] std::vector<careloop::dispatch::v1::ChannelStep> ParseStepsFlag(std::string_view text);

/// A plan's steps as `--steps` takes them, e.g. "wechat:120,sms:1440,call@advisor".
[[nodiscard]] std::string StepsText(const careloop::dispatch::v1::ChannelPlan& plan);

/// The plans as a table: PLAN, SCOPE (built-in, group or the store), NAME, STEPS, DEFAULT FOR.
[[nodiscard]] std::string PlansTable(const std::vector<careloop::dispatch::v1::ChannelPlan>& plans);

}  // namespace careloop::ctl
