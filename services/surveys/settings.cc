#include "services/surveys/settings.h"

#include <algorithm>

#include "common/config/section.h"

namespace careloop::surveys {

AnswerPageSettings ParseAnswerPage(const config::Section& section) {
  AnswerPageSettings page;
  page.listen = section.Get<std::string>("listen", page.listen);
  if (!page.listen.empty() && page.listen.rfind(':') == std::string::npos) {
    throw config::ConfigError(section.PathOf("listen"), "must be host:port, e.g. 127.0.0.1:8090");
  }
  page.public_url = section.Get<std::string>("public_url", page.public_url);
  while (page.public_url.ends_with('/')) {
    page.public_url.pop_back();
  }
  if (!page.public_url.empty() && !page.public_url.starts_with("https://") && !page.public_url.starts_with("http://")) {
    throw config::ConfigError(section.PathOf("public_url"), "must start with https:// (or http:// for a local stack)");
  }
  page.submits_per_token = section.GetInt("submits_per_token", page.submits_per_token, 1, 1000);
  page.submits_per_client = section.GetInt("submits_per_client", page.submits_per_client, 1, 100000);
  page.window_seconds = section.GetInt("window_seconds", page.window_seconds, 1, 24 * 3600);
  return page;
}

Settings ParseSettings(const config::ServiceSettings& service) {
  const config::Section section(service.section, "surveys");
  Settings settings;
  domain::SurveyPolicy& policy = settings.policy;
  const int window_days = static_cast<int>(std::chrono::duration_cast<Days>(policy.answer_window).count());
  policy.answer_window = Days{section.GetInt("answer_window_days", window_days, 1, 365)};
  settings.report_page_listen = section.Child("report_page").Get<std::string>("listen", "");
  settings.case_rules = ParseCaseRules(section.Child("complaints"), service.stores);
  settings.answer_page = ParseAnswerPage(section.Child("answer_page"));
  return settings;
}

namespace {

/// Reads the SLA hours, owner, steps and staff directory of `section` over `rules`.
void ReadCaseRules(const config::Section& section, domain::CaseRules& rules) {
  rules.minor_deadline_hours = section.GetInt("minor_deadline_hours", rules.minor_deadline_hours, 1, 24 * 90);
  rules.major_deadline_hours = section.GetInt("major_deadline_hours", rules.major_deadline_hours, 1, 24 * 90);
  rules.complaint_owner = section.Get<std::string>("owner", rules.complaint_owner);
  rules.managers_of = section.Get<std::map<std::string, std::string>>("staff_managers", rules.managers_of);
  if (!section.Has("required_steps")) {
    return;
  }
  rules.required_steps.clear();
  for (const std::string& word : section.Get<std::vector<std::string>>("required_steps", {})) {
    const auto step = domain::StepFromWord(word);
    if (!step) {
      throw config::ConfigError(section.PathOf("required_steps"),
                                "unknown step '" + word +
                                    "' (get_facts, take_responsibility, empathise, agree_solution, thank_customer "
                                    "or follow_up)");
    }
    rules.required_steps.push_back(*step);
  }
}

}  // namespace

std::map<std::string, domain::CaseRules> ParseCaseRules(const config::Section& complaints,
                                                        const std::vector<config::StoreSettings>& stores) {
  domain::CaseRules group;
  ReadCaseRules(complaints, group);
  const config::Section per_store = complaints.Child("stores");
  if (per_store.node().IsDefined() && per_store.node().IsMap()) {
    for (const auto& entry : per_store.node()) {
      const std::string id = entry.first.as<std::string>();
      const bool known = std::any_of(stores.begin(), stores.end(), [&](const auto& s) { return s.id == id; });
      if (!known) {
        throw config::ConfigError(per_store.PathOf(id), "is not a configured store");
      }
    }
  }
  std::map<std::string, domain::CaseRules> rules;
  for (const config::StoreSettings& store : stores) {
    domain::CaseRules& own = rules[store.id];
    own = group;
    own.manager = store.manager;
    ReadCaseRules(per_store.Child(store.id), own);
  }
  return rules;
}

}  // namespace careloop::surveys
