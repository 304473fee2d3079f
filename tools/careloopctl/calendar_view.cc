#include "tools/careloopctl/calendar_view.h"

#include <algorithm>

#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/table.h"

namespace careloop::ctl {
namespace {

namespace rd = reminders::domain;

std::string ChineseName(rd::Holiday holiday) {
  switch (holiday) {
    case rd::Holiday::kNewYear: return "元旦";
    case rd::Holiday::kSpringFestival: return "春节";
    case rd::Holiday::kLantern: return "元宵节";
    case rd::Holiday::kQingming: return "清明节";
    case rd::Holiday::kLabourDay: return "劳动节";
    case rd::Holiday::kDragonBoat: return "端午节";
    case rd::Holiday::kQixi: return "七夕";
    case rd::Holiday::kMidAutumn: return "中秋节";
    case rd::Holiday::kDoubleNinth: return "重阳节";
    case rd::Holiday::kNationalDay: return "国庆节";
  }
  return "";
}

std::string Weekday(const Date& date) {
  static constexpr const char* kNames[] = {"Thu", "Fri", "Sat", "Sun",
                                           "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
  const int64_t days = date.DaysSinceEpoch();
  return kNames[((days % 7) + 7) % 7];
}

}  // namespace

std::vector<std::pair<rd::Holiday, Date>> HolidaysOf(int year) {
  std::vector<std::pair<rd::Holiday, Date>> holidays;
  for (const rd::Holiday holiday : rd::kAllHolidays) {
    const auto date = rd::HolidayDate(holiday, year);
    if (!date) {
      throw UsageError("--year: the calendar covers " + std::to_string(rd::kFirstCalendarYear) + " to " +
                       std::to_string(rd::kLastCalendarYear) + ", not " + std::to_string(year));
    }
    holidays.emplace_back(holiday, *date);
  }
  std::stable_sort(holidays.begin(), holidays.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return holidays;
}

Json HolidaysJson(int year) {
  Json out = Json::array();
  for (const auto& [holiday, date] : HolidaysOf(year)) {
    out.push_back({{"holiday", std::string(rd::HolidayName(holiday))}, {"date", date.ToString()}});
  }
  return out;
}

std::string HolidaysTable(int year) {
  Table table({"HOLIDAY", "NAME", "DATE", "DAY"});
  for (const auto& [holiday, date] : HolidaysOf(year)) {
    table.AddRow({std::string(rd::HolidayName(holiday)), ChineseName(holiday), date.ToString(), Weekday(date)});
  }
  return table.Render();
}

}  // namespace careloop::ctl
