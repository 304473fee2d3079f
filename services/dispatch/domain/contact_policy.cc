#include "services/dispatch/domain/contact_policy.h"

#include <algorithm>
#include <cctype>

#include "common/base/ids.h"

namespace careloop::dispatch::domain {

bool QuietHours::Contains(TimeOfDay time) const {
  if (start == end) {
    return false;  // an empty window
  }
  if (start < end) {
    return time >= start && time < end;
  }
  return time >= start || time < end;  // crosses midnight
}

Instant NextAllowedMoment(Instant now, const QuietHours& quiet, const TimeZone& zone) {
  const TimeOfDay local = zone.TimeOfDayAt(now);
  if (!quiet.Contains(local)) {
    return now;
  }
  Date day = zone.DateAt(now);
  // In the evening part of a window that crosses midnight, the window ends tomorrow.
  if (quiet.start > quiet.end && local >= quiet.start) {
    day = day.PlusDays(1);
  }
  return zone.At(day, quiet.end);
}

bool WithinCap(MessageClass message_class, int sent_in_window, const FrequencyCap& cap) {
  if (message_class == MessageClass::kServiceCritical) {
    return true;
  }
  return sent_in_window < cap.max_messages;
}

std::string MessageIdFor(const std::string& reminder_id, int occurrence, std::string_view channel) {
  return DerivedId("msg-", {reminder_id, std::to_string(occurrence), channel});
}

Result<std::string> RenderTemplate(std::string_view text, const std::map<std::string, std::string>& params) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "${") == 0) {
      const auto close = text.find('}', i + 2);
      if (close == std::string_view::npos) {
        return InvalidArgument("template", "unclosed placeholder at byte " + std::to_string(i));
      }
      const std::string name(text.substr(i + 2, close - i - 2));
      const auto it = params.find(name);
      if (it == params.end()) {
        return InvalidArgument("template", "no value for placeholder ${" + name + "}");
      }
      out += it->second;
      i = close + 1;
    } else {
      out.push_back(text[i]);
      ++i;
    }
  }
  return out;
}

std::vector<std::string> TemplateParams(std::string_view text) {
  std::vector<std::string> names;
  size_t i = 0;
  while ((i = text.find("${", i)) != std::string_view::npos) {
    const auto close = text.find('}', i + 2);
    if (close == std::string_view::npos) {
      break;
    }
    std::string name(text.substr(i + 2, close - i - 2));
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(std::move(name));
    }
    i = close + 1;
  }
  return names;
}

std::string Honorific(int gender) {
  switch (gender) {
    case 1: return "先生";
    case 2: return "女士";
    default: return "先生/女士";
  }
}

namespace {

// A reply as people mean it: spaces dropped, Latin letters upper-cased ("t d" is "TD").
std::string NormalizedReply(std::string_view text) {
  std::string normalized;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      normalized.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return normalized;
}

}  // namespace

bool IsOptOutReply(std::string_view text) {
  const std::string normalized = NormalizedReply(text);
  return normalized == "T" || normalized == "TD" || normalized == "N" || normalized == "退订" ||
         normalized == "回T退订" || normalized == "TD退订";
}

ReplyMeaning ClassifyReply(std::string_view text) {
  if (IsOptOutReply(text)) {
    return {ReplyKind::kOptOut};
  }
  const std::string normalized = NormalizedReply(text);
  if (normalized == "订阅" || normalized == "DY") {
    return {ReplyKind::kOptIn};
  }
  if (!normalized.empty() && normalized.size() <= 2 &&
      normalized.find_first_not_of("0123456789") == std::string::npos) {
    const int score = std::stoi(normalized);
    if (score >= 1 && score <= 10) {
      return {ReplyKind::kSurveyAnswer, score};
    }
  }
  if (normalized == "确认" || normalized == "是" || normalized == "Y" || normalized == "OK") {
    return {ReplyKind::kConfirm};
  }
  return {ReplyKind::kOther};
}

}  // namespace careloop::dispatch::domain
