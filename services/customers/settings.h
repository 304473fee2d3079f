#pragma once

#include <string>

#include "common/base/time.h"
#include "common/config/config.h"
#include "services/customers/domain/reports.h"

namespace careloop::customers {

/// careloop-customers' own settings (the `customers:` section), with their defaults.
struct Settings final {
  /// AES-256 key for national ID numbers at rest: 64 hex characters. Empty: the service runs
  /// but refuses records that carry an ID number (they are never stored in clear).
  std::string national_id_key;
  /// Customers reclassified per pass; a full batch means more are due (the worker comes straight back).
  int reclassify_batch = 100;
  Millis reclassify_poll{200};  ///< the pause when a pass found less than a full batch
  /// How often month-end report snapshots are looked for (one GET per store when none is due).
  Millis snapshot_poll{10'000};
  /// `customers.reports.*`: the loyal-customer share's settling-in period (loyalty_settling_months,
  /// and per store loyalty_settling_months_by_store); defaults in domain/reports.h.
  domain::ReportRules report_rules;
};

/// Reads and validates `customers:`; throws config::ConfigError naming the key and the reason.
[[nodiscard]] Settings ParseSettings(const config::ServiceSettings& service);

}  // namespace careloop::customers
