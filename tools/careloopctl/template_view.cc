#include "tools/careloopctl/template_view.h"

#include "services/reminders/adapters/enum_tables.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;

std::string KindWord(int kind) {
  return ShortEnumName(careloop::reminder::v1::ReminderKind_Name(kind), "REMINDER_KIND_");
}

// "21:00-08:00" → the window; UsageError naming `option` otherwise.
dv1::QuietHours ParseWindow(const std::string& text, const std::string& option) {
  const auto dash = text.find('-');
  const auto start = dash == std::string::npos ? std::nullopt : TimeOfDay::Parse(text.substr(0, dash));
  const auto end = dash == std::string::npos ? std::nullopt : TimeOfDay::Parse(text.substr(dash + 1));
  if (!start || !end) {
    throw UsageError(option + ": expected a window like 21:00-08:00, got '" + text + "'");
  }
  dv1::QuietHours window;
  window.mutable_start()->set_hours(start->minutes / 60);
  window.mutable_start()->set_minutes(start->minutes % 60);
  window.mutable_end()->set_hours(end->minutes / 60);
  window.mutable_end()->set_minutes(end->minutes % 60);
  return window;
}

std::string Window(const dv1::QuietHours& window, bool present) {
  if (!present) {
    return "none";
  }
  const auto time = [](const careloop::common::v1::TimeOfDay& t) {
    return TimeOfDay{t.hours() * 60 + t.minutes()}.ToString();
  };
  return time(window.start()) + "-" + time(window.end());
}

}  // namespace

dv1::Template TemplateToSend(const TemplateFlags& flags) {
  dv1::Template tmpl;
  tmpl.set_store_id(flags.store);
  if (const auto kind = reminders::adapters::kReminderKinds.ProtoOfWord(flags.kind)) {
    tmpl.set_kind(*kind);
  } else {
    throw UsageError("--kind: not a reminder kind: " + flags.kind);
  }
  tmpl.set_channel(flags.channel == "wechat" ? careloop::common::v1::CHANNEL_WECHAT
                                             : careloop::common::v1::CHANNEL_SMS);
  tmpl.set_name(flags.name);
  tmpl.set_body(flags.body);
  tmpl.set_provider_template_code(flags.code);
  tmpl.set_signature(flags.sign);
  tmpl.set_display_name(flags.display_name);
  tmpl.set_enabled(!flags.disabled);
  tmpl.set_language("zh-CN");
  for (const auto& entry : flags.keywords) {
    const auto equals = entry.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw UsageError("--keyword: expected KEY=TEXT such as keyword1=${plate}, got '" + entry + "'");
    }
    auto* keyword = tmpl.add_keywords();
    keyword->set_key(entry.substr(0, equals));
    keyword->set_value(entry.substr(equals + 1));
  }
  return tmpl;
}

std::string TemplatesTable(const std::vector<dv1::Template>& templates) {
  Table table({"SCOPE", "KIND", "CHANNEL", "NAME", "CODE", "ON", "TEXT"});
  for (const auto& tmpl : templates) {
    table.AddRow({tmpl.store_id().empty() ? "group" : tmpl.store_id(), KindWord(tmpl.kind()),
                  ShortEnumName(careloop::common::v1::Channel_Name(tmpl.channel()), "CHANNEL_"), tmpl.name(),
                  tmpl.provider_template_code(), tmpl.enabled() || tmpl.store_id().empty() ? "yes" : "no",
                  TruncateToWidth(tmpl.body(), 40)});
  }
  return table.Render();
}

