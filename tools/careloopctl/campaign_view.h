#pragma once

#include <string>
#include <utility>

#include "careloop/reminder/v1/reminder.pb.h"
#include "common/base/time.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {

// How a campaign reads in a terminal and in --json, and the campaign flags that need parsing;
// the commands live in commands_campaign.cc.

/// "09:00-20:00" → start and end; UsageError for anything else (end must follow start).
[[nodiscard]] std::pair<TimeOfDay, TimeOfDay> WindowFlag(const std::string& text);

/// The campaign as scripts read it: {"campaign_id", "store_id", "display_name", "kind",
/// "status", "holiday", "year", "send_date", "window", "audience", "due", "sent",
/// "suppressed", "failed", "cancelled", ...}, enum values as the CLI's words.
[[nodiscard]] Json CampaignJson(const careloop::reminder::v1::Campaign& campaign);

/// The campaign as key/value lines, progress included.
[[nodiscard]] std::string CampaignFields(const careloop::reminder::v1::Campaign& campaign);

}  // namespace careloop::ctl
