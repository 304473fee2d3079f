#pragma once

#include <string>
#include <string_view>

#include "careloop/dispatch/v1/message.pb.h"
#include "common/base/error.h"
#include "services/dispatch/domain/channel_plan.h"

namespace careloop::dispatch::adapters {

/// A ledger channel word ("sms", "wechat", "call", "face") ⇄ common.v1.Channel.
[[nodiscard]] careloop::common::v1::Channel ChannelToProto(std::string_view word);
[[nodiscard]] std::string ChannelFromProto(careloop::common::v1::Channel channel);

/// A reminder kind ⇄ its plan kind word ("first_maintenance", "case_follow_up"…); empty for
/// UNSPECIFIED.
[[nodiscard]] std::string KindWord(careloop::reminder::v1::ReminderKind kind);
[[nodiscard]] careloop::reminder::v1::ReminderKind KindFromWord(std::string_view word);

[[nodiscard]] careloop::dispatch::v1::ChannelPlan ToProto(const domain::ChannelPlan& plan);
/// A plan as a client sent it; errors name the field (`channel_plan.steps[1].channel`) for an
/// unknown channel, assignee or kind. The rest is checked by domain::ValidatePlan.
[[nodiscard]] Result<domain::ChannelPlan> PlanFromProto(const careloop::dispatch::v1::ChannelPlan& plan);

}  // namespace careloop::dispatch::adapters
