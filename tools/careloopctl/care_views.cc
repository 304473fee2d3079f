#include "tools/careloopctl/care_views.h"

#include <iomanip>
#include <sstream>

#include "common/base/text.h"
#include "common/events/proto_event.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace rv1 = careloop::reminder::v1;
namespace cmv1 = careloop::common::v1;

std::string ChannelLabel(cmv1::Channel channel) {
  switch (channel) {
    case cmv1::CHANNEL_SMS: return "短信";
    case cmv1::CHANNEL_WECHAT: return "微信";
    case cmv1::CHANNEL_PHONE_CALL: return "电话";
    case cmv1::CHANNEL_FACE_TO_FACE: return "到店面谈";
    default: return "全部渠道";
  }
}

std::string Rate(bool present, double share) {
  if (!present) {
    return "不适用";
  }
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << share * 100 << "%";
  return out.str();
}

// 1970-01-01 was a Thursday; 0 = Monday … 6 = Sunday.
int WeekdayIndex(const Date& date) {
  return static_cast<int>(((date.DaysSinceEpoch() + 3) % 7 + 7) % 7);
}

std::string WeekdayLabel(const Date& date) {
  static constexpr const char* kNames[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
  return kNames[WeekdayIndex(date)];
}

// "C001/V001" or "C001" for a customer-level reminder.
std::string Who(const rv1::Reminder& reminder) {
  return reminder.vehicle_id().empty() ? reminder.customer_id() : reminder.customer_id() + "/" + reminder.vehicle_id();
}

}  // namespace

std::string KindLabel(rv1::ReminderKind kind) {
  switch (kind) {
    case rv1::REMINDER_KIND_FIRST_MAINTENANCE: return "首保提醒";
    case rv1::REMINDER_KIND_SECOND_MAINTENANCE: return "二保提醒";
    case rv1::REMINDER_KIND_REGULAR_MAINTENANCE: return "定保提醒";
    case rv1::REMINDER_KIND_INSURANCE_RENEWAL: return "续保提醒";
    case rv1::REMINDER_KIND_WARRANTY_EXPIRY: return "质保到期";
    case rv1::REMINDER_KIND_ANNUAL_INSPECTION: return "年检提醒";
    case rv1::REMINDER_KIND_BIRTHDAY: return "生日祝福";
    case rv1::REMINDER_KIND_HOLIDAY_GREETING: return "节日问候";
    case rv1::REMINDER_KIND_WIN_BACK: return "流失挽回";
    case rv1::REMINDER_KIND_SURVEY_INVITATION: return "满意度回访";
    case rv1::REMINDER_KIND_CASE_FOLLOW_UP: return "投诉跟进";
    case rv1::REMINDER_KIND_APPOINTMENT_CONFIRMATION: return "预约确认";
    case rv1::REMINDER_KIND_APPOINTMENT_DAY_BEFORE: return "预约前一天提醒";
    case rv1::REMINDER_KIND_CAMPAIGN: return "营销活动";
    case rv1::REMINDER_KIND_SEASONAL_CHECK: return "季节检查";
    case rv1::REMINDER_KIND_SURVEY_REMINDER: return "回访催答";
    case rv1::REMINDER_KIND_SURVEY_WINDOW_CLOSE: return "回访截止";
    default: return ShortEnumName(rv1::ReminderKind_Name(kind), "REMINDER_KIND_");
  }
}

std::string RenderCareReport(const rv1::GetCareReportResponse& response) {
  Table table(
      {"门店", "月份", "类型", "渠道", "到期", "已发送", "错过", "被拦截", "失败", "回厂", "回厂率", "预约", "预约率"});
  for (const auto& row : response.rows()) {
    table.AddRow({row.store_id(), row.month(), KindLabel(row.kind()), ChannelLabel(row.channel()),
                  std::to_string(row.due_count()), std::to_string(row.sent_count()),
                  row.channel() == cmv1::CHANNEL_UNSPECIFIED ? std::to_string(row.missed_count()) : "-",
                  std::to_string(row.suppressed_count()), std::to_string(row.failed_count()),
                  std::to_string(row.returned_count()), Rate(row.has_return_rate(), row.return_rate()),
                  std::to_string(row.appointment_count()), Rate(row.has_appointment_rate(), row.appointment_rate())});
  }
  std::ostringstream out;
  if (response.rows().empty()) {
    out << "(no reminder fired or missed in this month)\n";
  } else {
    out << table.Render();
  }
  out << "回厂率/预约率: 提醒发出后 " << response.return_window_days()
      << " 天内（含当天）回厂/预约的占比；到期数为 0 时不适用。提醒按发出的月份计。\n";
  return out.str();
}

Json CareReportJson(const rv1::GetCareReportResponse& response) {
  return ToJson(response);
}

size_t CareDay::Total() const {
  size_t total = 0;
  for (const auto& [kind, reminders] : by_kind) {
    total += reminders.size();
  }
  return total;
}

std::vector<CareDay> GroupByDay(const std::vector<rv1::Reminder>& reminders, const TimeZone& zone, Date from,
                                int days) {
  std::map<Date, CareDay> grouped;
  const Date end = from.PlusDays(days);
  for (const auto& reminder : reminders) {
    const Date day = zone.DateAt(events::FromTimestamp(reminder.due_at()));
    if (day < from || !(day < end)) {
      continue;
    }
    CareDay& care = grouped[day];
    care.date = day;
    care.by_kind[reminder.kind()].push_back(reminder);
  }
  std::vector<CareDay> out;
  for (auto& [date, care] : grouped) {
    out.push_back(std::move(care));
  }
  return out;
}

