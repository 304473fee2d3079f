#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "services/reminders/app/campaign_ports.h"
#include "tests/fakes/reminders_fakes.h"

namespace careloop::testing {

/// In-memory reminders::app::CustomerDirectory: customers by store, a segment matching every
/// customer of its stores; pages of the requested size with the offset as token. `available`
/// false answers UNAVAILABLE (the customers service down).
class FakeCustomerDirectory final : public reminders::app::CustomerDirectory {
 public:
  [[nodiscard]] Result<reminders::app::AudiencePage> Search(const reminders::domain::Segment& segment,
                                                            const std::string& page_token, int page_size) override {
    ++searches;
    if (!available) {
      return Error{ErrorCode::kUnavailable, "", "customers service down"};
    }
    if (refusal) {
      return *refusal;
    }
    std::vector<std::string> matching;
    for (const auto& store : segment.store_ids) {
      for (const auto& id : customers[store]) {
        matching.push_back(id);
      }
    }
    const size_t offset = page_token.empty() ? 0 : std::stoul(page_token);
    reminders::app::AudiencePage page;
    page.total = static_cast<int64_t>(matching.size());
    for (size_t i = offset; i < matching.size() && page.customer_ids.size() < size_t(page_size); ++i) {
      page.customer_ids.push_back(matching[i]);
    }
    const size_t end = offset + page.customer_ids.size();
    page.next_page_token = end < matching.size() ? std::to_string(end) : "";
    return page;
  }

  std::map<std::string, std::vector<std::string>> customers;  ///< store id → customer ids
  bool available = true;
  std::optional<Error> refusal;  ///< set: every search answers this error (the segment refused)
  int searches = 0;
};

/// In-memory reminders::app::CampaignRepository keeping the port's promises: a campaign id is
/// created once, the audience is fixed once, reminders go to `reminders` (scheduled once per id,
/// their timers there), a cancelled reminder leaves the timers, an outcome counts once per
/// occurrence id, and every change publishes its event (see `published`; reminder events go to
/// `reminders.published`).
class FakeCampaignRepository final : public reminders::app::CampaignRepository {
 public:
  explicit FakeCampaignRepository(FakeReminderRepository& reminders) : reminders_(reminders) {}

