#include "services/surveys/adapters/template_mapping.h"

#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/enum_tables.h"

namespace careloop::surveys::adapters {

pb::SurveyTemplate ToProto(const domain::SurveyTemplate& survey_template) {
  pb::SurveyTemplate out;
  out.set_template_id(survey_template.template_id);
  out.set_store_id(survey_template.store_id);
  out.set_kind(kSurveyKinds.ToProto(survey_template.kind).value_or(pb::SURVEY_KIND_UNSPECIFIED));
  out.set_display_name(survey_template.display_name);
  for (const auto& item : survey_template.items) {
    auto* entry = out.add_items();
    entry->set_item(static_cast<pb::SurveyItem>(static_cast<int>(item.item)));
    entry->set_category(static_cast<pb::SurveyCategory>(static_cast<int>(item.category)));
    entry->set_question_text(item.question_text);
    entry->set_required(item.required);
    entry->set_answer_type(kAnswerTypes.ToProto(item.answer_type).value_or(pb::ANSWER_TYPE_SCORE));
  }
  out.set_dissatisfied_threshold(survey_template.dissatisfied_threshold);
  out.set_major_threshold(survey_template.major_threshold);
  out.set_validity_days(survey_template.validity_days);
  out.set_case_deadline_hours(survey_template.case_deadline_hours);
  out.set_enabled(survey_template.enabled);
  if (survey_template.updated_at != Instant{}) {
    *out.mutable_updated_at() = events::ToTimestamp(survey_template.updated_at);
  }
  out.set_version(survey_template.version);
  out.set_recommend_question_text(survey_template.recommend_question);
  out.set_comment_question_text(survey_template.comment_question);
  return out;
}

Result<domain::SurveyTemplate> TemplateFromProto(const pb::SurveyTemplate& survey_template) {
  domain::SurveyTemplate out;
  auto kind = events::FromClient(kSurveyKinds, survey_template.kind(), "survey_template.kind");
  if (!kind.ok()) {
    return kind.error();
  }
  out.kind = kind.value();
  out.template_id = survey_template.template_id();
  out.store_id = survey_template.store_id();
  out.display_name = survey_template.display_name();
  for (int i = 0; i < survey_template.items_size(); ++i) {
    const auto& entry = survey_template.items(i);
    const auto item = domain::ItemOfNumber(entry.item());
    if (!item) {
      return InvalidArgument("survey_template.items[" + std::to_string(i) + "].item",
                             "unknown item " + std::to_string(entry.item()));
    }
    domain::TemplateItem parsed;
    parsed.item = *item;
    parsed.question_text = entry.question_text();
    parsed.required = entry.required();
    parsed.answer_type = kAnswerTypes.FromProto(entry.answer_type()).value_or(domain::AnswerType::kScore);
    if (const auto info = domain::InfoOf(*item)) {
      parsed.category = info->category;
    }
    out.items.push_back(std::move(parsed));
  }
  out.dissatisfied_threshold = survey_template.dissatisfied_threshold() == 0 ? domain::kDefaultDissatisfiedThreshold
                                                                             : survey_template.dissatisfied_threshold();
  out.major_threshold =
      survey_template.major_threshold() == 0 ? domain::kDefaultMajorThreshold : survey_template.major_threshold();
  out.validity_days = survey_template.validity_days() == 0 ? 7 : survey_template.validity_days();
  out.case_deadline_hours = survey_template.case_deadline_hours();
  out.enabled = survey_template.enabled();
  if (survey_template.has_updated_at()) {
    out.updated_at = events::FromTimestamp(survey_template.updated_at());
  }
  out.version = survey_template.version();
  out.recommend_question = survey_template.recommend_question_text();
  out.comment_question = survey_template.comment_question_text();
  return out;
}

}  // namespace careloop::surveys::adapters
