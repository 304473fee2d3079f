#include "services/dispatch/app/contact_policy_app.h"

#include <algorithm>
#include <array>

#include "common/log/log.h"

namespace careloop::dispatch::app {
namespace {

constexpr std::array<std::string_view, 9> kMaskPaths = {
    "marketing_quiet_hours", "service_quiet_hours",    "critical_quiet_hours",
    "max_marketing_per_day", "max_marketing_per_week", "max_care_per_day",
    "max_care_per_week",     "same_day_rule",          "priority"};

void Apply(std::string_view path, const domain::StorePolicy& from, domain::StorePolicy& to) {
  if (path == "marketing_quiet_hours") {
    to.marketing_quiet = from.marketing_quiet;
  } else if (path == "service_quiet_hours") {
    to.care_quiet = from.care_quiet;
  } else if (path == "critical_quiet_hours") {
    to.critical_quiet = from.critical_quiet;
  } else if (path == "max_marketing_per_day") {
    to.max_marketing_per_day = from.max_marketing_per_day;
  } else if (path == "max_marketing_per_week") {
    to.max_marketing_per_week = from.max_marketing_per_week;
  } else if (path == "max_care_per_day") {
    to.max_care_per_day = from.max_care_per_day;
  } else if (path == "max_care_per_week") {
    to.max_care_per_week = from.max_care_per_week;
  } else if (path == "same_day_rule") {
    to.same_day_rule = from.same_day_rule;
  } else if (path == "priority") {
    to.priority = from.priority;
  }
}

}  // namespace

domain::StorePolicy GroupPolicy(const DispatchPolicy& settings) {
  domain::StorePolicy policy;
  policy.marketing_quiet = settings.quiet_hours;
  policy.care_quiet = settings.quiet_hours;
  const int cap = std::clamp(settings.frequency_cap.max_messages, 1, domain::kMaxCap);
  policy.max_marketing_per_week = cap;
  policy.max_marketing_per_day = cap;
  policy.max_care_per_week = cap;
  policy.max_care_per_day = cap;
  return policy;
}

ContactPolicyApp::ContactPolicyApp(ContactPolicyStore& policies, PausedCustomers& paused, const clock::Clock& clock,
                                   const config::StoreCatalog& stores, const DispatchPolicy& settings)
    : policies_(policies), paused_(paused), clock_(clock), stores_(stores), group_(GroupPolicy(settings)) {}

domain::StorePolicy ContactPolicyApp::PolicyOf(const std::string& store_id) {
  if (!store_id.empty()) {
    if (auto own = policies_.Find(store_id)) {
      return *own;
    }
  }
  if (auto group = policies_.Find("")) {
    group->store_id = store_id;
    return *group;
  }
  // Nothing stored: the settings' policy, at the store's own configured quiet hours
  // (stores[].quiet_hours — the same hours reminders keeps rule times and campaign windows out of).
  domain::StorePolicy policy = group_;
  policy.store_id = store_id;
  if (const config::StoreSettings* store = stores_.Find(store_id)) {
    policy.marketing_quiet = {store->quiet_hours_start, store->quiet_hours_end};
    policy.care_quiet = policy.marketing_quiet;
  }
  return policy;
}

Result<domain::StorePolicy> ContactPolicyApp::Get(const auth::Principal& caller, const std::string& store_id) {
  if (!store_id.empty()) {
    if (Status scope = caller.RequireStore(store_id); !scope.ok()) {
      return scope.error();
    }
    if (stores_.Find(store_id) == nullptr) {
      return Error{ErrorCode::kNotFound, "store_id", "unknown store '" + store_id + "'"};
    }
  }
  return PolicyOf(store_id);
}

Result<domain::StorePolicy> ContactPolicyApp::Update(const auth::Principal& caller, const domain::StorePolicy& values,
                                                     const std::vector<std::string>& mask) {
  const std::string& store_id = values.store_id;
  if (store_id.empty()) {
    if (Status role = caller.RequireRole({auth::Role::kAdmin}); !role.ok()) {
      return role.error();
    }
  } else {
    if (Status role = caller.RequireRole({auth::Role::kAdmin, auth::Role::kManager}); !role.ok()) {
      return role.error();
    }
    if (!caller.MayAccessStore(store_id)) {
      return Error{ErrorCode::kPermissionDenied, "policy.store_id",
                   "caller '" + caller.name + "' may not change the policy of store '" + store_id + "'"};
    }
    if (stores_.Find(store_id) == nullptr) {
      return Error{ErrorCode::kNotFound, "policy.store_id", "unknown store '" + store_id + "'"};
    }
  }
  for (const auto& path : mask) {
    if (std::find(kMaskPaths.begin(), kMaskPaths.end(), path) == kMaskPaths.end()) {
      return InvalidArgument("update_mask", "'" + path + "' is not a field of the policy that can be changed");
    }
  }
  domain::StorePolicy policy = PolicyOf(store_id);
  if (mask.empty()) {
    for (auto path : kMaskPaths) {
      Apply(path, values, policy);
    }
  } else {
    for (const auto& path : mask) {
      Apply(path, values, policy);
    }
  }
  if (Status valid = domain::CheckPolicy(policy); !valid.ok()) {
    return valid.error();
  }
  policy.store_id = store_id;
  policy.updated_at = clock_.Now();
  policy.updated_by = caller.name;
  policies_.Save(policy);
  log::Info("contact policy changed", {{"store_id", store_id}, {"by", caller.name}});
  return policy;
}

Status ContactPolicyApp::CaseOpened(const std::string& customer_id, const std::string& case_id) {
  if (customer_id.empty() || case_id.empty()) {
    return InvalidArgument(customer_id.empty() ? "customer_id" : "case_id", "is required");
  }
  paused_.Pause(customer_id, case_id);
  return Ok{};
}

Status ContactPolicyApp::CaseResolved(const std::string& customer_id, const std::string& case_id) {
  if (customer_id.empty() || case_id.empty()) {
    return InvalidArgument(customer_id.empty() ? "customer_id" : "case_id", "is required");
  }
  paused_.Resume(customer_id, case_id);
  return Ok{};
}

}  // namespace careloop::dispatch::app
