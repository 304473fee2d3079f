#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/surveys/domain/survey_items.h"
#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys::domain {

/// How a template item is answered.
enum class AnswerType { kScore, kYesNo };

/// What the domain knows of one item: its group, its answer type, the word people type in the
/// CLI (`--score service_advisor_attitude=4`) and the default question in Chinese.
struct ItemInfo final {
  SurveyItem item = SurveyItem::kUnspecified;
  SurveyCategory category = SurveyCategory::kUnspecified;
  AnswerType answer_type = AnswerType::kScore;
  std::string_view word;
  std::string_view question;
  /// The survey kinds that may ask it (overall: both).
  bool sales = false;
  bool service = false;
};

/// Every known item, in the order the default templates ask them.
[[nodiscard]] std::span<const ItemInfo> AllItems();
/// The item's entry; nullopt for kUnspecified or a value the domain does not know.
[[nodiscard]] std::optional<ItemInfo> InfoOf(SurveyItem item);
/// The item a CLI word names (exact match).
[[nodiscard]] std::optional<SurveyItem> ItemOfWord(std::string_view word);
/// The item an int from the wire names, if the domain knows it.
[[nodiscard]] std::optional<SurveyItem> ItemOfNumber(int value);

/// One question of a template.
struct TemplateItem final {
  SurveyItem item = SurveyItem::kUnspecified;
  SurveyCategory category = SurveyCategory::kUnspecified;  ///< filled from the item when saved
  std::string question_text;
  bool required = true;
  AnswerType answer_type = AnswerType::kScore;  ///< filled from the item when saved
};

/// Score bounds and defaults of templates.
inline constexpr int kMinScore = 1;
inline constexpr int kMaxScore = 10;
inline constexpr int kMinRecommend = 0;
inline constexpr int kMaxRecommend = 10;
inline constexpr int kDefaultDissatisfiedThreshold = 6;
inline constexpr int kDefaultMajorThreshold = 3;

/// A survey template: which items a store asks after a delivery or a visit, and when an answer
/// is dissatisfied. Versioned: every save is a new version; surveys keep theirs.
struct SurveyTemplate final {
  std::string template_id;
  std::string store_id;  ///< empty: the group-wide default of its kind
  SurveyKind kind = SurveyKind::kServiceVisit;
  std::string display_name;
  std::vector<TemplateItem> items;
  int dissatisfied_threshold = kDefaultDissatisfiedThreshold;
  int major_threshold = kDefaultMajorThreshold;
  int validity_days = 7;
  int case_deadline_hours = 0;  ///< 0: the store's rule
  bool enabled = true;
  int version = 0;                 ///< 1 for the first save; 0 while unsaved
  std::string recommend_question;  ///< empty: NPS not asked
  std::string comment_question;    ///< empty: no free text asked
  Instant updated_at{};

  /// The entry of `item`, if the template asks it.
  [[nodiscard]] const TemplateItem* Find(SurveyItem item) const;
};

/// The template id of a store's own template of a kind; of the group default when the store is
/// empty. One template per store and kind: saving it again makes a new version.
[[nodiscard]] std::string TemplateIdFor(const std::string& store_id, SurveyKind kind);

/// The built-in group default of a kind (version 1): the domain's items scored 1–10, the yes/no
/// execution items, the recommend question and the free-text question, all in Chinese. Only the
/// overall item is required.
[[nodiscard]] SurveyTemplate DefaultTemplate(SurveyKind kind);

/// Checks a template before it is saved and fills each item's category and answer type from the
/// item. Errors name the field, e.g. `survey_template.items[2].item`: an unknown item, one of the
/// other kind, a duplicate, an empty question, no overall item (SMS replies answer it), thresholds
/// out of range (major ≤ dissatisfied, both 1–9), validity 1–90 days, deadline 0–720 hours.
[[nodiscard]] Status ValidateTemplate(SurveyTemplate& survey_template);

/// The template a store asks with: its own enabled template of the kind, else the group's saved
/// default, else the built-in default.
[[nodiscard]] SurveyTemplate EffectiveTemplate(const std::optional<SurveyTemplate>& store_template,
                                               const std::optional<SurveyTemplate>& group_template, SurveyKind kind);

}  // namespace careloop::surveys::domain
