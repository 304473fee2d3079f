#include "services/reminders/domain/care_report.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

namespace careloop::reminders::domain {
namespace {

constexpr std::array kChannels{CareChannel::kSms, CareChannel::kWechat, CareChannel::kPhoneCall,
                               CareChannel::kFaceToFace};

bool Has(const ReminderCareFacts& facts, std::optional<CareChannel> channel, MessageOutcome outcome) {
  return std::any_of(facts.outcomes.begin(), facts.outcomes.end(), [&](const auto& entry) {
    return entry.second == outcome && (!channel || entry.first == *channel);
  });
}

bool AttemptedOn(const ReminderCareFacts& facts, CareChannel channel) {
  return std::any_of(facts.outcomes.begin(), facts.outcomes.end(),
                     [&](const auto& entry) { return entry.first == channel; });
}

void Count(const ReminderCareFacts& facts, int window_days, CareReportRow& row) {
  ++row.due;
  row.sent += Has(facts, row.channel, MessageOutcome::kSent) ? 1 : 0;
  row.suppressed += Has(facts, row.channel, MessageOutcome::kSuppressed) ? 1 : 0;
  row.failed += Has(facts, row.channel, MessageOutcome::kFailed) ? 1 : 0;
  row.returned += FollowedWithin(facts.reminder.fired_on, facts.visits, window_days) ? 1 : 0;
  row.booked +=
      (facts.answered_by_booking || FollowedWithin(facts.reminder.fired_on, facts.bookings, window_days)) ? 1 : 0;
}

void SetRates(CareReportRow& row) {
  row.return_rate = ShareOf(row.returned, row.due);
  row.appointment_rate = ShareOf(row.booked, row.due);
}

}  // namespace

std::optional<CareMonth> CareMonth::Parse(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') {
    return std::nullopt;
  }
  int year = 0;
  int month = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 4) {
      continue;
    }
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    (i < 4 ? year : month) = (i < 4 ? year : month) * 10 + (text[i] - '0');
  }
  if (year < 1901 || year > 2100 || month < 1 || month > 12) {
    return std::nullopt;
  }
  return CareMonth{year, month};
}

std::string CareMonth::ToString() const {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", year, month);
  return text;
}

bool FollowedWithin(Date fired_on, const std::vector<Date>& dates, int window_days) {
  const Date last = fired_on.PlusDays(window_days);
  return std::any_of(dates.begin(), dates.end(), [&](const Date& date) { return fired_on <= date && date <= last; });
}

std::optional<double> ShareOf(int64_t part, int64_t base) {
  if (base == 0) {
    return std::nullopt;
  }
  return static_cast<double>(part) / static_cast<double>(base);
}

std::vector<CareReportRow> TallyCareReport(const CareMonthFacts& facts, int window_days,
                                           const CareReportFilter& filter) {
  // Per kind: the all-channels row, then one row per channel.
  std::map<ReminderKind, CareReportRow> all;
  std::map<std::pair<ReminderKind, CareChannel>, CareReportRow> by_channel;
  for (const auto& fired : facts.fired) {
    const ReminderKind kind = fired.reminder.kind;
    CareReportRow& row = all[kind];
    row.kind = kind;
    Count(fired, window_days, row);
    for (const CareChannel channel : kChannels) {
      if (!AttemptedOn(fired, channel)) {
        continue;
      }
      CareReportRow& on = by_channel[{kind, channel}];
      on.kind = kind;
      on.channel = channel;
      Count(fired, window_days, on);
    }
  }
  for (const auto& missed : facts.missed) {
    CareReportRow& row = all[missed.kind];
    row.kind = missed.kind;
    ++row.missed;
  }
  std::vector<CareReportRow> rows;
  for (auto& [kind, row] : all) {
    if (filter.kind && *filter.kind != kind) {
      continue;
    }
    if (!filter.channel) {
      SetRates(row);
      rows.push_back(row);
    }
    for (const CareChannel channel : kChannels) {
      if (filter.channel && *filter.channel != channel) {
        continue;
      }
      if (auto found = by_channel.find({kind, channel}); found != by_channel.end()) {
        SetRates(found->second);
        rows.push_back(found->second);
      }
    }
  }
  return rows;
}

}  // namespace careloop::reminders::domain
