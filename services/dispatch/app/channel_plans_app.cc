#include "services/dispatch/app/channel_plans_app.h"

#include <algorithm>

#include "common/base/ids.h"
#include "common/log/log.h"

namespace careloop::dispatch::app {
namespace {

bool Lists(const domain::ChannelPlan& plan, const std::string& kind) {
  return std::find(plan.kinds.begin(), plan.kinds.end(), kind) != plan.kinds.end();
}

}  // namespace

ChannelPlansApp::ChannelPlansApp(ChannelPlanBook& book, const clock::Clock& clock, const config::StoreCatalog& stores)
    : book_(book), clock_(clock), stores_(stores) {}

Result<std::vector<domain::ChannelPlan>> ChannelPlansApp::List(const auth::Principal& caller,
                                                               const std::string& store_id) {
  if (!store_id.empty()) {
    if (!stores_.IsKnown(store_id)) {
      return InvalidArgument("store_id", "unknown store '" + store_id + "'");
    }
    if (Status scope = caller.RequireStore(store_id); !scope.ok()) {
      return scope.error();
    }
  }
  std::vector<domain::ChannelPlan> plans = domain::DefaultPlans();
  for (auto& plan : book_.List("")) {
    plans.push_back(std::move(plan));
  }
  if (!store_id.empty()) {
    for (auto& plan : book_.List(store_id)) {
      plans.push_back(std::move(plan));
    }
  }
  return plans;
}

Result<domain::ChannelPlan> ChannelPlansApp::Upsert(const auth::Principal& caller, domain::ChannelPlan plan) {
  if (plan.store_id.empty()) {
    if (Status role = caller.RequireRole({auth::Role::kAdmin}); !role.ok()) {
      return role.error();
    }
  } else {
    if (Status role = caller.RequireRole({auth::Role::kAdmin, auth::Role::kManager}); !role.ok()) {
      return role.error();
    }
    if (!stores_.IsKnown(plan.store_id)) {
      return InvalidArgument("channel_plan.store_id", "unknown store '" + plan.store_id + "'");
    }
    if (Status scope = caller.RequireStore(plan.store_id); !scope.ok()) {
      return scope.error();
    }
  }
  if (Status valid = domain::ValidatePlan(plan); !valid.ok()) {
    return valid.error();
  }
  if (plan.plan_id.empty()) {
    plan.plan_id = DerivedId("plan-", {plan.store_id, plan.display_name});
  }
  plan.built_in = false;
  plan.updated_at = clock_.Now();
  std::vector<domain::ChannelPlan> changed{plan};
  for (auto& other : book_.List(plan.store_id)) {
    if (other.plan_id == plan.plan_id) {
      continue;
    }
    const auto before = other.kinds.size();
    std::erase_if(other.kinds, [&](const std::string& kind) { return Lists(plan, kind); });
    if (other.kinds.size() != before) {
      other.updated_at = plan.updated_at;
      changed.push_back(std::move(other));
    }
  }
  book_.Save(changed);
  log::Info("channel plan saved", {{"plan_id", plan.plan_id},
                                   {"store_id", plan.store_id},
                                   {"by", caller.name},
                                   {"plans_changed", std::to_string(changed.size())}});
  return plan;
}

domain::ChannelPlan ChannelPlansApp::PlanFor(const domain::SendRequest& request) {
  const std::string kind = domain::PlanKindOf(request.kind);
  const std::vector<domain::ChannelPlan> own =
      request.store_id.empty() ? std::vector<domain::ChannelPlan>{} : book_.List(request.store_id);
  const std::vector<domain::ChannelPlan> group = book_.List("");
  if (!request.channel_plan_id.empty()) {
    if (const domain::ChannelPlan* built_in = domain::FindDefaultPlan(request.channel_plan_id)) {
      return *built_in;
    }
    for (const auto* plans : {&own, &group}) {
      for (const auto& plan : *plans) {
        if (plan.plan_id == request.channel_plan_id) {
          return plan;
        }
      }
    }
    log::Warn("unknown channel plan named by a reminder; the kind's plan is used",
              {{"plan_id", request.channel_plan_id}, {"cause_id", request.cause_id}});
  }
  for (const auto* plans : {&own, &group}) {
    for (const auto& plan : *plans) {
      if (Lists(plan, kind)) {
        return plan;
      }
    }
  }
  return domain::DefaultPlanFor(kind);
}

}  // namespace careloop::dispatch::app
