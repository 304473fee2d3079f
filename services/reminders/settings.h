#pragma once

#include "common/base/time.h"
#include "common/config/config.h"
#include "services/reminders/domain/insurance.h"
#include "services/reminders/domain/maintenance.h"
#include "services/reminders/domain/rule.h"

namespace careloop::reminders {

/// careloop-reminders' own settings (the `reminders:` section), with their defaults.
struct Settings final {
  domain::MaintenancePolicy maintenance;  ///< `reminders.maintenance.*`; defaults in domain/maintenance.h
  domain::RenewalPolicy insurance;  ///< `reminders.insurance.{lead_days, send_at}`; defaults in domain/insurance.h
  domain::QuietHours quiet_hours;   ///< `reminders.quiet_hours.{start, end}`: no rule fires inside (dispatch's default)
  /// The configured rules: the group rules of the three maintenance kinds and insurance
  /// renewal from `maintenance`/`insurance` above, then `reminders.rules` (store and model
  /// overrides: `{store, kind, models, interval_months, interval_days, interval_km, lead_days,
  /// fire_time, enabled, template_id, channel_plan_id, follow_up_days, return_window_days}`,
  /// unset fields from the kind's default). Seeded into the rule store at startup.
  std::vector<domain::Rule> rules;
  int timer_batch = 100;   ///< timers claimed per pass; a full batch comes straight back
  Millis timer_poll{200};  ///< the pause when a pass found less than a full batch
};

/// Reads and validates `reminders:`; throws config::ConfigError naming the key and the reason.
[[nodiscard]] Settings ParseSettings(const config::ServiceSettings& service);

}  // namespace careloop::reminders
