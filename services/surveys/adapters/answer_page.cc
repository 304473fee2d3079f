#include "services/surveys/adapters/answer_page.h"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "common/base/text.h"
#include "common/providers/crypto.h"

namespace careloop::surveys::adapters {
namespace {

// The page's only style sheet; the CSP allows it by its SHA-256 (so no style attribute anywhere).
constexpr std::string_view kStyle =
    "*{box-sizing:border-box}"
    "body{margin:0;background:#f4f5f7;color:#1f2329;font:16px/1.6 \"Noto Sans CJK SC\",\"PingFang SC\","
    "\"WenQuanYi Zen Hei\",sans-serif;-webkit-text-size-adjust:100%}"
    "main{max-width:560px;margin:0 auto;padding:16px}"
    "header{background:#fff;border-radius:12px;padding:16px;margin-bottom:12px}"
    ".store{margin:0;color:#1664ff;font-weight:600}"
    "h1{font-size:22px;margin:4px 0 8px}"
    ".what{margin:0;color:#4e5969;font-size:15px}"
    ".alert{background:#fff1f0;border:1px solid #ffa39e;color:#a8071a;border-radius:12px;padding:12px 16px;"
    "margin:0 0 12px}"
    "fieldset{background:#fff;border:2px solid transparent;border-radius:12px;padding:12px 16px 16px;"
    "margin:0 0 12px;min-width:0}"
    "fieldset.bad{border-color:#f5222d}"
    "legend{float:left;width:100%;padding:0;margin:0 0 8px;font-weight:600}"
    ".req{color:#f5222d;font-weight:400;font-size:14px}"
    ".why{color:#a8071a;margin:0 0 8px;font-size:15px}"
    ".scale{display:grid;grid-template-columns:repeat(5,1fr);gap:8px;clear:both}"
    ".scale.r11{grid-template-columns:repeat(6,1fr)}"
    ".yesno{display:grid;grid-template-columns:1fr 1fr;gap:8px;clear:both}"
    ".opt{position:relative;display:block}"
    ".opt input{position:absolute;opacity:0;width:1px;height:1px}"
    ".opt span{display:flex;align-items:center;justify-content:center;min-height:48px;border:1px solid #c9cdd4;"
    "border-radius:10px;background:#fff;font-size:18px}"
    ".opt input:checked+span{background:#1664ff;border-color:#1664ff;color:#fff;font-weight:600}"
    ".opt input:focus-visible+span{outline:3px solid #94bfff;outline-offset:2px}"
    ".ends{display:flex;justify-content:space-between;color:#86909c;font-size:13px;margin:6px 0 0}"
    "textarea{display:block;width:100%;min-height:120px;padding:10px;border:1px solid #c9cdd4;border-radius:10px;"
    "font:inherit;clear:both;resize:vertical}"
    "button{display:block;width:100%;min-height:52px;border:0;border-radius:12px;background:#1664ff;color:#fff;"
    "font-size:18px;font-weight:600;margin:8px 0 24px}"
    ".note{background:#fff;border-radius:12px;padding:24px 16px;text-align:center}"
    ".note h1{margin-top:0}"
    ".small{color:#86909c;font-size:13px;text-align:center}";

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::string DecodeFormPart(std::string_view part) {
  std::string out;
  out.reserve(part.size());
  for (size_t i = 0; i < part.size(); ++i) {
    const char c = part[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < part.size() && HexValue(part[i + 1]) >= 0 && HexValue(part[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(part[i + 1]) * 16 + HexValue(part[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<int> WholeNumber(const std::string& text) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || text.size() > 3 || ec != std::errc{} || ptr != end) {
    return std::nullopt;
  }
  return value;
}

std::string FieldOf(const domain::TemplateItem& item) {
  const auto info = domain::InfoOf(item.item);
  const std::string word = info ? std::string(info->word) : std::to_string(static_cast<int>(item.item));
  return (item.answer_type == domain::AnswerType::kScore ? "s_" : "e_") + word;
}

std::string ScoreMessage(bool missing) {
  return missing ? "此题必答，请选择 1 到 10 分。" : "请选择 1 到 10 分。";
}

std::string Value(const FormFields& form, const std::string& name) {
  const auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

std::string ChineseDate(Date date) {
  return std::to_string(date.year) + "年" + std::to_string(date.month) + "月" + std::to_string(date.day) + "日";
}

std::string LocalDate(const TimeZone& zone, Instant instant) {
  return ChineseDate(zone.DateAt(instant));
}

// What is surveyed, in the customer's words: the day of the visit or the delivery when known.
std::string Occasion(const domain::Survey& survey) {
  const bool delivery = survey.kind == domain::SurveyKind::kSalesDelivery;
  if (!survey.occasion_date.IsSet()) {
    return delivery ? "感谢您在本店提车。请为本次新车交付打分。" : "感谢您到店维修保养。请为本次服务打分。";
  }
  const std::string day = ChineseDate(survey.occasion_date);
  return delivery ? "感谢您" + day + "在本店提车。请为本次新车交付打分。"
                  : "感谢您" + day + "到店维修保养。请为本次服务打分。";
}

void Head(std::ostringstream& html, std::string_view title) {
  html << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       << "<meta name=\"referrer\" content=\"no-referrer\"><link rel=\"icon\" href=\"data:,\">"
       << "<title>" << HtmlEscape(title) << "</title><style>" << kStyle << "</style></head>\n<body><main>\n";
}

void Foot(std::ostringstream& html) {
  html << "</main></body></html>\n";
}

/// One set of radio buttons `from`..`to` named `name`, `entered` checked.
void Scale(std::ostringstream& html, const std::string& name, int from, int to, const std::string& entered,
           std::string_view low, std::string_view high) {
  html << "<div class=\"scale" << (to - from + 1 > 10 ? " r11" : "") << "\">";
  for (int value = from; value <= to; ++value) {
    const std::string text = std::to_string(value);
    html << "<label class=\"opt\"><input type=\"radio\" name=\"" << name << "\" value=\"" << text << "\""
         << (entered == text ? " checked" : "") << "><span>" << text << "</span></label>";
  }
  html << "</div><p class=\"ends\"><span>" << low << "</span><span>" << high << "</span></p>";
}

void Question(std::ostringstream& html, const std::string& field, int number, std::string_view text, bool required,
              const std::optional<PageError>& error) {
  const bool bad = error && error->field == field;
  html << "<fieldset id=\"q-" << HtmlEscape(field) << "\"" << (bad ? " class=\"bad\"" : "") << "><legend>" << number
       << ". " << HtmlEscape(text) << (required ? " <span class=\"req\">（必答）</span>" : "") << "</legend>";
  if (bad) {
    html << "<p class=\"why\">" << HtmlEscape(error->message) << "</p>";
  }
}

}  // namespace

FormFields ParseFormBody(std::string_view body) {
  FormFields fields;
  while (!body.empty()) {
    const size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    const size_t eq = pair.find('=');
    std::string name = DecodeFormPart(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : DecodeFormPart(pair.substr(eq + 1));
    fields[std::move(name)] = std::move(value);
  }
  return fields;
}

domain::SurveyAnswers ParseAnswerForm(const FormFields& form) {
  domain::SurveyAnswers answers;
  for (const domain::ItemInfo& info : domain::AllItems()) {
    const std::string word(info.word);
    if (const std::string value = Value(form, "s_" + word); !value.empty()) {
      answers.scores.push_back({info.item, WholeNumber(value).value_or(0)});
    }
    if (const std::string value = Value(form, "e_" + word); value == "yes" || value == "no") {
      answers.executions.push_back({info.item, value == "yes"});
    } else if (!value.empty()) {
      answers.scores.push_back({info.item, 0});  // refused by the domain as a yes/no item given a score
    }
  }
  if (const std::string value = Value(form, "recommend"); !value.empty()) {
    answers.recommend = WholeNumber(value).value_or(-1);
  }
  answers.comment = Value(form, "comment");
  return answers;
}

PageError PageErrorOf(const domain::SurveyTemplate& asked, const domain::SurveyAnswers& answers, const Error& error) {
  const auto index_in = [&](std::string_view list) -> std::optional<size_t> {
    const std::string prefix = std::string(list) + "[";
    if (!error.field.starts_with(prefix)) {
      return std::nullopt;
    }
    size_t index = 0;
    const auto [ptr, ec] =
        std::from_chars(error.field.data() + prefix.size(), error.field.data() + error.field.size(), index);
    return ec == std::errc{} && *ptr == ']' ? std::optional(index) : std::nullopt;
  };
  const auto about_item = [&](domain::SurveyItem item) -> PageError {
    const domain::TemplateItem* entry = asked.Find(item);
    if (entry == nullptr) {
      return {"", "提交了本次评价没有的题目，请刷新页面后再提交。"};
    }
    return {FieldOf(*entry),
            entry->answer_type == domain::AnswerType::kScore ? ScoreMessage(false) : std::string("请选择“是”或“否”。")};
  };
  if (const auto i = index_in("scores"); i && *i < answers.scores.size()) {
    return about_item(answers.scores[*i].item);
  }
  if (const auto i = index_in("execution_answers"); i && *i < answers.executions.size()) {
    return about_item(answers.executions[*i].item);
  }
  if (error.field == "scores" || error.field == "execution_answers") {
    for (const domain::TemplateItem& item : asked.items) {
      const bool answered = item.answer_type == domain::AnswerType::kScore
                                ? std::any_of(answers.scores.begin(), answers.scores.end(),
                                              [&](const auto& s) { return s.item == item.item; })
                                : std::any_of(answers.executions.begin(), answers.executions.end(),
                                              [&](const auto& e) { return e.item == item.item; });
      if (item.required && !answered) {
        return {FieldOf(item),
                item.answer_type == domain::AnswerType::kScore ? ScoreMessage(true) : "此题必答，请选择“是”或“否”。"};
      }
    }
  }
  if (error.field == "recommend_score") {
    return {"recommend", "请选择 0 到 10 分。"};
  }
  if (error.field == "comment") {
    return {"comment", "意见或建议最多 " + std::to_string(domain::kMaxCommentChars) + " 字。"};
  }
  return {"", "提交的内容有误，请检查后再提交。"};
}

std::string RenderAnswerForm(const app::LinkPage& page, const TimeZone& zone, const FormFields& entered,
                             const std::optional<PageError>& error) {
  const domain::Survey& survey = page.survey;
  const bool delivery = survey.kind == domain::SurveyKind::kSalesDelivery;
  std::ostringstream html;
  Head(html, "服务评价 · " + page.store_name);
  html << "<header><p class=\"store\">" << HtmlEscape(page.store_name) << "</p><h1>"
       << (delivery ? "新车交付满意度评价" : "售后服务满意度评价") << "</h1><p class=\"what\">" << Occasion(survey)
       << "<br>评价截止：" << LocalDate(zone, survey.expires_at) << "</p></header>\n";
  if (error) {
    html << "<p class=\"alert\" role=\"alert\">提交未成功：请检查标红的题目。" << HtmlEscape(error->message)
         << "</p>\n";
  }
  html << "<form method=\"post\" accept-charset=\"utf-8\">\n";
  int number = 0;
  for (const domain::TemplateItem& item : page.asked.items) {
    const std::string field = FieldOf(item);
    Question(html, field, ++number, item.question_text, item.required, error);
    if (item.answer_type == domain::AnswerType::kScore) {
      Scale(html, field, domain::kMinScore, domain::kMaxScore, Value(entered, field), "1 非常不满意", "10 非常满意");
    } else {
      const std::string value = Value(entered, field);
      html << "<div class=\"yesno\"><label class=\"opt\"><input type=\"radio\" name=\"" << field << "\" value=\"yes\""
           << (value == "yes" ? " checked" : "") << "><span>是</span></label><label class=\"opt\"><input "
           << "type=\"radio\" name=\"" << field << "\" value=\"no\"" << (value == "no" ? " checked" : "")
           << "><span>否</span></label></div>";
    }
    html << "</fieldset>\n";
  }
  if (!page.asked.recommend_question.empty()) {
    Question(html, "recommend", ++number, page.asked.recommend_question, false, error);
    Scale(html, "recommend", domain::kMinRecommend, domain::kMaxRecommend, Value(entered, "recommend"), "0 不可能",
          "10 非常可能");
    html << "</fieldset>\n";
  }
  if (!page.asked.comment_question.empty()) {
    Question(html, "comment", ++number, page.asked.comment_question, false, error);
    html << "<textarea name=\"comment\" maxlength=\"" << domain::kMaxCommentChars
         << "\" placeholder=\"选填\" aria-label=\"" << HtmlEscape(page.asked.comment_question) << "\">"
         << HtmlEscape(Value(entered, "comment")) << "</textarea></fieldset>\n";
  }
  html << "<button type=\"submit\">提交评价</button>\n</form>\n"
       << "<p class=\"small\">您的评价仅用于改进服务，不会公开。</p>\n";
  Foot(html);
  return html.str();
}

std::string RenderThanks(const app::LinkPage& page) {
  return RenderNotice("感谢您的评价", "您的评价已提交，感谢您的反馈！我们会认真对待您的每一条意见。", page.store_name);
}

std::string RenderNotice(std::string_view title, std::string_view message, std::string_view store_name) {
  std::ostringstream html;
  Head(html, title);
  html << "<div class=\"note\">";
  if (!store_name.empty()) {
    html << "<p class=\"store\">" << HtmlEscape(store_name) << "</p>";
  }
  html << "<h1>" << HtmlEscape(title) << "</h1><p>" << HtmlEscape(message) << "</p></div>\n";
  Foot(html);
  return html.str();
}

const std::string& AnswerPageCsp() {
  static const std::string csp = "default-src 'none'; style-src 'sha256-" +
                                 providers::Base64Encode(providers::Sha256(kStyle)) +
                                 "'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  return csp;
}

}  // namespace careloop::surveys::adapters
