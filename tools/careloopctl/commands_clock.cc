// clock show|set|advance: the deployment's clock, through careloop.admin.v1.ClockService of
// the customers service (every service serves it). Setting it takes an admin token; the CLI
// never touches Redis.
#include <google/protobuf/util/time_util.h>

#include <iostream>
#include <memory>

#include "careloop/admin/v1/clock_service.grpc.pb.h"
#include "common/events/proto_event.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {
namespace {

namespace av1 = careloop::admin::v1;

std::unique_ptr<av1::ClockService::Stub> Stub(Session& session) {
  return av1::ClockService::NewStub(session.Channel(kCustomersAddr));
}

int PrintTime(const Session& session, const google::protobuf::Timestamp& timestamp, av1::ClockMode mode) {
  const Instant now = events::FromTimestamp(timestamp);
  const std::string clock = mode == av1::CLOCK_MODE_SIMULATED ? "simulated" : "system";
  if (session.json) {
    PrintJson({{"utc", FormatRfc3339(now)},
               {"local", FormatLocal(now)},
               {"local_date", TimeZone(kDisplayTimeZone).DateAt(now).ToString()},
               {"time_zone", kDisplayTimeZone},
               {"clock", clock}});
  } else {
    std::cout << clock << " time  " << FormatUtc(now) << "  (" << FormatLocal(now) << " " << kDisplayTimeZone << ")\n";
  }
  return 0;
}

}  // namespace

void AddClockCommands(CLI::App& app, Session& session) {
  auto* clock = app.add_subcommand("clock", "the deployment's clock (setting it: admins, simulated clock only)");
  clock->require_subcommand(1);

  auto* show = clock->add_subcommand("show", "print the time the services go by");
  show->callback([&session] {
    session.action = [&session] {
      av1::GetTimeResponse response;
      Check(Stub(session)->GetTime(session.NewContext().get(), av1::GetTimeRequest(), &response));
      return PrintTime(session, response.now(), response.mode());
    };
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
      av1::SetTimeRequest request;
      *request.mutable_time() = events::ToTimestamp(*ParseClockTarget(*target, DisplayZone()));
      av1::SetTimeResponse response;
      Check(Stub(session)->SetTime(session.NewContext().get(), request, &response));
      return PrintTime(session, response.now(), response.mode());
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
      av1::AdvanceTimeRequest request;
      *request.mutable_by() =
          google::protobuf::util::TimeUtil::MillisecondsToDuration(ParseSignedDuration(*by)->count());
      av1::AdvanceTimeResponse response;
      Check(Stub(session)->AdvanceTime(session.NewContext().get(), request, &response));
      return PrintTime(session, response.now(), response.mode());
    };
  });
}

}  // namespace careloop::ctl
