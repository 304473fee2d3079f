#pragma once

#include <string>
#include <utility>
#include <vector>

#include "careloop/survey/v1/survey.pb.h"

// What `careloopctl survey get|answer|template list` print, and how their flags are read.
namespace careloop::ctl {

/// `--score overall=9`: the item (its word, e.g. service_advisor_attitude) and the score as
/// typed (range checked by the service). UsageError for an unknown word or a missing number.
[[nodiscard]] std::pair<careloop::survey::v1::SurveyItem, int> ParseScoreFlag(const std::string& flag);
/// `--yes warranty_explained` / `--no …`: the item a word names. UsageError when unknown.
[[nodiscard]] careloop::survey::v1::SurveyItem ParseItemWord(const std::string& word);
/// The item's word ("service_advisor_attitude"), or its number when the CLI does not know it.
[[nodiscard]] std::string ItemWord(careloop::survey::v1::SurveyItem item);

/// Free text as a terminal may show it: control characters (which could move the cursor or
/// recolour the screen) become "?"; everything else, markup included, is shown as typed.
[[nodiscard]] std::string TerminalSafe(const std::string& text);

/// One survey: its fields (Chinese labels: template and version, channel, average, NPS answer,
/// case, the comment made terminal-safe), then its answers item by item with the item's standard
/// question (the template version's own wording: `survey template list`).
[[nodiscard]] std::string SurveyDetail(const careloop::survey::v1::Survey& survey);

/// Templates: id, store (集团默认 for the group's), kind, version, items asked, threshold, enabled, updated.
[[nodiscard]] std::string TemplatesTable(const std::vector<careloop::survey::v1::SurveyTemplate>& templates);
/// One template's questions: item, category, answer type, required, question.
[[nodiscard]] std::string TemplateItemsTable(const careloop::survey::v1::SurveyTemplate& survey_template);

}  // namespace careloop::ctl
