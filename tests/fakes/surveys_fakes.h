#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/surveys/app/ports.h"
#include "services/surveys/domain/survey_rules.h"
#include "tests/fakes/published_events.h"

namespace careloop::testing {

/// In-memory surveys::app::SurveyRepository keeping the port's promises: a survey id is issued
/// once, and issuing publishes SurveyIssued (see `published`); a replay writes nothing.
class FakeSurveyRepository final : public surveys::app::SurveyRepository {
 public:
  bool Issue(const surveys::domain::Survey& survey) override {
    if (!surveys_.emplace(survey.survey_id, survey).second) {
      return false;
    }
    published.push_back({"SurveyIssued", survey.survey_id});
    return true;
  }

  /// The customer's surveys by issue time.
  [[nodiscard]] std::vector<surveys::domain::Survey> ListByCustomer(const std::string& customer_id) override {
    std::vector<surveys::domain::Survey> found;
    for (const auto& [id, survey] : surveys_) {
      if (survey.customer_id == customer_id) {
        found.push_back(survey);
      }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return a.issued_at != b.issued_at ? a.issued_at < b.issued_at : a.survey_id < b.survey_id;
    });
    return found;
  }

  /// The store's latest surveys, newest first.
  [[nodiscard]] std::vector<surveys::domain::Survey> ListByStore(const std::string& store_id, size_t limit) override {
    std::vector<surveys::domain::Survey> found;
    for (const auto& [id, survey] : surveys_) {
      if (survey.store_id == store_id) {
        found.push_back(survey);
      }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return a.issued_at != b.issued_at ? a.issued_at > b.issued_at : a.survey_id > b.survey_id;
    });
    found.resize(std::min(found.size(), limit));
    return found;
  }

  /// The stored survey with this id, if any (for assertions).
  [[nodiscard]] std::optional<surveys::domain::Survey> Find(const std::string& survey_id) const {
    auto it = surveys_.find(survey_id);
    return it == surveys_.end() ? std::nullopt : std::optional(it->second);
  }
  /// How many surveys are stored.
  [[nodiscard]] size_t Count() const { return surveys_.size(); }

  /// Events published with the changes, in order.
  std::vector<PublishedEvent> published;

 private:
  std::map<std::string, surveys::domain::Survey> surveys_;
};

}  // namespace careloop::testing
