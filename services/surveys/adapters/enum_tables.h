#pragma once

#include "careloop/common/v1/types.pb.h"
#include "careloop/survey/v1/survey.pb.h"
#include "common/base/enum_table.h"
#include "services/surveys/domain/survey_rules.h"
#include "services/surveys/domain/survey_template.h"

// The surveys service's enums, one table each: domain value ⇄ contract value ⇄ word.
namespace careloop::surveys::adapters {

inline constexpr auto kSurveyKinds = MakeEnumTable<domain::SurveyKind, careloop::survey::v1::SurveyKind>({
    {domain::SurveyKind::kSalesDelivery, careloop::survey::v1::SURVEY_KIND_SALES_DELIVERY, "sales_delivery"},
    {domain::SurveyKind::kServiceVisit, careloop::survey::v1::SURVEY_KIND_SERVICE_VISIT, "service_visit"},
});
static_assert(kSurveyKinds.IsComplete());

inline constexpr auto kSurveyStatuses = MakeEnumTable<domain::SurveyStatus, careloop::survey::v1::SurveyStatus>({
    {domain::SurveyStatus::kIssued, careloop::survey::v1::SURVEY_STATUS_ISSUED, "issued"},
    {domain::SurveyStatus::kAnswered, careloop::survey::v1::SURVEY_STATUS_ANSWERED, "answered"},
    {domain::SurveyStatus::kExpired, careloop::survey::v1::SURVEY_STATUS_EXPIRED, "expired"},
    {domain::SurveyStatus::kCancelled, careloop::survey::v1::SURVEY_STATUS_CANCELLED, "cancelled"},
});
static_assert(kSurveyStatuses.IsComplete());

inline constexpr auto kAnswerChannels = MakeEnumTable<domain::AnswerChannel, careloop::common::v1::Channel>({
    {domain::AnswerChannel::kSms, careloop::common::v1::CHANNEL_SMS, "sms"},
    {domain::AnswerChannel::kWeChat, careloop::common::v1::CHANNEL_WECHAT, "wechat"},
    {domain::AnswerChannel::kPhoneCall, careloop::common::v1::CHANNEL_PHONE_CALL, "phone_call"},
    {domain::AnswerChannel::kFaceToFace, careloop::common::v1::CHANNEL_FACE_TO_FACE, "face_to_face"},
});
static_assert(kAnswerChannels.IsComplete());

inline constexpr auto kAnswerSources = MakeEnumTable<domain::AnswerSource, careloop::survey::v1::SatisfactionSource>({
    {domain::AnswerSource::kInternal, careloop::survey::v1::SATISFACTION_SOURCE_INTERNAL, "internal"},
    {domain::AnswerSource::kExternal, careloop::survey::v1::SATISFACTION_SOURCE_EXTERNAL, "external"},
});
static_assert(kAnswerSources.IsComplete());

inline constexpr auto kAnswerTypes = MakeEnumTable<domain::AnswerType, careloop::survey::v1::AnswerType>({
    {domain::AnswerType::kScore, careloop::survey::v1::ANSWER_TYPE_SCORE, "score"},
    {domain::AnswerType::kYesNo, careloop::survey::v1::ANSWER_TYPE_YES_NO, "yes_no"},
});
static_assert(kAnswerTypes.IsComplete());

}  // namespace careloop::surveys::adapters
