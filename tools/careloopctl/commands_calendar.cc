// calendar holidays --year YYYY: the greeting holidays of a year, the lunar ones and Qingming from
// the Chinese calendar of the reminders domain (services/reminders/domain/chinese_calendar.h).
// Local: no service is called.
#include <iostream>
#include <memory>

#include "tools/careloopctl/calendar_view.h"
#include "tools/careloopctl/commands.h"

namespace careloop::ctl {

void AddCalendarCommands(CLI::App& app, Session& session) {
  auto* calendar = app.add_subcommand("calendar", "the care calendar");
  calendar->require_subcommand(1);
  AddCalendarUpcomingCommand(*calendar, session);

  auto year = std::make_shared<int>(0);
  auto* holidays = calendar->add_subcommand("holidays", "the greeting holidays of a year (1901-2100)");
  holidays->add_option("--year", *year, "the year, e.g. 2027")->required();
  holidays->callback([&session, year] {
    session.action = [&session, year] {
      if (session.json) {
        PrintJson(HolidaysJson(*year));
      } else {
        std::cout << HolidaysTable(*year);
      }
      return 0;
    };
  });
}

}  // namespace careloop::ctl
