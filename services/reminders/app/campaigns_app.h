#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/reminders/app/campaign_ports.h"
#include "services/reminders/app/ports.h"
#include "services/reminders/domain/campaign.h"

namespace careloop::reminders::app {

/// How campaigns launch: customers per search page and per scheduling batch.
struct CampaignLimits final {
  int search_page = 500;  ///< the customers service caps a page at 500
  int batch = 1000;       ///< reminders stored per atomic step
  int launches_per_pass = 4;
};

/// What a segment reaches now.
struct CampaignPreview final {
  int64_t audience = 0;
  std::vector<std::string> sample_customer_ids;
};

/// One page of a store's campaigns, newest first.
struct CampaignPage final {
  std::vector<domain::Campaign> campaigns;
  int64_t total = 0;
  size_t next_offset = 0;  ///< 0 on the last page
};

/// A new campaign as staff describe it.
struct NewCampaign final {
  domain::Campaign draft;  ///< store, kind, segment, holiday/year or send day, window, text
  std::string request_id;  ///< idempotency key; the same key answers the same campaign
};

/// The campaigns' use cases: create (validated), preview, launch at the launch moment on the
/// business clock (audience resolved and fixed, one reminder per customer), progress from the
/// reminders' and dispatch's events, cancel, list.
class CampaignsApp final {
 public:
  CampaignsApp(CampaignRepository& campaigns, CustomerDirectory& directory, ReminderRepository& reminders,
               const clock::Clock& clock, const config::StoreCatalog& stores, CampaignLimits limits = {});

  [[nodiscard]] Result<domain::Campaign> Create(const auth::Principal& caller, NewCampaign request);
  [[nodiscard]] Result<CampaignPreview> Preview(const auth::Principal& caller, const std::string& store_id,
                                                domain::Segment segment, int sample_size);
  [[nodiscard]] Result<domain::Campaign> Get(const auth::Principal& caller, const std::string& campaign_id);
  [[nodiscard]] Result<CampaignPage> List(const auth::Principal& caller, const std::string& store_id,
                                          std::optional<domain::CampaignStatus> status, size_t offset,
                                          size_t page_size);
  /// Stops what has not gone out: the campaign is cancelled (CampaignCancelled) and its unfired
  /// reminders after it. Cancelling again answers the cancelled campaign and publishes nothing
  /// new (it only finishes a sweep a crash interrupted).
  [[nodiscard]] Result<domain::Campaign> Cancel(const auth::Principal& caller, const std::string& campaign_id,
                                                const std::string& reason);

  /// Launches the campaigns whose launch moment has come; returns how many launched. A launch
  /// the customers service cannot serve stays queued for the next pass. Safe to run again after
  /// a crash at any point: the audience is fixed once and reminder ids are deterministic.
  int LaunchDue();

  /// A reminder of a campaign fired (careloop.reminder.v1.ReminderDue).
  Status OnReminderDue(const std::string& campaign_id, const std::string& reminder_id);
  /// Dispatch's outcome of a message; the campaign is the event's, or its reminder's.
  Status OnMessageOutcome(CampaignOutcome outcome, const std::string& message_id, const std::string& campaign_id,
                          const std::string& reminder_id);

 private:
  [[nodiscard]] domain::CampaignContext ContextOf(const std::string& store_id) const;
  Status Launch(const domain::Campaign& campaign);
  Status ResolveAudience(const domain::Campaign& campaign);
  /// Applies `step` to the stored audience's reminder ids in batches.
  template <typename Step>
  void ForEachBatch(const domain::Campaign& campaign, Step step);

  CampaignRepository& campaigns_;
  CustomerDirectory& directory_;
  ReminderRepository& reminders_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
  CampaignLimits limits_;
};

}  // namespace careloop::reminders::app
