#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/base/error.h"
#include "common/clock/clock.h"
#include "services/surveys/app/template_ports.h"
#include "services/surveys/domain/survey_rules.h"
#include "services/surveys/domain/survey_template.h"

namespace careloop::surveys::app {

/// Which template version a survey is asked and answered with (read-only; for issuing and
/// answering).
class TemplateCatalog final {
 public:
  explicit TemplateCatalog(TemplateStore& store) : store_(store) {}
  /// The template a store asks a kind of survey with now: its own, else the group's saved
  /// default, else the built-in default.
  [[nodiscard]] domain::SurveyTemplate Effective(const std::string& store_id, domain::SurveyKind kind);
  /// The version a survey was issued with (a survey issued before versioning: the effective one).
  /// NOT_FOUND when that version is not stored (a damaged store).
  [[nodiscard]] Result<domain::SurveyTemplate> Pinned(const domain::Survey& survey);

 private:
  TemplateStore& store_;
};

/// Survey templates per store and kind (ListSurveyTemplates, UpsertSurveyTemplate).
class TemplatesApp final {
 public:
  TemplatesApp(TemplateStore& store, const clock::Clock& clock) : store_(store), clock_(clock), catalog_(store) {}

  /// The group defaults (of `kind`, or both) and, when `store_id` is given, that store's own
  /// templates; latest versions.
  [[nodiscard]] Result<std::vector<domain::SurveyTemplate>> List(const auth::Principal& caller,
                                                                 const std::string& store_id,
                                                                 std::optional<domain::SurveyKind> kind);
  /// Saves a new version of the store's template of the kind (managers of the store, admins; the
  /// group default: admins only). An empty template id means the store's template of the kind;
  /// another id than that one is refused. Returns the stored version.
  [[nodiscard]] Result<domain::SurveyTemplate> Upsert(const auth::Principal& caller,
                                                      domain::SurveyTemplate survey_template);

  [[nodiscard]] TemplateCatalog& catalog() { return catalog_; }

 private:
  TemplateStore& store_;
  const clock::Clock& clock_;
  TemplateCatalog catalog_;
};

}  // namespace careloop::surveys::app
