#pragma once

#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/reminder.h"

namespace careloop::reminders::domain {

/// When insurance renewal (续保) is reminded: these many days before the policy's last day
/// (domain.md: "e.g. 30, 15 and 7 days before"), at the send time, store-local.
struct RenewalPolicy final {
  std::vector<int> lead_days{30, 15, 7};  ///< descending, each 1–365
  TimeOfDay send_at{10 * 60};
  std::string rule_id;          ///< the store rule it came from, if any
  std::string template_id;      ///< the rule's template; empty for the store's default
  std::string channel_plan_id;  ///< the rule's channel plan; empty for the store's default
};

/// A policy as the customers service announces it.
struct PolicyFacts final {
  VehicleFacts vehicle;
  std::string policy_id;
  bool compulsory = false;  ///< 交强险, else commercial (商业险)
  Date start_date;
  Date end_date;  ///< last day of cover
};

/// The renewal reminders of a policy as planned at `moment`: one per lead time whose moment is
/// still ahead. When none is (a policy recorded late), one reminder at once while the policy has
/// not ended more than the grace period ago — worded as already ended by dispatch when it has —,
/// else one reminder recorded as missed. Ids derive from the policy and the lead time.
[[nodiscard]] std::vector<Reminder> PlanRenewal(const PolicyFacts& policy, const RenewalPolicy& rule,
                                                const PlanningMoment& moment);

/// Deterministic id of the renewal reminder of `policy_id` `lead_days` before its end.
[[nodiscard]] std::string RenewalReminderId(const std::string& policy_id, int lead_days);

/// Whether `next` renews `previous`: same car, same kind of cover, a different policy whose
/// cover reaches past the previous one's end and starts no later than 30 days after it.
[[nodiscard]] bool Renews(const PolicyFacts& next, const PolicyFacts& previous);

}  // namespace careloop::reminders::domain
