#include "services/surveys/app/templates_app.h"

#include "common/log/log.h"

namespace careloop::surveys::app {
namespace {

constexpr domain::SurveyKind kKinds[] = {domain::SurveyKind::kSalesDelivery, domain::SurveyKind::kServiceVisit};

}  // namespace

domain::SurveyTemplate TemplateCatalog::Effective(const std::string& store_id, domain::SurveyKind kind) {
  return domain::EffectiveTemplate(store_.Latest(domain::TemplateIdFor(store_id, kind)),
                                   store_.Latest(domain::TemplateIdFor("", kind)), kind);
}

Result<domain::SurveyTemplate> TemplateCatalog::Pinned(const domain::Survey& survey) {
  if (survey.template_version <= 0) {
    return Effective(survey.store_id, survey.kind);
  }
  if (auto saved = store_.Version(survey.template_id, survey.template_version)) {
    return *saved;
  }
  const domain::SurveyTemplate builtin = domain::DefaultTemplate(survey.kind);
  if (survey.template_id == builtin.template_id && survey.template_version == builtin.version) {
    return builtin;
  }
  return Error{
      ErrorCode::kNotFound, "template_id",
      "template " + survey.template_id + " version " + std::to_string(survey.template_version) + " is not stored"};
}

Result<std::vector<domain::SurveyTemplate>> TemplatesApp::List(const auth::Principal& caller,
                                                               const std::string& store_id,
                                                               std::optional<domain::SurveyKind> kind) {
  if (!store_id.empty()) {
    if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
      return allowed.error();
    }
  }
  std::vector<domain::SurveyTemplate> out;
  for (const auto each : kKinds) {
    if (kind && *kind != each) {
      continue;
    }
    auto group = store_.Latest(domain::TemplateIdFor("", each));
    out.push_back(group ? *group : domain::DefaultTemplate(each));
    if (!store_id.empty()) {
      if (auto own = store_.Latest(domain::TemplateIdFor(store_id, each))) {
        out.push_back(*own);
      }
    }
  }
  return out;
}

Result<domain::SurveyTemplate> TemplatesApp::Upsert(const auth::Principal& caller,
                                                    domain::SurveyTemplate survey_template) {
  const bool group_default = survey_template.store_id.empty();
  if (Status role = group_default ? caller.RequireRole({auth::Role::kAdmin})
                                  : caller.RequireRole({auth::Role::kAdmin, auth::Role::kManager});
      !role.ok()) {
    return role.error();
  }
  if (!group_default) {
    if (Status allowed = caller.RequireStore(survey_template.store_id); !allowed.ok()) {
      return allowed.error();
    }
  }
  const std::string id = domain::TemplateIdFor(survey_template.store_id, survey_template.kind);
  if (!survey_template.template_id.empty() && survey_template.template_id != id) {
    return InvalidArgument("survey_template.template_id",
                           "must be empty or " + id + " (one template per store and kind)");
  }
  survey_template.template_id = id;
  if (Status valid = domain::ValidateTemplate(survey_template); !valid.ok()) {
    return valid.error();
  }
  if (group_default && !store_.Latest(id)) {
    // The built-in default is version 1 of the group's template: keep it, so surveys asked with
    // it still find their version once the group default changes.
    domain::SurveyTemplate builtin = domain::DefaultTemplate(survey_template.kind);
    builtin.updated_at = clock_.Now();
    if (auto kept = store_.SaveNewVersion(builtin); !kept.ok()) {
      return kept.error();
    }
  }
  survey_template.updated_at = clock_.Now();
  auto saved = store_.SaveNewVersion(survey_template);
  if (saved.ok()) {
    log::Info("survey template saved",
              {{"template_id", saved->template_id}, {"version", saved->version}, {"by", caller.name}});
  }
  return saved;
}

}  // namespace careloop::surveys::app