dv1::UpdateContactPolicyRequest PolicyUpdate(const PolicyFlags& flags) {
  dv1::UpdateContactPolicyRequest request;
  auto* policy = request.mutable_policy();
  auto* mask = request.mutable_update_mask();
  policy->set_store_id(flags.store);
  if (flags.marketing_quiet) {
    *policy->mutable_marketing_quiet_hours() = ParseWindow(*flags.marketing_quiet, "--marketing-quiet");
    mask->add_paths("marketing_quiet_hours");
  }
  if (flags.service_quiet) {
    *policy->mutable_service_quiet_hours() = ParseWindow(*flags.service_quiet, "--service-quiet");
    mask->add_paths("service_quiet_hours");
  }
  if (flags.critical_quiet) {
    if (*flags.critical_quiet != "none") {
      *policy->mutable_critical_quiet_hours() = ParseWindow(*flags.critical_quiet, "--critical-quiet");
    }
    mask->add_paths("critical_quiet_hours");
  }
  const auto cap = [&](const std::optional<int>& value, const char* path, void (dv1::ContactPolicy::*set)(int32_t)) {
    if (value) {
      (policy->*set)(*value);
      mask->add_paths(path);
    }
  };
  cap(flags.max_marketing_per_day, "max_marketing_per_day", &dv1::ContactPolicy::set_max_marketing_per_day);
  cap(flags.max_marketing_per_week, "max_marketing_per_week", &dv1::ContactPolicy::set_max_marketing_per_week);
  cap(flags.max_care_per_day, "max_care_per_day", &dv1::ContactPolicy::set_max_care_per_day);
  cap(flags.max_care_per_week, "max_care_per_week", &dv1::ContactPolicy::set_max_care_per_week);
  if (flags.same_day) {
    if (*flags.same_day == "yields") {
      policy->set_same_day_rule(dv1::SAME_DAY_RULE_LOWER_PRIORITY_YIELDS);
    } else if (*flags.same_day == "defer") {
      policy->set_same_day_rule(dv1::SAME_DAY_RULE_DEFER);
    } else if (*flags.same_day == "send_both") {
      policy->set_same_day_rule(dv1::SAME_DAY_RULE_SEND_BOTH);
    } else {
      throw UsageError("--same-day: one of yields, defer, send_both; got '" + *flags.same_day + "'");
    }
    mask->add_paths("same_day_rule");
  }
  if (flags.priority) {
    std::string rest = *flags.priority;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const std::string word = rest.substr(0, comma);
      rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
      const auto kind = reminders::adapters::kReminderKinds.ProtoOfWord(word);
      if (!kind) {
        throw UsageError("--priority: not a reminder kind: '" + word + "'");
      }
      policy->add_priority(*kind);
    }
    mask->add_paths("priority");
  }
  if (mask->paths().empty()) {
    throw UsageError("nothing to change: give at least one of the policy options");
  }
  return request;
}

std::string PolicyFields(const dv1::ContactPolicy& policy) {
  std::vector<std::string> priority;
  for (int kind : policy.priority()) {
    priority.push_back(KindWord(kind));
  }
  std::string same_day = "yields";
  if (policy.same_day_rule() == dv1::SAME_DAY_RULE_DEFER) {
    same_day = "defer";
  } else if (policy.same_day_rule() == dv1::SAME_DAY_RULE_SEND_BOTH) {
    same_day = "send_both";
  }
  return RenderFields({
      {"store", policy.store_id().empty() ? "group default" : policy.store_id()},
      {"marketing quiet", Window(policy.marketing_quiet_hours(), policy.has_marketing_quiet_hours())},
      {"care quiet", Window(policy.service_quiet_hours(), policy.has_service_quiet_hours())},
      {"critical quiet", Window(policy.critical_quiet_hours(), policy.has_critical_quiet_hours())},
      {"marketing caps", std::to_string(policy.max_marketing_per_day()) + "/day, " +
                             std::to_string(policy.max_marketing_per_week()) + "/week"},
      {"care caps",
       std::to_string(policy.max_care_per_day()) + "/day, " + std::to_string(policy.max_care_per_week()) + "/week"},
      {"same day", same_day},
      {"priority", priority.empty() ? "default" : JoinWords(priority, ", ")},
      {"updated by", policy.updated_by().empty() ? "-" : policy.updated_by()},
  });
}

}  // namespace careloop::ctl
