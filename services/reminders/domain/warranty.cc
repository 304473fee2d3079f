#include "services/reminders/domain/warranty.h"

#include <algorithm>
#include <cmath>

#include "services/reminders/domain/lead_times.h"

namespace careloop::reminders::domain {

WarrantyEnd WarrantyEndOf(Date delivery_date, const Rule& rule, const std::vector<OdometerReading>& readings) {
  WarrantyEnd end;
  if (rule.interval_months > 0 || rule.interval_days > 0) {
    end.date = delivery_date.PlusMonths(rule.interval_months).PlusDays(rule.interval_days);
  }
  if (rule.interval_km <= 0) {
    return end;
  }
  end.km = rule.interval_km;
  const auto per_day = AverageKmPerDay(readings);
  if (!per_day || *per_day <= 0) {
    return end;
  }
  const auto latest =
      *std::max_element(readings.begin(), readings.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  const int remaining_km = rule.interval_km - latest.km;
  const Date by_mileage =
      remaining_km <= 0 ? latest.date : latest.date.PlusDays(static_cast<int64_t>(std::ceil(remaining_km / *per_day)));
  if (!end.date.IsValid() || by_mileage < end.date) {
    end.date = std::max(by_mileage, delivery_date);
    end.by_mileage = true;
  }
  return end;
}

std::vector<Reminder> PlanWarrantyExpiry(const VehicleFacts& vehicle, Date delivery_date,
                                         const std::vector<OdometerReading>& readings, const Rule& rule,
                                         const PlanningMoment& moment) {
  const WarrantyEnd end = WarrantyEndOf(delivery_date, rule, readings);
  if (!rule.enabled || !end.date.IsValid()) {
    return {};
  }
  Reminder base;
  base.customer_id = vehicle.customer_id;
  base.vehicle_id = vehicle.vehicle_id;
  base.store_id = vehicle.store_id;
  base.kind = ReminderKind::kWarrantyExpiry;
  base.service_due_km = end.km;
  base.reason = "warranty ends on " + end.date.ToString() +
                (end.by_mileage ? " (by estimated mileage, " + std::to_string(end.km) + " km)" : " (by time)");
  return PlanByLeadTimes(base, delivery_date.ToString(), end.date, rule, moment);
}

}  // namespace careloop::reminders::domain
