#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/base/time.h"
#include "services/surveys/domain/survey_items.h"

namespace careloop::surveys::domain {

/// Where a survey stands.
enum class SurveyStatus { kIssued, kAnswered, kExpired, kCancelled };

/// How the answers came in (values mirror careloop.common.v1.Channel).
enum class AnswerChannel { kSms, kWeChat, kPhoneCall, kFaceToFace };

/// Internal (the store's own follow-up) or external (the manufacturer's survey, entered by staff).
enum class AnswerSource { kInternal, kExternal };

/// One scored item, 1 (very dissatisfied) to 10 (very satisfied).
struct ItemScore final {
  SurveyItem item = SurveyItem::kUnspecified;
  int score = 0;
  friend bool operator==(const ItemScore&, const ItemScore&) = default;
};

/// One yes/no execution item.
struct ExecutionAnswer final {
  SurveyItem item = SurveyItem::kUnspecified;
  bool yes = false;
  friend bool operator==(const ExecutionAnswer&, const ExecutionAnswer&) = default;
};

/// The customer's answers to a survey, as submitted (staff call, SMS reply, the survey page).
struct SurveyAnswers final {
  std::vector<ItemScore> scores;
  std::vector<ExecutionAnswer> executions;
  std::optional<int> recommend;  ///< 0–10 (NPS); unset when not asked or skipped
  std::string comment;           ///< free text exactly as typed (internal; shown escaped, never published)
  bool flagged_angry = false;    ///< staff flagged the free text as angry
  AnswerChannel channel = AnswerChannel::kPhoneCall;
  AnswerSource source = AnswerSource::kInternal;
  Instant answered_at{};
};

/// What the answers amount to, judged against the template they were asked with.
struct AnswerAssessment final {
  double average = 0;  ///< of the scored items
  bool dissatisfied = false;
  bool major = false;
  std::vector<SurveyItem> low_items;  ///< scored at or below the dissatisfied threshold
};

}  // namespace careloop::surveys::domain
