#include "services/reminders/settings.h"

#include "common/config/section.h"

namespace careloop::reminders {

Settings ParseSettings(const config::ServiceSettings& service) {
  const config::Section section(service.section, "reminders");
  Settings settings;
  const config::Section node = section.Child("maintenance");
  domain::MaintenancePolicy& policy = settings.maintenance;
  policy.first_months = node.GetInt("first_months", policy.first_months, 1, 60);
  policy.first_km = node.GetInt("first_km", policy.first_km, 1, 1'000'000);
  policy.second_months = node.GetInt("second_months", policy.second_months, 1, 60);
  policy.second_km = node.GetInt("second_km", policy.second_km, 1, 1'000'000);
  policy.regular_months = node.GetInt("regular_months", policy.regular_months, 1, 60);
  policy.regular_km = node.GetInt("regular_km", policy.regular_km, 1, 1'000'000);
  policy.lead_days = node.GetInt("lead_days", policy.lead_days, 0, 60);
  policy.send_at = node.GetTime("send_at", policy.send_at);
  const config::Section insurance = section.Child("insurance");
  settings.insurance.lead_days = insurance.Get<std::vector<int>>("lead_days", settings.insurance.lead_days);
  for (size_t i = 0; i < settings.insurance.lead_days.size(); ++i) {
    const int lead = settings.insurance.lead_days[i];
    if (lead < 1 || lead > 365) {
      throw config::ConfigError(insurance.PathOf("lead_days"), "each must be 1–365 days, got " + std::to_string(lead));
    }
    if (i > 0 && lead >= settings.insurance.lead_days[i - 1]) {
      throw config::ConfigError(insurance.PathOf("lead_days"), "must be in descending order without repeats");
    }
  }
  settings.insurance.send_at = insurance.GetTime("send_at", settings.insurance.send_at);
  settings.timer_batch = section.GetInt("timer_batch", settings.timer_batch, 1, 10'000);
  settings.timer_poll =
      Millis{section.GetInt("timer_poll_ms", static_cast<int>(settings.timer_poll.count()), 10, 60'000)};
  settings.customers_address = section.Get<std::string>("customers_address", settings.customers_address);
  const config::Section campaigns = section.Child("campaigns");
  settings.campaigns.search_page = campaigns.GetInt("search_page", settings.campaigns.search_page, 1, 500);
  settings.campaigns.batch = campaigns.GetInt("batch", settings.campaigns.batch, 1, 10'000);
  settings.campaign_poll =
      Millis{campaigns.GetInt("poll_ms", static_cast<int>(settings.campaign_poll.count()), 10, 60'000)};
  return settings;
}

}  // namespace careloop::reminders
