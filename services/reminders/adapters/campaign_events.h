#pragma once

#include "common/events/router.h"
#include "services/reminders/app/campaigns_app.h"

namespace careloop::reminders::adapters {

/// Campaign progress from events: careloop.reminder.v1.ReminderDue of a campaign's reminder
/// counts it due; careloop.dispatch.v1 MessageSent / MessageSuppressed / MessageFailed (failed for
/// good) count its message sent, suppressed or failed — each once per message id. Registers on
/// `router`, which main.cc feeds from the reminder and dispatch topics.
void RouteCampaignProgress(events::Router& router, app::CampaignsApp& campaigns);

}  // namespace careloop::reminders::adapters
