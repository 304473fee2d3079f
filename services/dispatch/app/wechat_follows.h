#pragma once

#include <string>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "services/dispatch/app/channel_plan_ports.h"
#include "services/dispatch/app/receipt_ports.h"

namespace careloop::dispatch::app {

/// WeChat follow state: whether an openid still follows the store's official account. Kept
/// current by subscribe/unsubscribe pushes (ReceiveInbound kind SUBSCRIPTION, or WeChat's own
/// event push through the receipts HTTP route); read by the WeChat step of a channel plan.
class WeChatFollows final : public FollowEvents {
 public:
  WeChatFollows(FollowBook& book, const clock::Clock& clock);

  /// Records a follow (`followed` true) or an unfollow of `openid`, once per provider event id;
  /// an older push than the one recorded changes nothing. Service identities and admins only.
  /// Returns false when nothing changed (a provider's retry or an out-of-order push). `at` is
  /// when WeChat says it happened (zero: now). The openid is never logged.
  [[nodiscard]] Result<bool> Record(const auth::Principal& caller, const std::string& provider_event_id,
                                    const std::string& openid, bool followed, Instant at);

  /// False only for an openid whose last recorded push was an unfollow; the customers
  /// service keeps an openid on the record only for followers, so one never heard of follows.
  [[nodiscard]] bool Follows(const std::string& openid);

  /// A subscribe/unsubscribe event WeChat pushed to the receipts route (its signature checked
  /// there): recorded as Record does, keyed by openid and event time (WeChat's own advice for
  /// de-duplicating event pushes). True: handled, a retried push included.
  [[nodiscard]] bool Followed(const std::string& openid, bool subscribed, Instant at) override;

 private:
  FollowBook& book_;
  const clock::Clock& clock_;
};

}  // namespace careloop::dispatch::app
