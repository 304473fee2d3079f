#pragma once

#include <optional>
#include <string>

#include "common/base/time.h"
#include "services/customers/domain/history.h"

namespace careloop::customers::app {

/// A complaint case of the surveys service as its events tell it (ComplaintCaseOpened, or
/// ComplaintCaseResolved with the outcome): no summary, the events carry none.
struct ComplaintCaseFact final {
  std::string case_id;
  std::string customer_id;
  std::string store_id;
  std::string vehicle_id;  ///< empty when not about one car (or not said, on a resolution)
  domain::ComplaintSeverity severity = domain::ComplaintSeverity::kMinor;
  Instant opened_at{};
  /// Set on a resolution: the outcome and when.
  std::optional<domain::ComplaintOutcome> outcome;
  Instant resolved_at{};
};

}  // namespace careloop::customers::app
