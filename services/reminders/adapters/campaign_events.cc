#include "services/reminders/adapters/campaign_events.h"

#include "careloop/dispatch/v1/events.pb.h"
#include "careloop/reminder/v1/events.pb.h"

namespace careloop::reminders::adapters {

namespace dispatch_pb = careloop::dispatch::v1;
namespace reminder_pb = careloop::reminder::v1;

void RouteCampaignProgress(events::Router& router, app::CampaignsApp& campaigns) {
  router
      .On<reminder_pb::ReminderDue>([&campaigns](const reminder_pb::ReminderDue& due) -> Status {
        if (due.campaign_id().empty()) {
          return Ok{};
        }
        return campaigns.OnReminderDue(due.campaign_id(), due.reminder_id());
      })
      .On<dispatch_pb::MessageSent>([&campaigns](const dispatch_pb::MessageSent& sent) -> Status {
        return campaigns.OnMessageOutcome(app::CampaignOutcome::kSent, sent.message_id(), sent.campaign_id(),
                                          sent.reminder_id());
      })
      .On<dispatch_pb::MessageSuppressed>([&campaigns](const dispatch_pb::MessageSuppressed& suppressed) -> Status {
        if (suppressed.falls_back()) {
          return Ok{};  // its channel plan tries the next channel
        }
        return campaigns.OnMessageOutcome(app::CampaignOutcome::kSuppressed, suppressed.message_id(), "",
                                          suppressed.reminder_id());
      })
      .On<dispatch_pb::MessageFailed>([&campaigns](const dispatch_pb::MessageFailed& failed) -> Status {
        if (failed.retryable() || failed.falls_back()) {
          return Ok{};  // not the end of this message
        }
        return campaigns.OnMessageOutcome(app::CampaignOutcome::kFailed, failed.message_id(), "", failed.reminder_id());
      });
}

}  // namespace careloop::reminders::adapters
