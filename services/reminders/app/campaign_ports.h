#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "services/reminders/domain/campaign.h"

namespace careloop::reminders::app {

/// One page of customers a segment reaches.
struct AudiencePage final {
  std::vector<std::string> customer_ids;
  std::string next_page_token;  ///< empty on the last page
  int64_t total = 0;            ///< customers the segment reaches across all pages
};

/// Port: the customers service's search, as campaigns resolve their audience.
class CustomerDirectory {
 public:
  virtual ~CustomerDirectory() = default;
  /// One page of the customers `segment` reaches now. Unavailable when the customers service
  /// cannot answer (the launch is tried again later).
  [[nodiscard]] virtual Result<AudiencePage> Search(const domain::Segment& segment, const std::string& page_token,
                                                    int page_size) = 0;
};

/// One chunk of a campaign's stored audience.
struct AudienceChunk final {
  std::vector<std::string> customer_ids;
  std::string next_cursor;  ///< empty when the audience has been read to the end
};

/// What dispatch (or the timer) made of one of a campaign's reminders.
enum class CampaignOutcome { kDue, kSent, kSuppressed, kFailed };

/// Port: campaigns, their fixed audience, their reminders (batched) and their progress.
/// Every state change is one atomic step with the event announcing it.
class CampaignRepository {
 public:
  virtual ~CampaignRepository() = default;

  /// Stores a new campaign (CampaignCreated) and queues its launch; false (nothing written)
  /// when its id exists already — a repeated request.
  virtual bool Create(const domain::Campaign& campaign) = 0;
  /// The campaign with its progress counts.
  [[nodiscard]] virtual std::optional<domain::Campaign> Find(const std::string& campaign_id) = 0;
  /// A store's campaigns, newest first.
  [[nodiscard]] virtual std::vector<domain::Campaign> ListByStore(const std::string& store_id) = 0;
  /// Ids of scheduled campaigns whose launch moment is at or before `now`, oldest first.
  [[nodiscard]] virtual std::vector<std::string> DueLaunches(Instant now, int limit) = 0;

  /// Whether the audience was fixed (a launch that runs again reads it instead of searching).
  [[nodiscard]] virtual bool AudienceFixed(const std::string& campaign_id) = 0;
  /// Forgets a half-resolved audience (a launch that died while resolving starts over).
  virtual void ResetAudience(const std::string& campaign_id) = 0;
  /// Adds customers to the audience being resolved (idempotent per customer).
  virtual void AddToAudience(const std::string& campaign_id, const std::vector<std::string>& customer_ids) = 0;
  /// Fixes the audience; returns its size.
  virtual int64_t FixAudience(const std::string& campaign_id) = 0;
  /// Reads the fixed audience in chunks from `cursor` (empty: the start).
  [[nodiscard]] virtual AudienceChunk ReadAudience(const std::string& campaign_id, const std::string& cursor,
                                                   int count) = 0;

  /// Stores the reminders whose ids are new, each with its timer and ReminderScheduled (or,
  /// when recorded missed, ReminderMissed) — the whole batch one atomic step. Returns how many
  /// were new.
  virtual int ScheduleReminders(const std::vector<domain::Reminder>& reminders) = 0;
  /// Cancels those of `reminder_ids` still scheduled, each with ReminderCancelled and `reason`,
  /// counting them in the campaign's progress — one atomic step. Returns how many.
  virtual int CancelReminders(const std::string& campaign_id, const std::vector<std::string>& reminder_ids,
                              const std::string& reason) = 0;

  /// Scheduled → launched with its audience size, publishing CampaignLaunched. False when it
  /// was no longer scheduled (cancelled meanwhile, or launched already).
  virtual bool MarkLaunched(const std::string& campaign_id, int64_t audience, Instant at) = 0;
  /// Scheduled or launched → cancelled with `reason`, publishing CampaignCancelled. False when
  /// it was cancelled already or its launch failed (nothing to stop).
  virtual bool MarkCancelled(const std::string& campaign_id, const std::string& reason, Instant at) = 0;
  /// Scheduled → failed with `reason`, publishing CampaignFailed. False when it was no longer
  /// scheduled.
  virtual bool MarkFailed(const std::string& campaign_id, const std::string& reason, Instant at) = 0;
  /// Counts one outcome of a campaign's reminder or message, once per `occurrence_id` (the
  /// message id, or the reminder id for kDue). False when counted already.
  virtual bool CountOutcome(const std::string& campaign_id, CampaignOutcome outcome,
                            const std::string& occurrence_id) = 0;
};

}  // namespace careloop::reminders::app
