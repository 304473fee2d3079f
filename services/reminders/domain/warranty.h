#pragma once

#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/maintenance.h"
#include "services/reminders/domain/reminder.h"
#include "services/reminders/domain/rule.h"

namespace careloop::reminders::domain {

/// When a manufacturer's warranty ends: `rule.interval_months` (+ `interval_days`) after
/// delivery, or earlier when the estimated odometer reaches `rule.interval_km` (a total
/// reading: warranties count from 0 km) — whichever comes first. A rule without km has no
/// mileage limit; one without months/days ends by mileage only (never, without an estimate).
struct WarrantyEnd final {
  Date date;                ///< invalid when it cannot be known (km-only rule, no estimate)
  int km = 0;               ///< the odometer reading that ends it; 0 when not mileage based
  bool by_mileage = false;  ///< the mileage estimate came first
};

[[nodiscard]] WarrantyEnd WarrantyEndOf(Date delivery_date, const Rule& rule,
                                        const std::vector<OdometerReading>& readings);

/// The warranty-expiry reminders of a delivered vehicle (per PlanByLeadTimes: lead times ahead,
/// else one at once within the grace period, else missed). Empty when the rule is disabled or
/// the end cannot be known. Ids derive from the vehicle, the delivery date and the lead time.
[[nodiscard]] std::vector<Reminder> PlanWarrantyExpiry(const VehicleFacts& vehicle, Date delivery_date,
                                                       const std::vector<OdometerReading>& readings, const Rule& rule,
                                                       const PlanningMoment& moment);

}  // namespace careloop::reminders::domain
