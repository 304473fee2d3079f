#include "services/dispatch/app/wechat_follows.h"

#include <chrono>

#include "common/log/log.h"

namespace careloop::dispatch::app {

WeChatFollows::WeChatFollows(FollowBook& book, const clock::Clock& clock) : book_(book), clock_(clock) {}

Result<bool> WeChatFollows::Record(const auth::Principal& caller, const std::string& provider_event_id,
                                   const std::string& openid, bool followed, Instant at) {
  if (Status role = caller.RequireRole({auth::Role::kService, auth::Role::kAdmin}); !role.ok()) {
    return role.error();
  }
  if (provider_event_id.empty()) {
    return InvalidArgument("provider_event_id", "is required (it makes a provider's retry harmless)");
  }
  if (openid.empty()) {
    return InvalidArgument("sender", "the follower's openid is required for a SUBSCRIPTION push");
  }
  const bool changed = book_.Record(openid, followed, at == Instant{} ? clock_.Now() : at, provider_event_id);
  log::Info("wechat follow state",
            {{"followed", followed ? "true" : "false"}, {"changed", changed ? "true" : "false"}});
  return changed;
}

bool WeChatFollows::Followed(const std::string& openid, bool subscribed, Instant at) {
  static const auth::Principal kEventPush{"wechat-event-push", auth::Role::kService, {}, true};
  const Instant when = at == Instant{} ? clock_.Now() : at;
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
  return Record(kEventPush, "wechat-push-" + openid + "-" + std::to_string(millis), openid, subscribed, when).ok();
}

bool WeChatFollows::Follows(const std::string& openid) {
  return book_.Follows(openid).value_or(true);
}

}  // namespace careloop::dispatch::app
