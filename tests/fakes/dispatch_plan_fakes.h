#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock/clock.h"
#include "services/dispatch/app/channel_plan_ports.h"
#include "services/dispatch/app/provider_ports.h"
#include "services/dispatch/app/task_ports.h"
#include "tests/fakes/timer_queue_fake.h"

namespace careloop::testing {

/// In-memory dispatch::app::ChannelPlanBook: plans by store, then id; every Save is counted.
class FakeChannelPlanBook final : public dispatch::app::ChannelPlanBook {
 public:
  [[nodiscard]] std::vector<dispatch::domain::ChannelPlan> List(const std::string& store_id) override {
    std::vector<dispatch::domain::ChannelPlan> found;
    for (const auto& [id, plan] : plans[store_id]) {
      found.push_back(plan);
    }
    return found;
  }
  void Save(const std::vector<dispatch::domain::ChannelPlan>& changed) override {
    ++saves;
    for (const auto& plan : changed) {
      plans[plan.store_id][plan.plan_id] = plan;
    }
  }

  std::map<std::string, std::map<std::string, dispatch::domain::ChannelPlan>> plans;  ///< store → id → plan
  int saves = 0;
};

/// In-memory dispatch::app::FollowBook keeping the port's promises: one write per event id, an
/// older push changes nothing.
class FakeFollowBook final : public dispatch::app::FollowBook {
 public:
  [[nodiscard]] std::optional<bool> Follows(const std::string& openid) override {
    auto it = state.find(openid);
    return it == state.end() ? std::nullopt : std::optional(it->second.first);
  }
  [[nodiscard]] bool Record(const std::string& openid, bool followed, Instant at,
                            const std::string& event_id) override {
    if (!events.insert(event_id).second) {
      return false;
    }
    auto it = state.find(openid);
    if (it != state.end() && at < it->second.second) {
      return false;
    }
    state[openid] = {followed, at};
    return true;
  }

  std::map<std::string, std::pair<bool, Instant>> state;  ///< openid → (followed, when)
  std::set<std::string> events;
};

/// In-memory dispatch::app::FallbackTimers over FakeTimerQueue; a check armed again while
/// claimed stays armed after Done().
class FakeFallbackTimers final : public dispatch::app::FallbackTimers {
 public:
  void Schedule(const std::string& message_id, const dispatch::domain::SendRequest& cause, Instant at) override {
    causes[message_id] = cause;
    queue.Add(message_id, at);
  }
  [[nodiscard]] std::vector<std::string> ClaimDue(Instant now, Millis lease, int limit) override {
    return queue.Claim(now, lease, limit);
  }
  [[nodiscard]] std::optional<dispatch::domain::SendRequest> Cause(const std::string& message_id) override {
    auto it = causes.find(message_id);
    return it == causes.end() ? std::nullopt : std::optional(it->second);
  }
  void Done(const std::string& message_id) override {
    queue.Release(message_id);
    if (!queue.IsQueued(message_id)) {
      causes.erase(message_id);
    }
  }

  clock::ManualClock real_time{Instant{}};
  FakeTimerQueue queue{real_time};
  std::map<std::string, dispatch::domain::SendRequest> causes;
};

/// dispatch::app::WeChatSender recording every send; answers `scripted` outcomes in order, then
/// accepts (msgid "wx-1", "wx-2", …).
class FakeWeChatSender final : public dispatch::app::WeChatSender {
 public:
  [[nodiscard]] dispatch::app::SendOutcome Send(const dispatch::app::OutboundWeChat& message) override {
    sent.push_back(message);
    if (!scripted.empty()) {
      dispatch::app::SendOutcome next = scripted.front();
      scripted.erase(scripted.begin());
      return next;
    }
    return {true, false, "wx-" + std::to_string(sent.size()), "", ""};
  }

  std::vector<dispatch::app::OutboundWeChat> sent;
  std::vector<dispatch::app::SendOutcome> scripted;
};

/// dispatch::app::TaskDesk keeping its promise: one task per message id ("task-<message id>").
class FakeTaskDesk final : public dispatch::app::TaskDesk {
 public:
  [[nodiscard]] Result<std::string> Open(const dispatch::app::TaskOrder& order) override {
    calls.push_back(order);
    opened.emplace(order.message_id, order);
    return "task-" + order.message_id;
  }

  std::vector<dispatch::app::TaskOrder> calls;             ///< every Open, replays included
  std::map<std::string, dispatch::app::TaskOrder> opened;  ///< message id → first order
};

}  // namespace careloop::testing
