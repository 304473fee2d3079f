#pragma once

#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/dispatch/app/channel_plan_ports.h"
#include "services/dispatch/domain/channel_plan.h"

namespace careloop::dispatch::app {

/// Channel plans per store and kind (ListChannelPlans, UpsertChannelPlan), and which plan a
/// send request follows.
class ChannelPlansApp final {
 public:
  ChannelPlansApp(ChannelPlanBook& book, const clock::Clock& clock, const config::StoreCatalog& stores);

  /// The built-in plans, the group-wide stored plans, and `store_id`'s own (none for "").
  [[nodiscard]] Result<std::vector<domain::ChannelPlan>> List(const auth::Principal& caller,
                                                              const std::string& store_id);

  /// Creates or replaces a store's plan (store "" — the group-wide plans — for admins only;
  /// managers for their stores). An empty id derives one from the store and display name. Kinds
  /// the plan becomes the default for are taken from the store's other plans in the same write.
  /// Bad input is INVALID_ARGUMENT naming the field (see domain::ValidatePlan); nothing is stored.
  [[nodiscard]] Result<domain::ChannelPlan> Upsert(const auth::Principal& caller, domain::ChannelPlan plan);

  /// The plan a request follows: the plan it names (ReminderDue.channel_plan_id: a built-in id
  /// such as "call_task", else one of its store's or the group's), else its store's plan for its
  /// kind, else the group's, else the kind's built-in default. A named plan that does not exist
  /// is logged and the kind's plan is used.
  [[nodiscard]] domain::ChannelPlan PlanFor(const domain::SendRequest& request);

 private:
  ChannelPlanBook& book_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::dispatch::app
