#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/dispatch/domain/channel_plan.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::app {

/// Port: the stores' own channel plans (the built-in ones are domain::DefaultPlans()).
class ChannelPlanBook {
 public:
  virtual ~ChannelPlanBook() = default;
  /// The plans stored for `store_id` ("" for the group-wide ones), by id.
  [[nodiscard]] virtual std::vector<domain::ChannelPlan> List(const std::string& store_id) = 0;
  /// Stores the plans in one atomic write (a plan taking a kind over from another plan of the
  /// store is saved together with that plan, which no longer lists the kind).
  virtual void Save(const std::vector<domain::ChannelPlan>& plans) = 0;
};

/// Port: WeChat follow state per openid, kept current by the official account's subscribe /
/// unsubscribe pushes.
class FollowBook {
 public:
  virtual ~FollowBook() = default;
  /// True/false once a push about the openid was recorded; nullopt when none was.
  [[nodiscard]] virtual std::optional<bool> Follows(const std::string& openid) = 0;
  /// Records a push, atomically and once per `event_id`; a push older than the one recorded
  /// (`at` before it) changes nothing. False when nothing was written (a duplicate or an older
  /// push).
  [[nodiscard]] virtual bool Record(const std::string& openid, bool followed, Instant at,
                                    const std::string& event_id) = 0;
};

/// Port: the fallback checks of channel plans — a timer per next step's message id, due when
/// the step before it should have been delivered, leased while it is handled.
class FallbackTimers {
 public:
  virtual ~FallbackTimers() = default;
  /// Sets (or moves) the check of `message_id` to `at`, with the request it continues.
  virtual void Schedule(const std::string& message_id, const domain::SendRequest& cause, Instant at) = 0;
  /// Claims checks due at `now` (atomic across instances, leased for `lease`).
  [[nodiscard]] virtual std::vector<std::string> ClaimDue(Instant now, Millis lease, int limit) = 0;
  [[nodiscard]] virtual std::optional<domain::SendRequest> Cause(const std::string& message_id) = 0;
  /// Releases a handled check's lease and forgets its request — unless the check was
  /// Schedule()d again meanwhile (the step it waits for was deferred), which stays armed.
  virtual void Done(const std::string& message_id) = 0;
};

}  // namespace careloop::dispatch::app
