#pragma once

#include "common/redis/client.h"
#include "services/dispatch/app/channel_plan_ports.h"

namespace careloop::dispatch::adapters {

/// The channel plan ports on Redis (prefix `cl:disp:`): a store's plans in one hash
/// (`plans:<store>`, "_group" for the group-wide ones; careloop.dispatch.v1.ChannelPlan values),
/// WeChat follow state per openid (`follow:<openid>`, guarded per push by `follow-evt:<id>`,
/// kept 90 days), and the fallback checks as a leased timer queue (`fallback`,
/// `fallback-leases`, each check's request in `fallback-cause:<message id>`).
class RedisChannelPlanStore final : public app::ChannelPlanBook, public app::FollowBook, public app::FallbackTimers {
 public:
  explicit RedisChannelPlanStore(redis::Pool& pool);

  [[nodiscard]] std::vector<domain::ChannelPlan> List(const std::string& store_id) override;
  void Save(const std::vector<domain::ChannelPlan>& plans) override;

  [[nodiscard]] std::optional<bool> Follows(const std::string& openid) override;
  [[nodiscard]] bool Record(const std::string& openid, bool followed, Instant at, const std::string& event_id) override;

  void Schedule(const std::string& message_id, const domain::SendRequest& cause, Instant at) override;
  [[nodiscard]] std::vector<std::string> ClaimDue(Instant now, Millis lease, int limit) override;
  [[nodiscard]] std::optional<domain::SendRequest> Cause(const std::string& message_id) override;
  void Done(const std::string& message_id) override;

 private:
  redis::Pool& pool_;
};

}  // namespace careloop::dispatch::adapters
