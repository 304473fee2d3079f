#include "services/reminders/app/campaigns_app.h"

#include <algorithm>

#include "common/base/ids.h"
#include "common/log/log.h"

namespace careloop::reminders::app {
namespace {

constexpr auth::Role kCampaignRoles[] = {auth::Role::kAdmin, auth::Role::kManager, auth::Role::kClerk};
constexpr int kDefaultSample = 5;
constexpr int kMaxSample = 50;

Error NoCampaign(const std::string& campaign_id) {
  return Error{ErrorCode::kNotFound, "campaign_id", "no campaign '" + campaign_id + "'"};
}

// A launch the customers service refuses as bad input (a segment it rejects, a store it does not
// know) fails the same way every time: the campaign is marked failed. Anything else — the
// service down, a token an operator must fix — is tried again on the next pass.
bool RefusedForGood(const Error& error) {
  return error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kNotFound;
}

}  // namespace

CampaignsApp::CampaignsApp(CampaignRepository& campaigns, CustomerDirectory& directory, ReminderRepository& reminders,
                           const clock::Clock& clock, const config::StoreCatalog& stores, CampaignLimits limits)
    : campaigns_(campaigns),
      directory_(directory),
      reminders_(reminders),
      clock_(clock),
      stores_(stores),
      limits_(limits) {}

domain::CampaignContext CampaignsApp::ContextOf(const std::string& store_id) const {
  const config::StoreSettings* store = stores_.Find(store_id);
  const config::StoreSettings fallback;
  const config::StoreSettings& settings = store != nullptr ? *store : fallback;
  return {stores_.ZoneOf(store_id), {settings.quiet_hours_start, settings.quiet_hours_end}, clock_.Now()};
}

Result<domain::Campaign> CampaignsApp::Create(const auth::Principal& caller, NewCampaign request) {
  domain::Campaign& draft = request.draft;
  if (Status allowed = caller.RequireRole(kCampaignRoles); !allowed.ok()) {
    return allowed.error();
  }
  if (draft.store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  if (!stores_.IsKnown(draft.store_id)) {
    return InvalidArgument("store_id", "unknown store '" + draft.store_id + "'");
  }
  if (Status allowed = caller.RequireStore(draft.store_id); !allowed.ok()) {
    return allowed.error();
  }
  draft.campaign_id = request.request_id.empty() ? NewRandomId("cmp-")
                                                 : DerivedId("cmp-", {"request", caller.name, request.request_id});
  if (auto existing = campaigns_.Find(draft.campaign_id)) {
    return *existing;  // the same request again
  }
  draft.created_at = clock_.Now();
  draft.created_by = caller.name;
  const domain::CampaignContext context = ContextOf(draft.store_id);
  auto campaign = domain::ValidateNewCampaign(std::move(draft), context);
  if (!campaign.ok()) {
    return campaign.error();
  }
  if (campaigns_.Create(campaign.value())) {
    log::Info("campaign created", {{"campaign_id", campaign->campaign_id},
                                   {"store_id", campaign->store_id},
                                   {"kind", std::string(domain::CampaignKindName(campaign->kind))},
                                   {"send_date", campaign->send_date.ToString()},
                                   {"launch_at", FormatRfc3339(campaign->launch_at)}});
  }
  return campaigns_.Find(campaign->campaign_id).value_or(campaign.value());
}

Result<CampaignPreview> CampaignsApp::Preview(const auth::Principal& caller, const std::string& store_id,
                                              domain::Segment segment, int sample_size) {
  if (store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
    return allowed.error();
  }
  if (sample_size < 0 || sample_size > kMaxSample) {
    return InvalidArgument("sample_size", "must be 0–" + std::to_string(kMaxSample));
  }
  auto valid = domain::ValidateSegment(std::move(segment), store_id);
  if (!valid.ok()) {
    return valid.error();
  }
  const int wanted = sample_size == 0 ? kDefaultSample : sample_size;
  auto page = directory_.Search(valid.value(), "", wanted);
  if (!page.ok()) {
    return page.error();
  }
  CampaignPreview preview{page->total, page->customer_ids};
  if (static_cast<int>(preview.sample_customer_ids.size()) > wanted) {
    preview.sample_customer_ids.resize(static_cast<size_t>(wanted));
  }
  return preview;
}

Result<domain::Campaign> CampaignsApp::Get(const auth::Principal& caller, const std::string& campaign_id) {
  if (campaign_id.empty()) {
    return InvalidArgument("campaign_id", "is required");
  }
  auto campaign = campaigns_.Find(campaign_id);
  if (!campaign) {
    return NoCampaign(campaign_id);
  }
  if (Status allowed = caller.RequireStore(campaign->store_id); !allowed.ok()) {
    return allowed.error();
  }
  return *campaign;
}

Result<CampaignPage> CampaignsApp::List(const auth::Principal& caller, const std::string& store_id,
                                        std::optional<domain::CampaignStatus> status, size_t offset, size_t page_size) {
  if (store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
    return allowed.error();
  }
  std::vector<domain::Campaign> all = campaigns_.ListByStore(store_id);
  if (status) {
    std::erase_if(all, [&](const domain::Campaign& c) { return c.status != *status; });
  }
  CampaignPage page;
  page.total = static_cast<int64_t>(all.size());
  for (size_t i = offset; i < all.size() && page.campaigns.size() < page_size; ++i) {
    page.campaigns.push_back(std::move(all[i]));
  }
  const size_t end = offset + page.campaigns.size();
  page.next_offset = end < all.size() ? end : 0;
  return page;
}

template <typename Step>
void CampaignsApp::ForEachBatch(const domain::Campaign& campaign, Step step) {
  std::string cursor;
  do {
    AudienceChunk chunk = campaigns_.ReadAudience(campaign.campaign_id, cursor, limits_.batch);
    if (!chunk.customer_ids.empty()) {
      step(chunk.customer_ids);
    }
    cursor = std::move(chunk.next_cursor);
  } while (!cursor.empty());
}

Result<domain::Campaign> CampaignsApp::Cancel(const auth::Principal& caller, const std::string& campaign_id,
                                              const std::string& reason) {
  if (Status allowed = caller.RequireRole(kCampaignRoles); !allowed.ok()) {
    return allowed.error();
  }
  auto campaign = Get(caller, campaign_id);
  if (!campaign.ok()) {
    return campaign.error();
  }
  const std::string why = reason.empty() ? "cancelled by " + caller.name : reason;
  // The campaign first: a launch running meanwhile then finds it cancelled and stops itself.
  if (campaigns_.MarkCancelled(campaign_id, why, clock_.Now())) {
    log::Info("campaign cancelled", {{"campaign_id", campaign_id}, {"reason", why}});
  }
  // The sweep runs on every cancel: a repeat cancels nothing new, or finishes an interrupted one.
  if (campaigns_.AudienceFixed(campaign_id)) {
    const TimeZone& zone = stores_.ZoneOf(campaign->store_id);
    int64_t cancelled = 0;
    ForEachBatch(*campaign, [&](const std::vector<std::string>& customers) {
      std::vector<std::string> ids;
      ids.reserve(customers.size());
      for (const auto& customer : customers) {
        ids.push_back(domain::CampaignReminder(*campaign, customer, zone, clock_.Now()).reminder_id);
      }
      cancelled += campaigns_.CancelReminders(campaign_id, ids, "campaign cancelled: " + why);
    });
    if (cancelled > 0) {
      log::Info("campaign reminders cancelled",
                {{"campaign_id", campaign_id}, {"reminders_cancelled", std::to_string(cancelled)}});
    }
  }
  return campaigns_.Find(campaign_id).value_or(campaign.value());
}

Status CampaignsApp::ResolveAudience(const domain::Campaign& campaign) {
  campaigns_.ResetAudience(campaign.campaign_id);
  std::string token;
  do {
    auto page = directory_.Search(campaign.segment, token, limits_.search_page);
    if (!page.ok()) {
      return page.error();
    }
    campaigns_.AddToAudience(campaign.campaign_id, page->customer_ids);
    token = std::move(page.value().next_page_token);
  } while (!token.empty());
  return Ok{};
}

Status CampaignsApp::Launch(const domain::Campaign& campaign) {
  if (!campaigns_.AudienceFixed(campaign.campaign_id)) {
    if (Status resolved = ResolveAudience(campaign); !resolved.ok()) {
      return resolved;
    }
  }
  const int64_t audience = campaigns_.FixAudience(campaign.campaign_id);
  const TimeZone& zone = stores_.ZoneOf(campaign.store_id);
  const Instant now = clock_.Now();
  ForEachBatch(campaign, [&](const std::vector<std::string>& customers) {
    std::vector<domain::Reminder> batch;
    batch.reserve(customers.size());
    for (const auto& customer : customers) {
      batch.push_back(domain::CampaignReminder(campaign, customer, zone, now));
    }
    campaigns_.ScheduleReminders(batch);
  });
  if (!campaigns_.MarkLaunched(campaign.campaign_id, audience, now)) {
    // Cancelled while it launched: what this launch planned is cancelled too.
    ForEachBatch(campaign, [&](const std::vector<std::string>& customers) {
      std::vector<std::string> ids;
      ids.reserve(customers.size());
      for (const auto& customer : customers) {
        ids.push_back(domain::CampaignReminder(campaign, customer, zone, now).reminder_id);
      }
      campaigns_.CancelReminders(campaign.campaign_id, ids, "campaign cancelled while launching");
    });
    return Error{ErrorCode::kFailedPrecondition, "campaign_id", "was cancelled while it launched"};
  }
  log::Info("campaign launched", {{"campaign_id", campaign.campaign_id}, {"audience", std::to_string(audience)}});
  return Ok{};
}

int CampaignsApp::LaunchDue() {
  int launched = 0;
  for (const auto& id : campaigns_.DueLaunches(clock_.Now(), limits_.launches_per_pass)) {
    const auto campaign = campaigns_.Find(id);
    if (!campaign || campaign->status != domain::CampaignStatus::kScheduled) {
      continue;
    }
    Status done = Launch(*campaign);
    if (done.ok()) {
      ++launched;
    } else if (!RefusedForGood(done.error())) {
      log::Warn("campaign launch postponed", {{"campaign_id", id}, {"why", done.error().ToString()}});
    } else if (campaigns_.MarkFailed(id, done.error().ToString(), clock_.Now())) {
      // Refused for good (a segment the customers service rejects): trying again changes nothing.
      campaigns_.ResetAudience(id);
      log::Warn("campaign launch failed", {{"campaign_id", id}, {"why", done.error().ToString()}});
    }
  }
  return launched;
}

Status CampaignsApp::OnReminderDue(const std::string& campaign_id, const std::string& reminder_id) {
  if (campaign_id.empty() || !campaigns_.Find(campaign_id)) {
    return Ok{};  // not a campaign's reminder
  }
  campaigns_.CountOutcome(campaign_id, CampaignOutcome::kDue, reminder_id);
  return Ok{};
}

Status CampaignsApp::OnMessageOutcome(CampaignOutcome outcome, const std::string& message_id,
                                      const std::string& campaign_id, const std::string& reminder_id) {
  if (message_id.empty()) {
    return InvalidArgument("message_id", "is required");
  }
  std::string campaign = campaign_id;
  if (campaign.empty() && !reminder_id.empty()) {
    if (const auto reminder = reminders_.Find(reminder_id)) {
      campaign = reminder->campaign_id;
    }
  }
  if (campaign.empty() || !campaigns_.Find(campaign)) {
    return Ok{};  // not a campaign's message
  }
  campaigns_.CountOutcome(campaign, outcome, message_id);
  return Ok{};
}

}  // namespace careloop::reminders::app
