#pragma once

#include "common/base/time.h"
#include "common/config/config.h"
#include "services/reminders/app/campaigns_app.h"
#include "services/reminders/domain/insurance.h"
#include "services/reminders/domain/maintenance.h"

namespace careloop::reminders {

/// careloop-reminders' own settings (the `reminders:` section), with their defaults.
struct Settings final {
  domain::MaintenancePolicy maintenance;  ///< `reminders.maintenance.*`; defaults in domain/maintenance.h
  domain::RenewalPolicy insurance;  ///< `reminders.insurance.{lead_days, send_at}`; defaults in domain/insurance.h
  int timer_batch = 100;            ///< timers claimed per pass; a full batch comes straight back
  Millis timer_poll{200};           ///< the pause when a pass found less than a full batch
  /// `reminders.customers_address`: host:port of careloop-customers, where campaigns resolve their
  /// audience (SearchCustomers); empty: campaign previews and launches answer UNAVAILABLE.
  std::string customers_address;
  app::CampaignLimits campaigns;  ///< `reminders.campaigns.{search_page, batch}`
  Millis campaign_poll{1000};     ///< `reminders.campaigns.poll_ms`: how often due launches are looked for
};

/// Reads and validates `reminders:`; throws config::ConfigError naming the key and the reason.
[[nodiscard]] Settings ParseSettings(const config::ServiceSettings& service);

}  // namespace careloop::reminders
