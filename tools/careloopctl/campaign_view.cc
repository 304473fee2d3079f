#include "tools/careloopctl/campaign_view.h"

#include <sstream>

#include "services/reminders/adapters/campaign_mapping.h"
#include "services/reminders/adapters/enum_tables.h"
#include "tools/careloopctl/errors.h"

namespace careloop::ctl {
namespace {

namespace rv1 = careloop::reminder::v1;
using reminders::adapters::kCampaignKinds;
using reminders::adapters::kCampaignStatuses;
using reminders::adapters::kHolidays;

std::string TimeText(const common::v1::TimeOfDay& time) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", time.hours(), time.minutes());
  return text;
}

std::string KindWord(const rv1::Campaign& campaign) {
  const auto kind = kCampaignKinds.FromProto(campaign.kind());
  return kind ? std::string(*kCampaignKinds.ToWord(*kind)) : "unspecified";
}

std::string StatusWord(const rv1::Campaign& campaign) {
  const auto status = kCampaignStatuses.FromProto(campaign.status());
  return status ? std::string(*kCampaignStatuses.ToWord(*status)) : "unspecified";
}

std::string HolidayWord(const rv1::Campaign& campaign) {
  const auto holiday = kHolidays.FromProto(campaign.holiday());
  return holiday ? std::string(*kHolidays.ToWord(*holiday)) : "";
}

}  // namespace

std::pair<TimeOfDay, TimeOfDay> WindowFlag(const std::string& text) {
  const auto dash = text.find('-');
  const auto start = dash == std::string::npos ? std::nullopt : TimeOfDay::Parse(text.substr(0, dash));
  const auto end = dash == std::string::npos ? std::nullopt : TimeOfDay::Parse(text.substr(dash + 1));
  if (!start || !end) {
    throw UsageError("--window is HH:MM-HH:MM, e.g. 09:00-20:00, got: " + text);
  }
  if (*end <= *start) {
    throw UsageError("--window must end after it starts, got: " + text);
  }
  return {*start, *end};
}

Json CampaignJson(const rv1::Campaign& campaign) {
  Json out = Json::object();
  out["campaign_id"] = campaign.campaign_id();
  out["store_id"] = campaign.store_id();
  out["display_name"] = campaign.display_name();
  out["kind"] = KindWord(campaign);
  out["status"] = StatusWord(campaign);
  if (const std::string holiday = HolidayWord(campaign); !holiday.empty()) {
    out["holiday"] = holiday;
    out["year"] = campaign.year();
  }
  out["send_date"] = FormatDate(campaign.send_date());
  out["window"] = TimeText(campaign.window_start()) + "-" + TimeText(campaign.window_end());
  out["launch_at"] = FormatLocal(campaign.launch_at(), campaign.has_launch_at());
  out["audience"] = campaign.audience_count();
  out["due"] = campaign.due_count();
  out["sent"] = campaign.sent_count();
  out["suppressed"] = campaign.suppressed_count();
  out["failed"] = campaign.failed_count();
  out["cancelled"] = campaign.cancelled_count();
  if (!campaign.message().empty()) {
    out["message"] = campaign.message();
  }
  if (!campaign.cancel_reason().empty()) {
    out["cancel_reason"] = campaign.cancel_reason();
  }
  if (!campaign.failure_reason().empty()) {
    out["failure_reason"] = campaign.failure_reason();
  }
  return out;
}

std::string CampaignFields(const rv1::Campaign& campaign) {
  std::ostringstream out;
  out << "campaign:    " << campaign.campaign_id() << "\n"
      << "store:       " << campaign.store_id() << "\n"
      << "name:        " << campaign.display_name() << "\n"
      << "kind:        " << KindWord(campaign);
  if (const std::string holiday = HolidayWord(campaign); !holiday.empty()) {
    out << " (" << holiday << " " << campaign.year() << ")";
  }
  out << "\n"
      << "status:      " << StatusWord(campaign) << "\n"
      << "send:        " << FormatDate(campaign.send_date()) << " " << TimeText(campaign.window_start()) << "-"
      << TimeText(campaign.window_end()) << " (store time)\n"
      << "launch:      " << FormatLocal(campaign.launch_at(), campaign.has_launch_at()) << "\n"
      << "audience:    " << campaign.audience_count() << "\n"
      << "due:         " << campaign.due_count() << "\n"
      << "sent:        " << campaign.sent_count() << "\n"
      << "suppressed:  " << campaign.suppressed_count() << "\n"
      << "failed:      " << campaign.failed_count() << "\n"
      << "cancelled:   " << campaign.cancelled_count() << "\n";
  if (!campaign.message().empty()) {
    out << "message:     " << campaign.message() << "\n";
  }
  if (!campaign.cancel_reason().empty()) {
    out << "cancelled because: " << campaign.cancel_reason() << "\n";
  }
  if (!campaign.failure_reason().empty()) {
    out << "launch failed: " << campaign.failure_reason() << "\n";
  }
  return out.str();
}

}  // namespace careloop::ctl
