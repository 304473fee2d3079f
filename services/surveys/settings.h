#pragma once

#include <map>
#include <string>

#include "common/config/config.h"
#include "common/config/section.h"
#include "services/surveys/domain/complaint_case.h"
#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys {

/// The customer's answer page (`answer_page:`, docs/surveys.md "The answer page").
struct AnswerPageSettings final {
  std::string listen;           ///< `listen`: host:port the page is served on; empty: not served
  std::string public_url;       ///< `public_url`: the base of the links in invitations (no trailing /); empty: no links
  int submits_per_token = 5;    ///< `submits_per_token`: submits one link may make per window
  int submits_per_client = 30;  ///< `submits_per_client`: submits one client address may make per window
  int window_seconds = 600;     ///< `window_seconds`: the rate-limit window
};

/// careloop-surveys' own settings (the `surveys:` section), with their defaults.
struct Settings final {
  domain::SurveyPolicy policy;  ///< `answer_window_days`; defaults in domain
  /// `report_page.listen`: host:port of the CSI report page (docs/csi.md); empty: not served.
  std::string report_page_listen;
  /// Complaint-case rules per store id (`complaints:`, see ParseCaseRules).
  std::map<std::string, domain::CaseRules> case_rules;
  AnswerPageSettings answer_page;
};

/// Reads and validates `surveys:`; throws config::ConfigError naming the key and the reason.
[[nodiscard]] Settings ParseSettings(const config::ServiceSettings& service);

/// Reads `surveys.answer_page`; throws config::ConfigError for a listen address without a port or
/// a public URL that is not http(s).
[[nodiscard]] AnswerPageSettings ParseAnswerPage(const config::Section& section);

/// The complaint-case rules of every configured store from `surveys.complaints`: group-wide
/// `minor_deadline_hours`, `major_deadline_hours`, `owner`, `required_steps`, `staff_managers`,
/// each overridable under `stores.<store id>`; the manager is the store's `manager`. Throws
/// config::ConfigError for an unknown step word or store id.
[[nodiscard]] std::map<std::string, domain::CaseRules> ParseCaseRules(const config::Section& complaints,
                                                                      const std::vector<config::StoreSettings>& stores);

}  // namespace careloop::surveys
