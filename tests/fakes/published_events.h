#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace careloop::testing {

/// One event a fake port published together with its state change (the real adapters append
/// it to the service's outbox in the same atomic write): its type and the record it is about.
struct PublishedEvent final {
  std::string type;  ///< e.g. "ReminderScheduled", "SurveyIssued", "MessageSent"
  std::string id;    ///< the reminder, survey, message or inbound reply id

  bool operator==(const PublishedEvent&) const = default;
};

/// Lets gtest print an event in a failure message.
inline void PrintTo(const PublishedEvent& event, std::ostream* out) {
  *out << event.type << "(" << event.id << ")";
}

/// The ids of the events of one type, in publishing order.
[[nodiscard]] inline std::vector<std::string> IdsOf(const std::vector<PublishedEvent>& events, std::string_view type) {
  std::vector<std::string> ids;
  for (const auto& event : events) {
    if (event.type == type) {
      ids.push_back(event.id);
    }
  }
  return ids;
}

}  // namespace careloop::testing
