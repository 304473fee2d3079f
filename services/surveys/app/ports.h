#pragma once

#include <string>
#include <vector>

#include "services/surveys/domain/survey_rules.h"

namespace careloop::surveys::app {

/// Port: issued surveys. Issue() stores the survey and its SurveyIssued event atomically,
/// once per survey id.
class SurveyRepository {
 public:
  virtual ~SurveyRepository() = default;
  /// True if new; false if a survey with this id exists (a replay).
  virtual bool Issue(const domain::Survey& survey) = 0;
  [[nodiscard]] virtual std::vector<domain::Survey> ListByCustomer(const std::string& customer_id) = 0;
  /// The store's latest `limit` surveys, newest first.
  [[nodiscard]] virtual std::vector<domain::Survey> ListByStore(const std::string& store_id, size_t limit) = 0;
};

}  // namespace careloop::surveys::app
