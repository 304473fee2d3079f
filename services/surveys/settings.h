#pragma once

#include <map>
#include <string>

#include "common/config/config.h"
#include "services/surveys/domain/complaint_case.h"
#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys {

/// careloop-surveys' own settings (the `surveys:` section), with their defaults.
struct Settings final {
  domain::SurveyPolicy policy;  ///< `answer_window_days`, `max_delivery_age_days`; defaults in domain
  /// Complaint-case rules per store id, from the stores' `complaints:` and `staff_managers:`.
  std::map<std::string, domain::CaseRules> case_rules;
};

/// Reads and validates `surveys:`; throws config::ConfigError naming the key and the reason.
[[nodiscard]] Settings ParseSettings(const config::ServiceSettings& service);

/// The stores' complaint-case rules; throws config::ConfigError for an unknown step word.
[[nodiscard]] std::map<std::string, domain::CaseRules> CaseRulesOf(const std::vector<config::StoreSettings>& stores);

}  // namespace careloop::surveys
