#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/surveys/app/answer_ports.h"
#include "services/surveys/app/case_intake.h"
#include "services/surveys/app/template_ports.h"
#include "tests/fakes/published_events.h"

namespace careloop::testing {

/// In-memory surveys::app::TemplateStore: every save is the next version of its id.
class FakeTemplateStore final : public surveys::app::TemplateStore {
 public:
  Result<surveys::domain::SurveyTemplate> SaveNewVersion(
      const surveys::domain::SurveyTemplate& survey_template) override {
    auto& versions = templates_[survey_template.template_id];
    surveys::domain::SurveyTemplate saved = survey_template;
    saved.version = static_cast<int>(versions.size()) + 1;
    versions.push_back(saved);
    return saved;
  }
  std::optional<surveys::domain::SurveyTemplate> Latest(const std::string& template_id) override {
    auto it = templates_.find(template_id);
    return it == templates_.end() ? std::nullopt : std::optional(it->second.back());
  }
  std::optional<surveys::domain::SurveyTemplate> Version(const std::string& template_id, int version) override {
    auto it = templates_.find(template_id);
    if (it == templates_.end() || version < 1 || version > static_cast<int>(it->second.size())) {
      return std::nullopt;
    }
    return it->second[static_cast<size_t>(version) - 1];
  }
  std::vector<surveys::domain::SurveyTemplate> ListLatest(const std::string& store_id) override {
    std::vector<surveys::domain::SurveyTemplate> out;
    for (const auto& [id, versions] : templates_) {
      if (versions.back().store_id == store_id) {
        out.push_back(versions.back());
      }
    }
    return out;
  }

 private:
  std::map<std::string, std::vector<surveys::domain::SurveyTemplate>> templates_;
};

/// In-memory surveys::app::AnswerStore keeping the port's promises: an answer, its request id
/// and SurveyAnswered (see `published`) are stored together, only over an issued survey and an
/// unused request id.
class FakeAnswerStore final : public surveys::app::AnswerStore {
 public:
  /// Puts an issued survey in the store (as SurveysApp would have).
  void Add(const surveys::domain::Survey& survey) { surveys_[survey.survey_id] = survey; }

  std::optional<surveys::domain::Survey> Find(const std::string& survey_id) override {
    auto it = surveys_.find(survey_id);
    return it == surveys_.end() ? std::nullopt : std::optional(it->second);
  }
  std::optional<std::string> SurveyOfRequest(const std::string& request_id) override {
    auto it = requests_.find(request_id);
    return it == requests_.end() ? std::nullopt : std::optional(it->second);
  }
  surveys::app::AnswerWrite StoreAnswer(const surveys::domain::Survey& answered,
                                        const std::string& request_id) override {
    if (!request_id.empty() && requests_.contains(request_id)) {
      return surveys::app::AnswerWrite::kRequestUsed;
    }
    auto it = surveys_.find(answered.survey_id);
    if (it == surveys_.end() || it->second.status != surveys::domain::SurveyStatus::kIssued) {
      return surveys::app::AnswerWrite::kNotIssued;
    }
    it->second = answered;
    if (!request_id.empty()) {
      requests_[request_id] = answered.survey_id;
    }
    published.push_back({"SurveyAnswered", answered.survey_id});
    return surveys::app::AnswerWrite::kStored;
  }
  void RecordCase(const std::string& survey_id, const std::string& case_id) override {
    surveys_.at(survey_id).case_id = case_id;
    ++case_records;
  }

  /// Events published with the changes, in order.
  std::vector<PublishedEvent> published;
  /// How many times a case id was recorded.
  int case_records = 0;

 private:
  std::map<std::string, surveys::domain::Survey> surveys_;
  std::map<std::string, std::string> requests_;
};

/// surveys::app::CaseIntake as the cases helper promises it: one case per survey (asking again
/// returns the same id). `fail_next` makes the next call fail as an unreachable store would.
class FakeCaseIntake final : public surveys::app::CaseIntake {
 public:
  Result<std::string> OpenForAnswer(const surveys::app::DissatisfiedAnswer& answer) override {
    calls.push_back(answer);
    if (fail_next > 0) {
      --fail_next;
      return Error{ErrorCode::kUnavailable, "", "cases store unreachable"};
    }
    auto [it, opened] = cases_.emplace(answer.survey_id, "case-" + answer.survey_id);
    if (opened) {
      ++opened_count;
    }
    return it->second;
  }

  /// Every call, in order.
  std::vector<surveys::app::DissatisfiedAnswer> calls;
  /// Distinct cases opened.
  int opened_count = 0;
  /// Calls still to fail.
  int fail_next = 0;

 private:
  std::map<std::string, std::string> cases_;
};

}  // namespace careloop::testing
