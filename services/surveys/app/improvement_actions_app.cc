#include "services/surveys/app/improvement_actions_app.h"

#include "common/base/ids.h"
#include "common/log/log.h"

namespace careloop::surveys::app {

Date ImprovementActionsApp::Today(const std::string& store_id) const {
  return stores_.ZoneOf(store_id).DateAt(clock_.Now());
}

Result<domain::ImprovementAction> ImprovementActionsApp::Create(const auth::Principal& caller,
                                                                domain::ImprovementAction action,
                                                                const std::string& request_id) {
  if (action.store_id.empty()) {
    return InvalidArgument("action.store_id", "is required");
  }
  if (Status allowed = caller.RequireStore(action.store_id); !allowed.ok()) {
    return allowed.error();
  }
  if (!stores_.IsKnown(action.store_id)) {
    return InvalidArgument("action.store_id", "unknown store " + action.store_id);
  }
  if (request_id.empty()) {
    return InvalidArgument("request_id", "is required (the idempotency key of the request)");
  }
  if (Status valid = domain::ValidateNewAction(action, Today(action.store_id)); !valid.ok()) {
    return valid.error();
  }
  action.action_id = DerivedId("act-", {action.store_id, request_id});
  action.status = domain::ActionStatus::kOpen;
  action.check_note.clear();
  action.created_at = clock_.Now();
  action.done_at.reset();
  action.verified_at.reset();
  if (!store_.Create(action)) {
    auto existing = store_.Get(action.action_id);
    if (!existing) {
      return Error{ErrorCode::kAborted, "", "the action of this request is being created; try again"};
    }
    return *existing;
  }
  log::Info("improvement action created", {{"action_id", action.action_id}, {"store_id", action.store_id}});
  return action;
}

Result<domain::ImprovementAction> ImprovementActionsApp::Update(const auth::Principal& caller,
                                                                const ActionChanges& changes,
                                                                const std::string& request_id) {
  if (changes.action_id.empty()) {
    return InvalidArgument("action.action_id", "is required");
  }
  auto stored = store_.Get(changes.action_id);
  if (!stored) {
    return Error{ErrorCode::kNotFound, "action.action_id", "no improvement action " + changes.action_id};
  }
  if (Status allowed = caller.RequireStore(stored->store_id); !allowed.ok()) {
    return allowed.error();
  }
  domain::ImprovementAction updated = *stored;
  if (changes.description) {
    if (changes.description->empty()) {
      return InvalidArgument("action.description", "cannot be emptied");
    }
    updated.description = *changes.description;
  }
  if (changes.owner) {
    if (changes.owner->empty()) {
      return InvalidArgument("action.owner", "cannot be emptied: an action always has an owner");
    }
    updated.owner = *changes.owner;
  }
  if (changes.due_date && *changes.due_date != stored->due_date) {
    const Date today = Today(stored->store_id);
    if (!changes.due_date->IsValid()) {
      return InvalidArgument("action.due_date", "is not a valid date");
    }
    if (*changes.due_date < today) {
      return InvalidArgument("action.due_date",
                             changes.due_date->ToString() + " is in the past (today is " + today.ToString() + ")");
    }
    updated.due_date = *changes.due_date;
  }
  if (changes.check_note) {
    updated.check_note = *changes.check_note;
  }
  if (changes.status) {
    if (Status step = domain::CheckTransition(stored->status, *changes.status, updated.check_note); !step.ok()) {
      return step.error();
    }
    if (*changes.status != stored->status) {
      updated.status = *changes.status;
      if (updated.status == domain::ActionStatus::kDone) {
        updated.done_at = clock_.Now();
      } else if (updated.status == domain::ActionStatus::kVerified) {
        updated.verified_at = clock_.Now();
      }
    }
  }
  if (!store_.Update(updated, request_id)) {
    return *store_.Get(changes.action_id);
  }
  return updated;
}

Result<std::vector<domain::ImprovementAction>> ImprovementActionsApp::List(const auth::Principal& caller,
                                                                           const std::string& store_id,
                                                                           std::optional<domain::ActionStatus> status,
                                                                           const std::string& owner) {
  if (store_id.empty()) {
    return InvalidArgument("store_id", "is required");
  }
  if (Status allowed = caller.RequireStore(store_id); !allowed.ok()) {
    return allowed.error();
  }
  std::vector<domain::ImprovementAction> listed;
  for (auto& action : store_.ListByStore(store_id)) {
    if ((!status || action.status == *status) && (owner.empty() || action.owner == owner)) {
      listed.push_back(std::move(action));
    }
  }
  return listed;
}

}  // namespace careloop::surveys::app
