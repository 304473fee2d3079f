// clock show|set|advance: the shared simulated clock, straight through Redis.
#include <iostream>
#include <memory>

#include "common/clock/clock.h"
#include "common/config/config.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {
namespace {

config::RedisSettings Redis(Session& session) {
  return config::ParseRedisUrl(kRedisUrl, session.endpoints().Require(kRedisUrl));
}

int PrintTime(const Session& session, Instant now) {
  if (session.json) {
    PrintJson({{"utc", FormatRfc3339(now)},
               {"local", FormatLocal(now)},
               {"local_date", TimeZone(kDisplayTimeZone).DateAt(now).ToString()},
               {"time_zone", kDisplayTimeZone}});
  } else {
    std::cout << "simulated time  " << FormatUtc(now) << "  (" << FormatLocal(now) << " " << kDisplayTimeZone << ")\n";
  }
  return 0;
}

}  // namespace

void AddClockCommands(CLI::App& app, Session& session) {
  auto* clock = app.add_subcommand("clock", "the shared simulated clock (REDIS_URL)");
  clock->require_subcommand(1);

  auto* show = clock->add_subcommand("show", "print the simulated time");
  show->callback([&session] {
    session.action = [&session] { return PrintTime(session, clock::ReadSimulatedTime(Redis(session))); };
  });

  auto target = std::make_shared<std::string>();
  auto* set = clock->add_subcommand("set", "set the simulated time");
  set->add_option("TIME", *target, "2026-11-01 (00:00 in Asia/Shanghai) or RFC 3339, e.g. 2026-11-01T10:00:00+08:00")
      ->required()
      ->check(CLI::Validator(
          [](std::string& text) {
            return ParseClockTarget(text, DisplayZone()) ? std::string() : "not a date or RFC 3339 time: " + text;
          },
          "TIME"));
  set->callback([&session, target] {
    session.action = [&session, target] {
      const auto settings = Redis(session);
      clock::SetSimulatedTime(settings, *ParseClockTarget(*target, DisplayZone()));
      return PrintTime(session, clock::ReadSimulatedTime(settings));
    };
  });

  auto by = std::make_shared<std::string>();
  auto* advance = clock->add_subcommand("advance", "move the simulated time forward (or back with -)");
  advance->add_option("DURATION", *by, "e.g. 30d, 12h, 90m, 1w; to go back: -- -1d")
      ->required()
      ->check(CLI::Validator(
          [](std::string& text) { return ParseSignedDuration(text) ? std::string() : "not a duration: " + text; },
          "DURATION"));
  advance->callback([&session, by] {
    session.action = [&session, by] {
      const auto settings = Redis(session);
      clock::AdvanceSimulatedTime(settings, *ParseSignedDuration(*by));
      return PrintTime(session, clock::ReadSimulatedTime(settings));
    };
  });
}

}  // namespace careloop::ctl
