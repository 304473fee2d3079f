#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "services/surveys/app/window_ports.h"
#include "tests/fakes/published_events.h"

namespace careloop::testing {

/// In-memory surveys::app::SurveyWindowStore keeping the port's promises: the reminder is
/// recorded (SurveyReminded) once and only over an issued survey; the expiry (SurveyExpired)
/// only over an issued survey, changing its status alone. See `published`.
class FakeSurveyWindowStore final : public surveys::app::SurveyWindowStore {
 public:
  [[nodiscard]] std::optional<surveys::domain::Survey> Find(const std::string& survey_id) override {
    auto it = surveys.find(survey_id);
    return it == surveys.end() ? std::nullopt : std::optional(it->second);
  }
  [[nodiscard]] surveys::app::WindowWrite RecordReminded(const surveys::domain::Survey& survey,
                                                         const std::string& reminder_id, Instant now) override {
    auto it = surveys.find(survey.survey_id);
    if (it == surveys.end() || it->second.status != surveys::domain::SurveyStatus::kIssued ||
        reminded.contains(survey.survey_id)) {
      return surveys::app::WindowWrite::kUnchanged;
    }
    reminded[survey.survey_id] = {reminder_id, now};
    published.push_back({"SurveyReminded", survey.survey_id});
    return surveys::app::WindowWrite::kWritten;
  }
  [[nodiscard]] surveys::app::WindowWrite Expire(const surveys::domain::Survey& expired, Instant now) override {
    auto it = surveys.find(expired.survey_id);
    if (it == surveys.end() || it->second.status != surveys::domain::SurveyStatus::kIssued) {
      return surveys::app::WindowWrite::kUnchanged;
    }
    it->second.status = surveys::domain::SurveyStatus::kExpired;
    expired_at[expired.survey_id] = now;
    published.push_back({"SurveyExpired", expired.survey_id});
    return surveys::app::WindowWrite::kWritten;
  }

  /// Puts a survey as the surveys repository would have stored it.
  void Put(const surveys::domain::Survey& survey) { surveys[survey.survey_id] = survey; }

  struct Reminded final {
    std::string reminder_id;
    Instant at{};
  };
  std::map<std::string, surveys::domain::Survey> surveys;
  std::map<std::string, Reminded> reminded;
  std::map<std::string, Instant> expired_at;
  std::vector<PublishedEvent> published;
};

}  // namespace careloop::testing
