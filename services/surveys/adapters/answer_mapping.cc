#include "services/surveys/adapters/answer_mapping.h"

#include "common/events/enum_input.h"
#include "common/events/proto_event.h"
#include "services/surveys/adapters/enum_tables.h"
#include "services/surveys/domain/survey_template.h"

namespace careloop::surveys::adapters {
namespace {

pb::SurveyItem ItemToProto(domain::SurveyItem item) {
  return static_cast<pb::SurveyItem>(static_cast<int>(item));
}

void FillScores(const domain::SurveyAnswers& answers, google::protobuf::RepeatedPtrField<pb::ItemScore>& scores,
                google::protobuf::RepeatedPtrField<pb::ExecutionAnswer>& executions) {
  for (const auto& score : answers.scores) {
    auto* out = scores.Add();
    out->set_item(ItemToProto(score.item));
    out->set_score(score.score);
  }
  for (const auto& execution : answers.executions) {
    auto* out = executions.Add();
    out->set_item(ItemToProto(execution.item));
    out->set_yes(execution.yes);
  }
}

}  // namespace

void FillAnswers(const domain::Survey& survey, pb::Survey& out) {
  out.set_status(kSurveyStatuses.ToProto(survey.status).value_or(pb::SURVEY_STATUS_ISSUED));
  out.set_template_version(survey.template_version);
  out.set_case_id(survey.case_id);
  if (!survey.answers) {
    return;
  }
  const domain::SurveyAnswers& answers = *survey.answers;
  FillScores(answers, *out.mutable_scores(), *out.mutable_execution_answers());
  *out.mutable_answered_at() = events::ToTimestamp(answers.answered_at);
  out.set_comment(answers.comment);
  out.set_response_channel(
      kAnswerChannels.ToProto(answers.channel).value_or(careloop::common::v1::CHANNEL_UNSPECIFIED));
  out.set_source(kAnswerSources.ToProto(answers.source).value_or(pb::SATISFACTION_SOURCE_UNSPECIFIED));
  out.set_average_score(survey.assessment.average);
  out.set_dissatisfied(survey.assessment.dissatisfied);
  out.set_flagged_angry(answers.flagged_angry);
  if (answers.recommend) {
    out.set_recommend_score(*answers.recommend);
  }
}

void ReadAnswers(const pb::Survey& record, domain::Survey& out) {
  out.status = kSurveyStatuses.FromProto(record.status()).value_or(domain::SurveyStatus::kIssued);
  out.template_version = record.template_version();
  out.case_id = record.case_id();
  if (out.status != domain::SurveyStatus::kAnswered) {
    return;
  }
  domain::SurveyAnswers answers;
  for (const auto& score : record.scores()) {
    answers.scores.push_back({static_cast<domain::SurveyItem>(static_cast<int>(score.item())), score.score()});
  }
  for (const auto& execution : record.execution_answers()) {
    answers.executions.push_back(
        {static_cast<domain::SurveyItem>(static_cast<int>(execution.item())), execution.yes()});
  }
  if (record.has_recommend_score()) {
    answers.recommend = record.recommend_score();
  }
  answers.comment = record.comment();
  answers.flagged_angry = record.flagged_angry();
  answers.channel = kAnswerChannels.FromProto(record.response_channel()).value_or(domain::AnswerChannel::kPhoneCall);
  answers.source = kAnswerSources.FromProto(record.source()).value_or(domain::AnswerSource::kInternal);
  answers.answered_at = events::FromTimestamp(record.answered_at());
  out.answers = std::move(answers);
  out.assessment.average = record.average_score();
  out.assessment.dissatisfied = record.dissatisfied();
}

pb::SurveyAnswered AnsweredEvent(const domain::Survey& survey) {
  pb::SurveyAnswered event;
  event.set_survey_id(survey.survey_id);
  event.set_customer_id(survey.customer_id);
  event.set_store_id(survey.store_id);
  event.set_kind(kSurveyKinds.ToProto(survey.kind).value_or(pb::SURVEY_KIND_UNSPECIFIED));
  event.set_visit_id(survey.visit_id);
  event.set_vehicle_id(survey.vehicle_id);
  event.set_advisor(survey.advisor);
  event.set_average_score(survey.assessment.average);
  event.set_dissatisfied(survey.assessment.dissatisfied);
  event.set_template_id(survey.template_id);
  event.set_template_version(survey.template_version);
  if (survey.answers) {
    const domain::SurveyAnswers& answers = *survey.answers;
    FillScores(answers, *event.mutable_scores(), *event.mutable_execution_answers());
    event.set_response_channel(
        kAnswerChannels.ToProto(answers.channel).value_or(careloop::common::v1::CHANNEL_UNSPECIFIED));
    event.set_source(kAnswerSources.ToProto(answers.source).value_or(pb::SATISFACTION_SOURCE_UNSPECIFIED));
    *event.mutable_answered_at() = events::ToTimestamp(answers.answered_at);
    if (answers.recommend) {
      event.set_recommend_score(*answers.recommend);
    }
  }
  return event;
}

Result<domain::SurveyAnswers> AnswersFromRequest(const pb::SubmitResponseRequest& request) {
  domain::SurveyAnswers answers;
  for (int i = 0; i < request.scores_size(); ++i) {
    const auto item = domain::ItemOfNumber(request.scores(i).item());
    if (!item) {
      return InvalidArgument("scores[" + std::to_string(i) + "].item", "unknown item");
    }
    answers.scores.push_back({*item, request.scores(i).score()});
  }
  for (int i = 0; i < request.execution_answers_size(); ++i) {
    const auto item = domain::ItemOfNumber(request.execution_answers(i).item());
    if (!item) {
      return InvalidArgument("execution_answers[" + std::to_string(i) + "].item", "unknown item");
    }
    answers.executions.push_back({*item, request.execution_answers(i).yes()});
  }
  if (request.has_recommend_score()) {
    answers.recommend = request.recommend_score();
  }
  answers.comment = request.comment();
  answers.flagged_angry = request.flagged_angry();
  if (request.response_channel() != careloop::common::v1::CHANNEL_UNSPECIFIED) {
    auto channel = events::FromClient(kAnswerChannels, request.response_channel(), "response_channel");
    if (!channel.ok()) {
      return channel.error();
    }
    answers.channel = channel.value();
  }
  if (request.source() != pb::SATISFACTION_SOURCE_UNSPECIFIED) {
    auto source = events::FromClient(kAnswerSources, request.source(), "source");
    if (!source.ok()) {
      return source.error();
    }
    answers.source = source.value();
  }
  if (request.has_answered_at()) {
    answers.answered_at = events::FromTimestamp(request.answered_at());
  }
  return answers;
}

}  // namespace careloop::surveys::adapters
