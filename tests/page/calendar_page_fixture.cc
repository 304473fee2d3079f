// Writes the page `careloopctl calendar upcoming --html` writes, for a fixed set of scheduled
// reminders (two months touched, a small day and a big day), and beside it what the page must
// show per day (UpcomingJson). calendar_page_check.mjs opens the page in headless Chromium.
//
//   calendar_page_fixture PAGE.html EXPECTED.json
#include <fstream>
#include <iostream>

#include "common/events/proto_event.h"
#include "tools/careloopctl/care_views.h"

namespace {

namespace rv1 = careloop::reminder::v1;

rv1::Reminder Scheduled(const std::string& id, rv1::ReminderKind kind, std::string_view due_at,
                        const std::string& vehicle) {
  rv1::Reminder reminder;
  reminder.set_reminder_id(id);
  reminder.set_customer_id("C-" + id);
  reminder.set_vehicle_id(vehicle);
  reminder.set_store_id("S001");
  reminder.set_kind(kind);
  reminder.set_status(rv1::REMINDER_STATUS_SCHEDULED);
  *reminder.mutable_due_at() = careloop::events::ToTimestamp(*careloop::ParseRfc3339(due_at));
  return reminder;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: calendar_page_fixture PAGE.html EXPECTED.json\n";
    return 2;
  }
  std::vector<rv1::Reminder> reminders{
      Scheduled("r1", rv1::REMINDER_KIND_FIRST_MAINTENANCE, "2027-01-26T10:00:00+08:00", "V1"),
      Scheduled("r2", rv1::REMINDER_KIND_BIRTHDAY, "2027-01-26T00:30:00+08:00", ""),
      Scheduled("r3", rv1::REMINDER_KIND_INSURANCE_RENEWAL, "2027-02-03T10:00:00+08:00", "V3"),
  };
  for (int i = 0; i < 12; ++i) {
    reminders.push_back(Scheduled("g" + std::to_string(i), rv1::REMINDER_KIND_HOLIDAY_GREETING,
                                  "2027-02-06T09:00:00+08:00", ""));  // Spring Festival 2027
  }
  const careloop::Date from{2027, 1, 25};
  constexpr int kDays = 14;
  const auto days = careloop::ctl::GroupByDay(reminders, careloop::ctl::DisplayZone(), from, kDays);
  std::ofstream(argv[1], std::ios::binary) << careloop::ctl::UpcomingHtml("S001", days, from, kDays);
  careloop::ctl::Json expected{{"from", from.ToString()}, {"days", kDays}, {"care", careloop::ctl::UpcomingJson(days)}};
  std::ofstream(argv[2], std::ios::binary) << expected.dump(2) << "\n";
  return 0;
}
