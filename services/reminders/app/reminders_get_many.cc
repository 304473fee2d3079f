// RemindersApp::GetMany: many reminders in one read (dispatch's cause check for a campaign batch).
#include <map>
#include <set>

#include "services/reminders/app/reminders_app.h"

namespace careloop::reminders::app {

Result<RemindersApp::Found> RemindersApp::GetMany(const auth::Principal& caller,
                                                  const std::vector<std::string>& reminder_ids) {
  if (reminder_ids.empty()) {
    return InvalidArgument("reminder_ids", "is required (1 to " + std::to_string(kMaxGetMany) + " ids)");
  }
  if (reminder_ids.size() > kMaxGetMany) {
    return InvalidArgument("reminder_ids", "at most " + std::to_string(kMaxGetMany) + " ids per call, got " +
                                               std::to_string(reminder_ids.size()));
  }
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (size_t i = 0; i < reminder_ids.size(); ++i) {
    if (reminder_ids[i].empty()) {
      return InvalidArgument("reminder_ids[" + std::to_string(i) + "]", "is empty");
    }
    if (seen.insert(reminder_ids[i]).second) {
      unique.push_back(reminder_ids[i]);
    }
  }
  std::map<std::string, domain::Reminder> by_id;
  for (auto& reminder : repository_.FindMany(unique)) {
    if (Status store = caller.RequireStore(reminder.store_id); !store.ok()) {
      return Error{ErrorCode::kPermissionDenied, "reminder_ids",
                   "reminder '" + reminder.reminder_id + "' belongs to a store the caller may not access"};
    }
    std::string id = reminder.reminder_id;
    by_id.emplace(std::move(id), std::move(reminder));
  }
  Found found;
  for (const auto& id : unique) {
    if (auto it = by_id.find(id); it != by_id.end()) {
      found.reminders.push_back(std::move(it->second));
    } else {
      found.not_found.push_back(id);
    }
  }
  return found;
}

}  // namespace careloop::reminders::app
