#pragma once

#include "common/clock/clock.h"
#include "common/redis/client.h"
#include "services/reminders/app/campaign_ports.h"

namespace careloop::reminders::adapters {

/// CampaignRepository on Redis: campaigns as protobuf strings with a progress hash, the
/// audience as a set, launches as a sorted set by launch moment. Reminders are written under the
/// reminders' own keys (record, customer and store index, timer) so the timers worker fires
/// them like any other; a batch of them is one optimistic MULTI/EXEC with its outbox entries.
class RedisCampaignRepository final : public app::CampaignRepository {
 public:
  RedisCampaignRepository(redis::Pool& pool, const clock::Clock& clock);

  bool Create(const domain::Campaign& campaign) override;
  [[nodiscard]] std::optional<domain::Campaign> Find(const std::string& campaign_id) override;
  [[nodiscard]] std::vector<domain::Campaign> ListByStore(const std::string& store_id) override;
  [[nodiscard]] std::vector<std::string> DueLaunches(Instant now, int limit) override;
  [[nodiscard]] bool AudienceFixed(const std::string& campaign_id) override;
  void ResetAudience(const std::string& campaign_id) override;
  void AddToAudience(const std::string& campaign_id, const std::vector<std::string>& customer_ids) override;
  int64_t FixAudience(const std::string& campaign_id) override;
  [[nodiscard]] app::AudienceChunk ReadAudience(const std::string& campaign_id, const std::string& cursor,
                                                int count) override;
  int ScheduleReminders(const std::vector<domain::Reminder>& reminders) override;
  int CancelReminders(const std::string& campaign_id, const std::vector<std::string>& reminder_ids,
                      const std::string& reason) override;
  bool MarkLaunched(const std::string& campaign_id, int64_t audience, Instant at) override;
  bool MarkCancelled(const std::string& campaign_id, const std::string& reason, Instant at) override;
  bool MarkFailed(const std::string& campaign_id, const std::string& reason, Instant at) override;
  bool CountOutcome(const std::string& campaign_id, app::CampaignOutcome outcome,
                    const std::string& occurrence_id) override;

 private:
  redis::Pool& pool_;
  const clock::Clock& clock_;
  redis::Script count_once_;
};

}  // namespace careloop::reminders::adapters
