#include "services/customers/settings.h"

#include <algorithm>
#include <cctype>

#include "common/config/section.h"

namespace careloop::customers {

Settings ParseSettings(const config::ServiceSettings& service) {
  const config::Section section(service.section, "customers");
  Settings settings;
  settings.national_id_key = section.Get<std::string>("national_id_key", settings.national_id_key);
  const bool hex = std::all_of(settings.national_id_key.begin(), settings.national_id_key.end(),
                               [](unsigned char c) { return std::isxdigit(c) != 0; });
  if (!settings.national_id_key.empty() && (settings.national_id_key.size() != 64 || !hex)) {
    throw config::ConfigError(section.PathOf("national_id_key"),
                              "must be 64 hex characters (an AES-256 key), e.g. from `openssl rand -hex 32`");
  }
  settings.reclassify_batch = section.GetInt("reclassify_batch", settings.reclassify_batch, 1, 10'000);
  settings.reclassify_poll =
      Millis{section.GetInt("reclassify_poll_ms", static_cast<int>(settings.reclassify_poll.count()), 10, 60'000)};
  settings.snapshot_poll =
      Millis{section.GetInt("snapshot_poll_ms", static_cast<int>(settings.snapshot_poll.count()), 100, 3'600'000)};
  const config::Section reports = section.Child("reports");
  constexpr int kMaxSettlingMonths = 120;
  auto& rules = settings.report_rules;
  rules.settling_months = reports.GetInt("loyalty_settling_months", rules.settling_months, 1, kMaxSettlingMonths);
  const config::Section by_store = reports.Child("loyalty_settling_months_by_store");
  if (by_store.node().IsDefined() && by_store.node().IsMap()) {
    for (const auto& entry : by_store.node()) {
      const auto store_id = entry.first.as<std::string>();
      const bool known = std::any_of(service.stores.begin(), service.stores.end(),
                                     [&](const config::StoreSettings& store) { return store.id == store_id; });
      if (!known) {
        throw config::ConfigError(by_store.PathOf(store_id), "is not one of the configured stores");
      }
      rules.settling_months_by_store[store_id] =
          by_store.GetInt(store_id, rules.settling_months, 1, kMaxSettlingMonths);
    }
  }
  return settings;
}

}  // namespace careloop::customers
