#include "services/surveys/domain/answer_rules.h"

#include <set>

namespace careloop::surveys::domain {
namespace {

std::string Indexed(std::string_view list, size_t index, std::string_view field) {
  return std::string(list) + "[" + std::to_string(index) + "]." + std::string(field);
}

size_t CodePoints(const std::string& text) {
  size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++count;
    }
  }
  return count;
}

}  // namespace

Status CheckAnswerable(const Survey& survey, Instant now) {
  switch (survey.status) {
    case SurveyStatus::kAnswered:
      return Error{ErrorCode::kFailedPrecondition, "survey_id",
                   "this survey has already been answered, thank you; a second answer is not accepted"};
    case SurveyStatus::kCancelled:
      return Error{ErrorCode::kFailedPrecondition, "survey_id", "this survey was cancelled and takes no answers"};
    case SurveyStatus::kExpired:
      return Error{ErrorCode::kFailedPrecondition, "survey_id", "this survey has expired and takes no answers"};
    case SurveyStatus::kIssued: break;
  }
  if (now >= survey.expires_at) {
    return Error{ErrorCode::kFailedPrecondition, "survey_id", "this survey has expired and takes no answers"};
  }
  return Ok{};
}

Status ValidateAnswers(const SurveyTemplate& survey_template, const SurveyAnswers& answers, Completeness completeness) {
  std::set<SurveyItem> answered;
  for (size_t i = 0; i < answers.scores.size(); ++i) {
    const ItemScore& score = answers.scores[i];
    const TemplateItem* asked = survey_template.Find(score.item);
    if (asked == nullptr) {
      return InvalidArgument(Indexed("scores", i, "item"), "not asked in this survey");
    }
    if (asked->answer_type != AnswerType::kScore) {
      return InvalidArgument(Indexed("scores", i, "item"), "is a yes/no item: answer it in execution_answers");
    }
    if (!answered.insert(score.item).second) {
      return InvalidArgument(Indexed("scores", i, "item"), "answered twice");
    }
    if (score.score < kMinScore || score.score > kMaxScore) {
      return InvalidArgument(Indexed("scores", i, "score"), "must be 1 to 10");
    }
  }
  for (size_t i = 0; i < answers.executions.size(); ++i) {
    const ExecutionAnswer& execution = answers.executions[i];
    const TemplateItem* asked = survey_template.Find(execution.item);
    if (asked == nullptr) {
      return InvalidArgument(Indexed("execution_answers", i, "item"), "not asked in this survey");
    }
    if (asked->answer_type != AnswerType::kYesNo) {
      return InvalidArgument(Indexed("execution_answers", i, "item"), "is scored 1 to 10: answer it in scores");
    }
    if (!answered.insert(execution.item).second) {
      return InvalidArgument(Indexed("execution_answers", i, "item"), "answered twice");
    }
  }
  if (completeness == Completeness::kOverallOnly) {
    if (!answered.contains(SurveyItem::kOverall)) {
      return InvalidArgument("scores", "the overall item must be answered");
    }
  } else {
    for (size_t i = 0; i < survey_template.items.size(); ++i) {
      const TemplateItem& asked = survey_template.items[i];
      if (asked.required && !answered.contains(asked.item)) {
        const auto info = InfoOf(asked.item);
        return InvalidArgument(asked.answer_type == AnswerType::kScore ? "scores" : "execution_answers",
                               "required item " + std::string(info ? info->word : "?") + " is not answered");
      }
    }
  }
  if (answers.recommend) {
    if (survey_template.recommend_question.empty()) {
      return InvalidArgument("recommend_score", "this survey does not ask the recommend question");
    }
    if (*answers.recommend < kMinRecommend || *answers.recommend > kMaxRecommend) {
      return InvalidArgument("recommend_score", "must be 0 to 10");
    }
  }
  if (CodePoints(answers.comment) > kMaxCommentChars) {
    return InvalidArgument("comment", "must be at most " + std::to_string(kMaxCommentChars) + " characters");
  }
  return Ok{};
}

AnswerAssessment Assess(const SurveyTemplate& survey_template, const SurveyAnswers& answers) {
  AnswerAssessment out;
  int sum = 0;
  for (const ItemScore& score : answers.scores) {
    sum += score.score;
    if (score.score <= survey_template.dissatisfied_threshold) {
      out.low_items.push_back(score.item);
    }
    if (score.score <= survey_template.major_threshold) {
      out.major = true;
    }
  }
  if (!answers.scores.empty()) {
    out.average = static_cast<double>(sum) / static_cast<double>(answers.scores.size());
  }
  out.dissatisfied = !out.low_items.empty() || answers.flagged_angry;
  return out;
}

Survey Answered(const Survey& survey, const SurveyTemplate& survey_template, SurveyAnswers answers) {
  Survey out = survey;
  out.template_id = survey_template.template_id;
  out.template_version = survey_template.version;
  out.status = SurveyStatus::kAnswered;
  out.assessment = Assess(survey_template, answers);
  out.answers = std::move(answers);
  return out;
}

}  // namespace careloop::surveys::domain
