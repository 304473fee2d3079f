#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace careloop {

/// An instant in UTC, millisecond precision. All stored and transmitted instants are this.
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;
using Millis = std::chrono::milliseconds;
using Days = std::chrono::days;

/// A calendar date as people at a store see it (no time zone of its own).
struct Date final {
  int year = 0;
  int month = 0;
  int day = 0;

  [[nodiscard]] bool IsSet() const { return year != 0; }
  [[nodiscard]] bool IsValid() const;
  /// "2026-11-01"
  [[nodiscard]] std::string ToString() const;
  /// Days since 1970-01-01.
  [[nodiscard]] int64_t DaysSinceEpoch() const;
  [[nodiscard]] static Date FromDaysSinceEpoch(int64_t days);
  /// Parses "2026-11-01", "2026/11/1" or "20261101".
  [[nodiscard]] static std::optional<Date> Parse(std::string_view text);
  /// The year, month and day of a date written the same ways, not checked against the solar
  /// calendar: a lunar date such as 1985-02-30 (二月三十) reads as written. nullopt when the
  /// text is not three numbers in one of those forms.
  [[nodiscard]] static std::optional<Date> ParseFields(std::string_view text);

  /// Same day `months` later; the day is clamped to the month's end (Jan 31 + 1 month = Feb 28/29).
  [[nodiscard]] Date PlusMonths(int months) const;
  [[nodiscard]] Date PlusDays(int64_t days) const { return FromDaysSinceEpoch(DaysSinceEpoch() + days); }

  auto operator<=>(const Date&) const = default;
};

/// A wall-clock time of day, minutes since local midnight.
struct TimeOfDay final {
  int minutes = 0;
  /// Parses "21:00".
  [[nodiscard]] static std::optional<TimeOfDay> Parse(std::string_view text);
  [[nodiscard]] std::string ToString() const;
  auto operator<=>(const TimeOfDay&) const = default;
};

/// Converts between instants and a store's local calendar. Backed by the IANA database
/// (Howard Hinnant's date/tz over the system tzdata), so DST rules are right where they exist.
class TimeZone final {
 public:
  /// Throws std::runtime_error for an unknown zone name (a startup/config error).
  explicit TimeZone(std::string_view name);
  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] Date DateAt(Instant instant) const;
  [[nodiscard]] TimeOfDay TimeOfDayAt(Instant instant) const;
  /// The instant at which `time` of `date` happens locally.
  [[nodiscard]] Instant At(Date date, TimeOfDay time) const;
  [[nodiscard]] Instant StartOfDay(Date date) const { return At(date, TimeOfDay{0}); }

 private:
  std::string name_;
  const void* zone_;  // const date::time_zone*, kept opaque so users need not include tz.h
};

/// "2026-11-01T08:00:00.000Z"
[[nodiscard]] std::string FormatRfc3339(Instant instant);
/// Parses RFC 3339 with 'Z' or an offset; also a bare date (midnight UTC).
[[nodiscard]] std::optional<Instant> ParseRfc3339(std::string_view text);
/// Parses "30d", "12h", "90m", "45s", "1w" into milliseconds.
[[nodiscard]] std::optional<Millis> ParseDuration(std::string_view text);

}  // namespace careloop
