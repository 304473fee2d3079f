#pragma once

#include <string>
#include <vector>

#include "common/base/error.h"
#include "common/base/time.h"
#include "services/surveys/domain/survey_items.h"

namespace careloop::surveys::app {

/// A dissatisfied survey answer, as the answers use case hands it to complaint handling.
struct DissatisfiedAnswer final {
  std::string survey_id;
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;
  std::string visit_id;                       ///< empty for a delivery (sales) survey
  std::string advisor;                        ///< staff id rated: the service advisor or sales consultant
  std::vector<domain::SurveyItem> low_items;  ///< items scored at or below the template's threshold
  bool major = false;                         ///< an item at or below the template's major threshold
  bool flagged_by_staff = false;              ///< staff flagged the free text as angry
  int deadline_hours = 0;                     ///< the template's case deadline; 0 means the store's rule
  Instant answered_at{};
};

/// Port: complaint handling as the answers use case sees it. A dissatisfied answer opens a case
/// at once (issue 11, item 4).
class CaseIntake {
 public:
  virtual ~CaseIntake() = default;
  /// Opens the case of a dissatisfied answer and returns its id. Once per survey: asking again
  /// for the same survey (a retry after a crash between the answer and the case) returns the
  /// case already opened and publishes nothing new.
  [[nodiscard]] virtual Result<std::string> OpenForAnswer(const DissatisfiedAnswer& answer) = 0;
};

}  // namespace careloop::surveys::app
