#include "common/kafka/cloud_event.h"

namespace careloop::kafka {

std::vector<std::pair<std::string, std::string>> ToHeaders(const CloudEvent& event) {
  std::vector<std::pair<std::string, std::string>> headers{
      {"ce_specversion", "1.0"},
      {"ce_id", event.id},
      {"ce_source", event.source},
      {"ce_type", event.type},
      {"ce_time", FormatRfc3339(event.time)},
      {"content-type", event.content_type},
  };
  if (!event.subject.empty()) {
    headers.emplace_back("ce_subject", event.subject);
  }
  headers.insert(headers.end(), event.extra_headers.begin(), event.extra_headers.end());
  return headers;
}

Result<CloudEvent> FromHeaders(const std::vector<std::pair<std::string, std::string>>& headers) {
  CloudEvent event;
  std::string specversion;
  std::string time;
  for (const auto& [name, value] : headers) {
    if (name == "ce_specversion") {
      specversion = value;
    } else if (name == "ce_id") {
      event.id = value;
    } else if (name == "ce_source") {
      event.source = value;
    } else if (name == "ce_type") {
      event.type = value;
    } else if (name == "ce_subject") {
      event.subject = value;
    } else if (name == "ce_time") {
      time = value;
    } else if (name == "content-type") {
      event.content_type = value;
    } else {
      event.extra_headers.emplace_back(name, value);
    }
  }
  if (specversion != "1.0") {
    return InvalidArgument("ce_specversion", specversion.empty() ? "is missing" : "must be 1.0, got " + specversion);
  }
  if (event.id.empty()) {
    return InvalidArgument("ce_id", "is missing");
  }
  if (event.type.empty()) {
    return InvalidArgument("ce_type", "is missing");
  }
  if (event.source.empty()) {
    return InvalidArgument("ce_source", "is missing");
  }
  if (!time.empty()) {
    auto parsed = ParseRfc3339(time);
    if (!parsed) {
      return InvalidArgument("ce_time", "is not an RFC 3339 instant: " + time);
    }
    event.time = *parsed;
  }
  return event;
}

}  // namespace careloop::kafka
