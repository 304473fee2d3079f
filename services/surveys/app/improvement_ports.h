#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/surveys/domain/improvement_actions.h"

namespace careloop::surveys::app {

/// Port: improvement actions.
class ImprovementActionStore {
 public:
  virtual ~ImprovementActionStore() = default;
  /// Stores a new action and its ImprovementActionCreated event in one atomic step, once per
  /// action id (the id derives from the request id): false when it exists (a replayed request).
  virtual bool Create(const domain::ImprovementAction& action) = 0;
  /// Replaces the stored action, once per `request_id` (empty: always): false for a replayed
  /// request, which changes nothing.
  virtual bool Update(const domain::ImprovementAction& action, const std::string& request_id) = 0;
  [[nodiscard]] virtual std::optional<domain::ImprovementAction> Get(const std::string& action_id) = 0;
  /// A store's actions, earliest due date first.
  [[nodiscard]] virtual std::vector<domain::ImprovementAction> ListByStore(const std::string& store_id) = 0;
};

}  // namespace careloop::surveys::app
