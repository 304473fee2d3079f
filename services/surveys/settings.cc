#include "services/surveys/settings.h"

#include "common/config/section.h"

namespace careloop::surveys {

Settings ParseSettings(const config::ServiceSettings& service) {
  const config::Section section(service.section, "surveys");
  Settings settings;
  domain::SurveyPolicy& policy = settings.policy;
  const int window_days = static_cast<int>(std::chrono::duration_cast<Days>(policy.answer_window).count());
  policy.answer_window = Days{section.GetInt("answer_window_days", window_days, 1, 365)};
  settings.report_page_listen = section.Child("report_page").Get<std::string>("listen", "");
  return settings;
}

}  // namespace careloop::surveys
