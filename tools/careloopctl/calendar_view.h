#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/base/time.h"
#include "services/reminders/domain/chinese_calendar.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {

/// The greeting holidays of `year` in date order (ties in the order of kAllHolidays: Mid-Autumn
/// before National Day when both fall on October 1). Throws UsageError naming --year when the year
/// is outside 1901..2100.
[[nodiscard]] std::vector<std::pair<reminders::domain::Holiday, Date>> HolidaysOf(int year);

/// `calendar holidays --json`: [{"holiday":"spring_festival","date":"2027-02-06"}, …].
[[nodiscard]] Json HolidaysJson(int year);

/// `calendar holidays`: a table of holiday word, Chinese name, date and weekday.
[[nodiscard]] std::string HolidaysTable(int year);

}  // namespace careloop::ctl
