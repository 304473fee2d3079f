#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/auth/auth.h"
#include "common/clock/clock.h"
#include "common/config/stores.h"
#include "services/surveys/app/improvement_ports.h"

namespace careloop::surveys::app {

/// The fields an update changes; unset ones stay.
struct ActionChanges final {
  std::string action_id;
  std::optional<domain::ActionStatus> status;
  std::optional<std::string> check_note;
  std::optional<std::string> owner;
  std::optional<Date> due_date;
  std::optional<std::string> description;
};

/// Improvement actions for items that fall short: create, update (status forward only), list.
class ImprovementActionsApp final {
 public:
  ImprovementActionsApp(ImprovementActionStore& store, const clock::Clock& clock, const config::StoreCatalog& stores)
      : store_(store), clock_(clock), stores_(stores) {}

  /// Creates an open action (id derived from the store and `request_id`, so a replayed request
  /// returns the action it created and publishes nothing new).
  [[nodiscard]] Result<domain::ImprovementAction> Create(const auth::Principal& caller,
                                                         domain::ImprovementAction action,
                                                         const std::string& request_id);
  [[nodiscard]] Result<domain::ImprovementAction> Update(const auth::Principal& caller, const ActionChanges& changes,
                                                         const std::string& request_id);
  /// A store's actions, earliest due first; only those in `status` / of `owner` when given.
  [[nodiscard]] Result<std::vector<domain::ImprovementAction>> List(const auth::Principal& caller,
                                                                    const std::string& store_id,
                                                                    std::optional<domain::ActionStatus> status,
                                                                    const std::string& owner);

 private:
  [[nodiscard]] Date Today(const std::string& store_id) const;

  ImprovementActionStore& store_;
  const clock::Clock& clock_;
  const config::StoreCatalog& stores_;
};

}  // namespace careloop::surveys::app
