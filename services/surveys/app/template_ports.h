#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/error.h"
#include "services/surveys/domain/survey_template.h"

namespace careloop::surveys::app {

/// Port: saved survey templates, every version kept.
class TemplateStore {
 public:
  virtual ~TemplateStore() = default;
  /// Saves `survey_template` as the next version of its template id (1 for the first) and
  /// returns it with that version; the version and the record are written in one atomic step.
  /// ABORTED when concurrent saves kept winning.
  [[nodiscard]] virtual Result<domain::SurveyTemplate> SaveNewVersion(
      const domain::SurveyTemplate& survey_template) = 0;
  /// The latest saved version of a template id.
  [[nodiscard]] virtual std::optional<domain::SurveyTemplate> Latest(const std::string& template_id) = 0;
  /// One saved version of a template id.
  [[nodiscard]] virtual std::optional<domain::SurveyTemplate> Version(const std::string& template_id, int version) = 0;
  /// The latest version of every template saved for a store ("" for the group's defaults).
  [[nodiscard]] virtual std::vector<domain::SurveyTemplate> ListLatest(const std::string& store_id) = 0;
};

}  // namespace careloop::surveys::app