  bool Create(const reminders::domain::Campaign& campaign) override {
    if (campaigns_.contains(campaign.campaign_id)) {
      return false;
    }
    campaigns_[campaign.campaign_id] = campaign;
    published.push_back({"CampaignCreated", campaign.campaign_id});
    return true;
  }
  [[nodiscard]] std::optional<reminders::domain::Campaign> Find(const std::string& campaign_id) override {
    auto it = campaigns_.find(campaign_id);
    if (it == campaigns_.end()) {
      return std::nullopt;
    }
    reminders::domain::Campaign campaign = it->second;
    const int64_t audience = campaign.progress.audience;
    campaign.progress = progress_[campaign_id];
    campaign.progress.audience = audience;
    return campaign;
  }
  [[nodiscard]] std::vector<reminders::domain::Campaign> ListByStore(const std::string& store_id) override {
    std::vector<reminders::domain::Campaign> found;
    for (const auto& [id, campaign] : campaigns_) {
      if (campaign.store_id == store_id) {
        found.push_back(*Find(id));
      }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
    return found;
  }
  [[nodiscard]] std::vector<std::string> DueLaunches(Instant now, int limit) override {
    std::vector<std::string> due;
    for (const auto& [id, campaign] : campaigns_) {
      if (campaign.status == reminders::domain::CampaignStatus::kScheduled && campaign.launch_at <= now &&
          due.size() < size_t(limit)) {
        due.push_back(id);
      }
    }
    return due;
  }
  [[nodiscard]] bool AudienceFixed(const std::string& campaign_id) override { return fixed_.contains(campaign_id); }
  void ResetAudience(const std::string& campaign_id) override { audience_.erase(campaign_id); }
  void AddToAudience(const std::string& campaign_id, const std::vector<std::string>& customer_ids) override {
    audience_[campaign_id].insert(customer_ids.begin(), customer_ids.end());
  }
  int64_t FixAudience(const std::string& campaign_id) override {
    return fixed_.try_emplace(campaign_id, static_cast<int64_t>(audience_[campaign_id].size())).first->second;
  }
  [[nodiscard]] reminders::app::AudienceChunk ReadAudience(const std::string& campaign_id, const std::string& cursor,
                                                           int count) override {
    const std::set<std::string>& members = audience_[campaign_id];
    const size_t offset = cursor.empty() ? 0 : std::stoul(cursor);
    reminders::app::AudienceChunk chunk;
    auto it = members.begin();
    std::advance(it, std::min(offset, members.size()));
    for (; it != members.end() && chunk.customer_ids.size() < size_t(count); ++it) {
      chunk.customer_ids.push_back(*it);
    }
    const size_t end = offset + chunk.customer_ids.size();
    chunk.next_cursor = end < members.size() ? std::to_string(end) : "";
    return chunk;
  }
  int ScheduleReminders(const std::vector<reminders::domain::Reminder>& batch) override {
    ++schedule_batches;
    return static_cast<int>(
        std::count_if(batch.begin(), batch.end(), [&](const auto& r) { return reminders_.Schedule(r); }));
  }
  int CancelReminders(const std::string& campaign_id, const std::vector<std::string>& reminder_ids,
                      const std::string& /*reason*/) override {
    int cancelled = 0;
    for (const auto& id : reminder_ids) {
      auto reminder = reminders_.Find(id);
      if (!reminder || reminder->status != reminders::domain::ReminderStatus::kScheduled ||
          reminder->campaign_id != campaign_id || !cancelled_reminders.insert(id).second) {
        continue;
      }
      reminders_.timers.Remove(id);
      reminders_.published.push_back({"ReminderCancelled", id});
      ++cancelled;
    }
    progress_[campaign_id].cancelled += cancelled;
    return cancelled;
  }
  bool MarkLaunched(const std::string& campaign_id, int64_t audience, Instant at) override {
    auto& campaign = campaigns_.at(campaign_id);
    if (campaign.status != reminders::domain::CampaignStatus::kScheduled) {
      return false;
    }
    campaign.status = reminders::domain::CampaignStatus::kLaunched;
    campaign.progress.audience = audience;
    campaign.launched_at = at;
    published.push_back({"CampaignLaunched", campaign_id});
    return true;
  }
  bool MarkCancelled(const std::string& campaign_id, const std::string& reason, Instant at) override {
    auto& campaign = campaigns_.at(campaign_id);
    if (campaign.status == reminders::domain::CampaignStatus::kCancelled ||
        campaign.status == reminders::domain::CampaignStatus::kFailed) {
      return false;
    }
    campaign.status = reminders::domain::CampaignStatus::kCancelled;
    campaign.cancel_reason = reason;
    campaign.cancelled_at = at;
    published.push_back({"CampaignCancelled", campaign_id});
    return true;
  }
  bool MarkFailed(const std::string& campaign_id, const std::string& reason, Instant at) override {
    auto& campaign = campaigns_.at(campaign_id);
    if (campaign.status != reminders::domain::CampaignStatus::kScheduled) {
      return false;
    }
    campaign.status = reminders::domain::CampaignStatus::kFailed;
    campaign.failure_reason = reason;
    campaign.failed_at = at;
    published.push_back({"CampaignFailed", campaign_id});
    return true;
  }
  bool CountOutcome(const std::string& campaign_id, reminders::app::CampaignOutcome outcome,
                    const std::string& occurrence_id) override {
    if (!counted_.insert({campaign_id, int(outcome), occurrence_id}).second) {
      return false;
    }
    auto& progress = progress_[campaign_id];
    switch (outcome) {
      case reminders::app::CampaignOutcome::kDue: ++progress.due; break;
      case reminders::app::CampaignOutcome::kSent: ++progress.sent; break;
      case reminders::app::CampaignOutcome::kSuppressed: ++progress.suppressed; break;
      case reminders::app::CampaignOutcome::kFailed: ++progress.failed; break;
    }
    return true;
  }

  /// Campaign-level events, in order.
  std::vector<PublishedEvent> published;
  /// Reminder ids cancelled by CancelReminders.
  std::set<std::string> cancelled_reminders;
  int schedule_batches = 0;

 private:
  FakeReminderRepository& reminders_;
  std::map<std::string, reminders::domain::Campaign> campaigns_;
  std::map<std::string, std::set<std::string>> audience_;
  std::map<std::string, int64_t> fixed_;
  std::map<std::string, reminders::domain::CampaignProgress> progress_;
  std::set<std::tuple<std::string, int, std::string>> counted_;
};

}  // namespace careloop::testing
