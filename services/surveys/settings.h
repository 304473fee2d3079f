#pragma once

#include <string>

#include "common/config/config.h"
#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys {

/// careloop-surveys' own settings (the `surveys:` section), with their defaults.
struct Settings final {
  domain::SurveyPolicy policy;  ///< `answer_window_days`; defaults in domain
  /// `report_page.listen`: host:port of the CSI report page (docs/csi.md); empty: not served.
  std::string report_page_listen;
};

/// Reads and validates `surveys:`; throws config::ConfigError naming the key and the reason.
[[nodiscard]] Settings ParseSettings(const config::ServiceSettings& service);

}  // namespace careloop::surveys
