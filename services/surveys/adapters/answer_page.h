#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/surveys/app/answer_page_app.h"

// The customer's mobile answer page (docs/surveys.md "The answer page"): self-contained Chinese
// HTML for a phone — no script, no external resource, styles from one <style> element allowed by
// hash — and the form it posts. Everything from records or from the visitor is HTML-escaped.
namespace careloop::surveys::adapters {

/// The fields of a form post (application/x-www-form-urlencoded), decoded; the last of a name wins.
using FormFields = std::map<std::string, std::string>;

/// Decodes an application/x-www-form-urlencoded body ('+' is a space, %XY a byte).
[[nodiscard]] FormFields ParseFormBody(std::string_view body);

/// A problem with one answer, as the page shows it: the form field (`s_<item word>` for a score,
/// `e_<item word>` for a yes/no item, `recommend`, `comment`) and why, in Chinese.
struct PageError final {
  std::string field;
  std::string message;
};

/// The answers a form post gives: `s_<word>` a score 1–10, `e_<word>` yes/no, `recommend` 0–10,
/// `comment`; fields naming no known item are ignored. Read without the template, and never
/// refused here: a value that is no number (or not yes/no) becomes an answer the domain refuses
/// (a score of 0, or a yes/no item given as a score), so every submit goes through the rate limit
/// and the domain's checks, and PageErrorOf names the question.
[[nodiscard]] domain::SurveyAnswers ParseAnswerForm(const FormFields& form);

/// The PageError for an INVALID_ARGUMENT the answers got (its field names an index into
/// `answers`, or a list whose required item is missing); the message follows the question's
/// answer type.
[[nodiscard]] PageError PageErrorOf(const domain::SurveyTemplate& asked, const domain::SurveyAnswers& answers,
                                    const Error& error);

/// The questionnaire of an open link, filled with `entered` (after an error) and showing `error`.
/// `zone` gives the local dates shown.
[[nodiscard]] std::string RenderAnswerForm(const app::LinkPage& page, const TimeZone& zone, const FormFields& entered,
                                           const std::optional<PageError>& error);

/// The thank-you page after a submit.
[[nodiscard]] std::string RenderThanks(const app::LinkPage& page);

/// A short Chinese notice page (already answered, expired, unknown, too many tries, unavailable).
[[nodiscard]] std::string RenderNotice(std::string_view title, std::string_view message,
                                       std::string_view store_name = "");

/// The Content-Security-Policy every answer of the page carries: nothing but the page's own
/// <style> (by its hash), forms posting back to the page only, never framed.
[[nodiscard]] const std::string& AnswerPageCsp();

}  // namespace careloop::surveys::adapters
