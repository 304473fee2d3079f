#include "services/surveys/settings.h"

#include "common/config/section.h"

namespace careloop::surveys {

Settings ParseSettings(const config::ServiceSettings& service) {
  const config::Section section(service.section, "surveys");
  Settings settings;
  domain::SurveyPolicy& policy = settings.policy;
  const int window_days = static_cast<int>(std::chrono::duration_cast<Days>(policy.answer_window).count());
  policy.answer_window = Days{section.GetInt("answer_window_days", window_days, 1, 365)};
  policy.max_delivery_age_days = section.GetInt("max_delivery_age_days", policy.max_delivery_age_days, 0, 3650);
  settings.case_rules = CaseRulesOf(service.stores);
  return settings;
}

std::map<std::string, domain::CaseRules> CaseRulesOf(const std::vector<config::StoreSettings>& stores) {
  std::map<std::string, domain::CaseRules> rules;
  for (size_t i = 0; i < stores.size(); ++i) {
    const config::StoreSettings& store = stores[i];
    domain::CaseRules& out = rules[store.id];
    out.minor_deadline_hours = store.complaints.minor_deadline_hours;
    out.major_deadline_hours = store.complaints.major_deadline_hours;
    out.manager = store.manager;
    out.complaint_owner = store.complaints.owner;
    out.managers_of = store.staff_managers;
    out.required_steps.clear();
    for (const std::string& word : store.complaints.required_steps) {
      const auto step = domain::StepFromWord(word);
      if (!step) {
        throw config::ConfigError("stores[" + std::to_string(i) + "].complaints.required_steps",
                                  "unknown step '" + word +
                                      "' (get_facts, take_responsibility, empathise, agree_solution, "
                                      "thank_customer or follow_up)");
      }
      out.required_steps.push_back(*step);
    }
  }
  return rules;
}

}  // namespace careloop::surveys
