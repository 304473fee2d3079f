#include "tools/careloopctl/survey_view.h"

#include <charconv>
#include <iomanip>
#include <sstream>

#include "services/surveys/domain/survey_template.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace sv1 = careloop::survey::v1;
namespace sdomain = careloop::surveys::domain;

std::string StatusText(sv1::SurveyStatus status) {
  switch (status) {
    case sv1::SURVEY_STATUS_ISSUED: return "待回答";
    case sv1::SURVEY_STATUS_ANSWERED: return "已回答";
    case sv1::SURVEY_STATUS_EXPIRED: return "已过期";
    case sv1::SURVEY_STATUS_CANCELLED: return "已取消";
    default: return "-";
  }
}

std::string KindText(sv1::SurveyKind kind) {
  switch (kind) {
    case sv1::SURVEY_KIND_SALES_DELIVERY: return "销售(交车)";
    case sv1::SURVEY_KIND_SERVICE_VISIT: return "售后(进店)";
    default: return "-";
  }
}

std::string ChannelText(common::v1::Channel channel) {
  switch (channel) {
    case common::v1::CHANNEL_SMS: return "短信";
    case common::v1::CHANNEL_WECHAT: return "微信";
    case common::v1::CHANNEL_PHONE_CALL: return "电话";
    case common::v1::CHANNEL_FACE_TO_FACE: return "当面";
    default: return "-";
  }
}

std::string SourceText(sv1::SatisfactionSource source) {
  switch (source) {
    case sv1::SATISFACTION_SOURCE_INTERNAL: return "内部回访";
    case sv1::SATISFACTION_SOURCE_EXTERNAL: return "厂家调查";
    default: return "-";
  }
}

std::string Question(sv1::SurveyItem item) {
  const auto info = sdomain::InfoOf(static_cast<sdomain::SurveyItem>(static_cast<int>(item)));
  return info ? std::string(info->question) : "";
}

std::string OrDash(const std::string& text) {
  return text.empty() ? std::string("-") : text;
}

}  // namespace

std::pair<sv1::SurveyItem, int> ParseScoreFlag(const std::string& flag) {
  const auto eq = flag.find('=');
  if (eq == std::string::npos) {
    throw UsageError("--score: expected ITEM=SCORE, e.g. overall=9: " + flag);
  }
  const sv1::SurveyItem item = ParseItemWord(flag.substr(0, eq));
  const std::string number = flag.substr(eq + 1);
  int score = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), score);
  if (number.empty() || error != std::errc() || end != number.data() + number.size()) {
    throw UsageError("--score: not a number: " + flag);
  }
  return {item, score};
}

sv1::SurveyItem ParseItemWord(const std::string& word) {
  const auto item = sdomain::ItemOfWord(word);
  if (!item) {
    throw UsageError("unknown survey item: " + word +
                     " (e.g. overall, service_advisor_attitude, sales_warranty_explained)");
  }
  return static_cast<sv1::SurveyItem>(static_cast<int>(*item));
}

std::string ItemWord(sv1::SurveyItem item) {
  const auto info = sdomain::InfoOf(static_cast<sdomain::SurveyItem>(static_cast<int>(item)));
  return info ? std::string(info->word) : std::to_string(static_cast<int>(item));
}

std::string TerminalSafe(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(byte < 0x20 || byte == 0x7F ? '?' : c);
  }
  return out;
}

std::string SurveyDetail(const sv1::Survey& survey) {
  std::ostringstream average;
  average << std::fixed << std::setprecision(1) << survey.average_score();
  std::vector<std::pair<std::string, std::string>> fields{
      {"回访编号", survey.survey_id()},
      {"类型", KindText(survey.kind())},
      {"状态", StatusText(survey.status())},
      {"门店", survey.store_id()},
      {"客户", survey.customer_id()},
      {"车辆", OrDash(survey.vehicle_id())},
      {"进店记录", OrDash(survey.visit_id())},
      {"被评价人", OrDash(survey.advisor())},
      {"问卷模板", survey.template_id() + " 第" + std::to_string(survey.template_version()) + "版"},
      {"发出时间", FormatLocal(survey.issued_at(), survey.has_issued_at())},
      {"截止时间", FormatLocal(survey.expires_at(), survey.has_expires_at())},
  };
  if (survey.status() == sv1::SURVEY_STATUS_ANSWERED) {
    fields.insert(
        fields.end(),
        {
            {"回答时间", FormatLocal(survey.answered_at(), survey.has_answered_at())},
            {"回答渠道", ChannelText(survey.response_channel())},
            {"来源", SourceText(survey.source())},
            {"平均分", average.str()},
            {"推荐意愿", survey.has_recommend_score() ? std::to_string(survey.recommend_score()) + "/10" : "-"},
            {"是否不满意", survey.dissatisfied() ? "是" : "否"},
            {"情绪激动(员工标记)", survey.flagged_angry() ? "是" : "否"},
            {"投诉工单", OrDash(survey.case_id())},
            {"客户意见", OrDash(TerminalSafe(survey.comment()))},
        });
  }
  std::string out = RenderFields(fields);
  if (survey.scores_size() > 0 || survey.execution_answers_size() > 0) {
    Table answers({"项目", "问题", "回答"});
    for (const auto& score : survey.scores()) {
      answers.AddRow({ItemWord(score.item()), Question(score.item()), std::to_string(score.score()) + "分"});
    }
    for (const auto& execution : survey.execution_answers()) {
      answers.AddRow({ItemWord(execution.item()), Question(execution.item()), execution.yes() ? "是" : "否"});
    }
    out += "\n" + answers.Render();
  }
  return out;
}

std::string TemplatesTable(const std::vector<sv1::SurveyTemplate>& templates) {
  Table table({"模板", "门店", "类型", "版本", "题目数", "不满意阈值", "启用", "更新时间"});
  for (const auto& each : templates) {
    table.AddRow({each.template_id(), each.store_id().empty() ? "集团默认" : each.store_id(), KindText(each.kind()),
                  std::to_string(each.version()), std::to_string(each.items_size()),
                  "≤" + std::to_string(each.dissatisfied_threshold()), each.enabled() ? "是" : "否",
                  FormatLocal(each.updated_at(), each.has_updated_at())});
  }
  return table.Render();
}

std::string TemplateItemsTable(const sv1::SurveyTemplate& survey_template) {
  Table table({"项目", "类别", "回答方式", "必答", "问题"});
  for (const auto& item : survey_template.items()) {
    table.AddRow({ItemWord(item.item()), ShortEnumName(sv1::SurveyCategory_Name(item.category()), "SURVEY_CATEGORY_"),
                  item.answer_type() == sv1::ANSWER_TYPE_YES_NO ? "是/否" : "1-10分", item.required() ? "是" : "否",
                  item.question_text()});
  }
  if (!survey_template.recommend_question_text().empty()) {
    table.AddRow({"recommend", "nps", "0-10分", "否", survey_template.recommend_question_text()});
  }
  if (!survey_template.comment_question_text().empty()) {
    table.AddRow({"comment", "-", "文字", "否", survey_template.comment_question_text()});
  }
  return table.Render();
}

}  // namespace careloop::ctl
