#include "common/base/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <charconv>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace careloop {
namespace {

date::year_month_day ToYmd(const Date& d) {
  return date::year{d.year} / date::month{static_cast<unsigned>(d.month)} / date::day{static_cast<unsigned>(d.day)};
}

Date FromYmd(const date::year_month_day& ymd) {
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool ParseInt(std::string_view text, int& out) {
  if (text.empty()) {
    return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

const date::time_zone* Zone(const void* zone) {
  return static_cast<const date::time_zone*>(zone);
}

}  // namespace

bool Date::IsValid() const {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  return ToYmd(*this).ok();
}

std::string Date::ToString() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

int64_t Date::DaysSinceEpoch() const {
  return date::sys_days{ToYmd(*this)}.time_since_epoch().count();
}

Date Date::FromDaysSinceEpoch(int64_t days) {
  return FromYmd(date::year_month_day{date::sys_days{date::days{days}}});
}

std::optional<Date> Date::Parse(std::string_view text) {
  auto d = ParseFields(text);
  if (!d || !d->IsValid()) {
    return std::nullopt;
  }
  return d;
}

std::optional<Date> Date::ParseFields(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  Date d;
  if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string_view::npos) {
    if (!ParseInt(text.substr(0, 4), d.year) || !ParseInt(text.substr(4, 2), d.month) ||
        !ParseInt(text.substr(6, 2), d.day)) {
      return std::nullopt;
    }
  } else {
    const char sep = text.find('-') != std::string_view::npos ? '-' : '/';
    const auto first = text.find(sep);
    const auto second = first == std::string_view::npos ? first : text.find(sep, first + 1);
    if (second == std::string_view::npos) {
      return std::nullopt;
    }
    if (!ParseInt(text.substr(0, first), d.year) || !ParseInt(text.substr(first + 1, second - first - 1), d.month) ||
        !ParseInt(text.substr(second + 1), d.day)) {
      return std::nullopt;
    }
  }
  return d;
}

Date Date::PlusMonths(int months) const {
  const int total = year * 12 + (month - 1) + months;
  Date d{total / 12, total % 12 + 1, 1};
  const auto last =
      date::year_month_day_last{date::year{d.year} / date::month{static_cast<unsigned>(d.month)} / date::last};
  const int last_day = static_cast<int>(static_cast<unsigned>(last.day()));
  d.day = day > last_day ? last_day : day;
  return d;
}

std::optional<TimeOfDay> TimeOfDay::Parse(std::string_view text) {
  const auto colon = text.find(':');
  int hours = 0;
  int minutes = 0;
  if (colon == std::string_view::npos || !ParseInt(text.substr(0, colon), hours) ||
      !ParseInt(text.substr(colon + 1), minutes) || hours < 0 || hours > 24 || minutes < 0 || minutes > 59 ||
      (hours == 24 && minutes != 0)) {
    return std::nullopt;
  }
  return TimeOfDay{hours * 60 + minutes};
}

std::string TimeOfDay::ToString() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

TimeZone::TimeZone(std::string_view name) : name_(name) {
  try {
    zone_ = date::locate_zone(name_);
  } catch (const std::exception& e) {
    throw std::runtime_error("unknown time zone '" + name_ + "': " + e.what());
  }
}

Date TimeZone::DateAt(Instant instant) const {
  const auto local = Zone(zone_)->to_local(instant);
  return FromYmd(date::year_month_day{date::floor<date::days>(local)});
}

TimeOfDay TimeZone::TimeOfDayAt(Instant instant) const {
  const auto local = Zone(zone_)->to_local(instant);
  const auto since_midnight = local - date::floor<date::days>(local);
  return TimeOfDay{static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count())};
}

Instant TimeZone::At(Date d, TimeOfDay time) const {
  const date::local_time<std::chrono::minutes> local{date::local_days{ToYmd(d)}.time_since_epoch() +
                                                     std::chrono::minutes{time.minutes}};
  // A local time skipped by a DST jump maps to the instant after the gap; an ambiguous one to the earlier.
  return std::chrono::time_point_cast<Millis>(Zone(zone_)->to_sys(local, date::choose::earliest));
}

std::string FormatRfc3339(Instant instant) {
  return date::format("%FT%TZ", instant);
}

std::optional<Instant> ParseRfc3339(std::string_view text) {
  std::string s(text);
  if (s.size() == 10) {
    if (auto d = Date::Parse(s)) {
      return Instant{Millis{d->DaysSinceEpoch() * 86'400'000}};
    }
    return std::nullopt;
  }
  std::istringstream in(s);
  date::sys_time<Millis> tp;
  if (s.back() == 'Z' || s.back() == 'z') {
    in >> date::parse("%FT%T", tp);
  } else {
    in >> date::parse("%FT%T%Ez", tp);
  }
  if (in.fail()) {
    return std::nullopt;
  }
  return tp;
}

std::optional<Millis> ParseDuration(std::string_view text) {
  if (text.size() < 2) {
    return std::nullopt;
  }
  int64_t amount = 0;
  const auto unit = text.back();
  auto number = text.substr(0, text.size() - 1);
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), amount);
  if (ec != std::errc{} || ptr != number.data() + number.size() || amount < 0) {
    return std::nullopt;
  }
  switch (unit) {
    case 'w': return Millis{amount * 7 * 86'400'000};
    case 'd': return Millis{amount * 86'400'000};
    case 'h': return Millis{amount * 3'600'000};
    case 'm': return Millis{amount * 60'000};
    case 's': return Millis{amount * 1'000};
    default: return std::nullopt;
  }
}

}  // namespace careloop