std::string RenderUpcoming(const std::vector<CareDay>& days, Date from, int count) {
  Table table({"日期", "星期", "类型", "数量", "客户/车辆"});
  size_t total = 0;
  for (const auto& day : days) {
    const bool small = day.Total() <= kSmallDay;
    for (const auto& [kind, reminders] : day.by_kind) {
      std::string who;
      for (const auto& reminder : reminders) {
        who += (who.empty() ? "" : ", ") + Who(reminder);
      }
      table.AddRow({day.date.ToString(), WeekdayLabel(day.date), KindLabel(kind), std::to_string(reminders.size()),
                    small ? who : "-"});
      total += reminders.size();
    }
  }
  std::ostringstream out;
  if (days.empty()) {
    out << "(no care scheduled)\n";
  } else {
    out << table.Render();
  }
  out << "(" << total << " reminders from " << from.ToString() << " to " << from.PlusDays(count - 1).ToString()
      << ")\n";
  return out.str();
}

Json UpcomingJson(const std::vector<CareDay>& days) {
  Json out = Json::array();
  for (const auto& day : days) {
    const bool small = day.Total() <= kSmallDay;
    Json kinds = Json::array();
    for (const auto& [kind, reminders] : day.by_kind) {
      Json listed = Json::array();
      for (const auto& reminder : reminders) {
        if (small) {
          listed.push_back({{"reminder_id", reminder.reminder_id()},
                            {"customer_id", reminder.customer_id()},
                            {"vehicle_id", reminder.vehicle_id()}});
        }
      }
      kinds.push_back({{"kind", ShortEnumName(rv1::ReminderKind_Name(kind), "REMINDER_KIND_")},
                       {"count", reminders.size()},
                       {"reminders", std::move(listed)}});
    }
    out.push_back({{"date", day.date.ToString()}, {"total", day.Total()}, {"kinds", std::move(kinds)}});
  }
  return out;
}

std::string UpcomingHtml(const std::string& store_id, const std::vector<CareDay>& days, Date from, int count) {
  std::map<Date, const CareDay*> by_date;
  for (const auto& day : days) {
    by_date[day.date] = &day;
  }
  const Date last = from.PlusDays(count - 1);
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<title>关怀日历 " << HtmlEscape(store_id) << "</title>\n<style>\n"
       << "body{font-family:sans-serif;margin:24px;color:#222}\n"
       << "table.month{border-collapse:collapse;margin-bottom:32px;width:100%;table-layout:fixed}\n"
       << "table.month th,table.month td{border:1px solid #ccc;vertical-align:top;padding:4px;height:80px}\n"
       << "table.month th{height:auto;background:#f3f3f3}\n"
       << "td.out{background:#fafafa;color:#bbb}\ntd.care{background:#eef6ff}\n"
       << ".num{font-weight:bold}\n.total{float:right;color:#0a58ca}\nul{margin:4px 0;padding-left:16px}\n"
       << "</style>\n</head>\n<body>\n<h1>关怀日历 · 门店 " << HtmlEscape(store_id) << "</h1>\n"
       << "<p class=\"range\">" << from.ToString() << " 至 " << last.ToString() << "，共 " << count << " 天</p>\n";
  static constexpr const char* kWeekdays[] = {"一", "二", "三", "四", "五", "六", "日"};
  for (Date month{from.year, from.month, 1}; !(last < month); month = month.PlusMonths(1)) {
    html << "<table class=\"month\" data-month=\"" << month.ToString().substr(0, 7) << "\">\n<caption>" << month.year
         << "年" << month.month << "月</caption>\n<tr>";
    for (const char* weekday : kWeekdays) {
      html << "<th>周" << weekday << "</th>";
    }
    html << "</tr>\n<tr>";
    for (int blank = 0; blank < WeekdayIndex(month); ++blank) {
      html << "<td class=\"out\"></td>";
    }
    for (Date day = month; day.month == month.month; day = day.PlusDays(1)) {
      if (WeekdayIndex(day) == 0 && day.day != 1) {
        html << "</tr>\n<tr>";
      }
      const bool in_range = !(day < from) && !(last < day);
      const auto found = by_date.find(day);
      const CareDay* care = in_range && found != by_date.end() ? found->second : nullptr;
      if (!in_range) {
        html << "<td class=\"out\"><span class=\"num\">" << day.day << "</span></td>";
        continue;
      }
      html << "<td class=\"" << (care != nullptr ? "care" : "day") << "\" data-date=\"" << day.ToString()
           << "\" data-count=\"" << (care != nullptr ? care->Total() : 0) << "\"><span class=\"num\">" << day.day
           << "</span>";
      if (care != nullptr) {
        html << "<span class=\"total\">" << care->Total() << " 条</span><ul>";
        for (const auto& [kind, reminders] : care->by_kind) {
          html << "<li data-kind=\"" << ShortEnumName(rv1::ReminderKind_Name(kind), "REMINDER_KIND_") << "\">"
               << KindLabel(kind) << " " << reminders.size();
          if (care->Total() <= kSmallDay) {
            std::string who;
            for (const auto& reminder : reminders) {
              who += (who.empty() ? "" : "、") + Who(reminder);
            }
            html << "（" << HtmlEscape(who) << "）";
          }
          html << "</li>";
        }
        html << "</ul>";
      }
      html << "</td>";
    }
    const int trailing = 6 - WeekdayIndex(month.PlusMonths(1).PlusDays(-1));
    for (int blank = 0; blank < trailing; ++blank) {
      html << "<td class=\"out\"></td>";
    }
    html << "</tr>\n</table>\n";
  }
  html << "</body>\n</html>\n";
  return html.str();
}

}  // namespace careloop::ctl
