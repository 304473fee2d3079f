// report care: care effectiveness of a store in a month (RemindersService.GetCareReport).
// calendar upcoming: what care goes out on which day (RemindersService.ListReminders over a due
// date range), as a table, --json, or --html FILE (a month calendar page a manager can open).
#include <fstream>
#include <iostream>
#include <memory>

#include "careloop/admin/v1/clock_service.grpc.pb.h"
#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "common/events/proto_event.h"
#include "services/reminders/adapters/care_tables.h"
#include "services/reminders/adapters/enum_tables.h"
#include "services/reminders/domain/care_report.h"
#include "tools/careloopctl/care_views.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"

namespace careloop::ctl {
namespace {

namespace rv1 = careloop::reminder::v1;
namespace av1 = careloop::admin::v1;

constexpr int kMaxUpcomingDays = 62;

struct CareReportArgs final {
  std::string store;
  std::string month;
  std::string kind;
  std::string channel;
};

struct UpcomingArgs final {
  std::string store;
  int days = 14;
  std::string from;
  std::string html;
};

// Today at the reminders service, on the deployment's clock (simulated in demos), in the display zone.
Date ServiceToday(Session& session) {
  av1::GetTimeResponse response;
  Check(av1::ClockService::NewStub(session.Channel(kRemindersAddr))
            ->GetTime(session.NewContext().get(), av1::GetTimeRequest(), &response));
  return DisplayZone().DateAt(events::FromTimestamp(response.now()));
}

}  // namespace

rv1::GetCareReportRequest CareReportRequest(const std::string& store, const std::string& month, const std::string& kind,
                                            const std::string& channel) {
  if (!reminders::domain::CareMonth::Parse(month)) {
    throw UsageError("--month is YYYY-MM, e.g. 2027-01; got " + month);
  }
  rv1::GetCareReportRequest request;
  request.set_store_id(store);
  request.set_month(month);
  if (!kind.empty()) {
    request.set_kind(ProtoOfWord(reminders::adapters::kReminderKinds, kind));
  }
  if (!channel.empty()) {
    request.set_channel(ProtoOfWord(reminders::adapters::kCareChannels, channel));
  }
  return request;
}

void AddCareReportCommand(CLI::App& report, Session& session) {
  auto args = std::make_shared<CareReportArgs>();
  auto* care = report.add_subcommand(
      "care", "care effectiveness per kind and channel: fired, sent, missed, suppressed, failed, 回厂率, 预约率");
  care->add_option("--store", args->store, "store id")->required();
  care->add_option("--month", args->month, "YYYY-MM, the month the reminders fired in")->required();
  care->add_option("--kind", args->kind, "only this reminder kind")
      ->check(CLI::IsMember(reminders::adapters::kReminderKinds.Words()));
  care->add_option("--channel", args->channel, "only the rows of this channel")
      ->check(CLI::IsMember(reminders::adapters::kCareChannels.Words()));
  care->callback([&session, args] {
    session.action = [&session, args] {
      const auto request = CareReportRequest(args->store, args->month, args->kind, args->channel);
      rv1::GetCareReportResponse response;
      Check(rv1::RemindersService::NewStub(session.Channel(kRemindersAddr))
                ->GetCareReport(session.NewContext().get(), request, &response));
      if (session.json) {
        PrintJson(CareReportJson(response));
      } else {
        std::cout << RenderCareReport(response);
      }
      return 0;
    };
  });
}

void AddCalendarUpcomingCommand(CLI::App& calendar, Session& session) {
  auto args = std::make_shared<UpcomingArgs>();
  auto* upcoming = calendar.add_subcommand("upcoming", "what care goes out on which day (scheduled reminders)");
  upcoming->add_option("--store", args->store, "store id")->required();
  upcoming->add_option("--days", args->days, "how many days from --from (1-62, default 14)")
      ->check(CLI::Range(1, kMaxUpcomingDays));
  upcoming->add_option("--from", args->from, "first day, YYYY-MM-DD (default: today on the services' clock)")
      ->check(DateValidator());
  upcoming->add_option("--html", args->html, "also write a month calendar page (HTML) to this file");
  upcoming->callback([&session, args] {
    session.action = [&session, args] {
      const Date from = args->from.empty() ? ServiceToday(session) : events::FromProto(*ParseDateFlag(args->from));
      rv1::ListRemindersRequest request;
      request.set_store_id(args->store);
      request.set_status(rv1::REMINDER_STATUS_SCHEDULED);
      *request.mutable_due()->mutable_start_date() = events::ToProto(from);
      *request.mutable_due()->mutable_end_date() = events::ToProto(from.PlusDays(args->days - 1));
      rv1::ListRemindersResponse response;
      Check(rv1::RemindersService::NewStub(session.Channel(kRemindersAddr))
                ->ListReminders(session.NewContext().get(), request, &response));
      const std::vector<rv1::Reminder> reminders(response.reminders().begin(), response.reminders().end());
      const auto days = GroupByDay(reminders, DisplayZone(), from, args->days);
      if (!args->html.empty()) {
        std::ofstream file(args->html, std::ios::binary | std::ios::trunc);
        file << UpcomingHtml(args->store, days, from, args->days);
        if (!file.flush()) {
          throw UsageError("--html: cannot write " + args->html);
        }
      }
      if (session.json) {
        PrintJson(UpcomingJson(days));
      } else {
        std::cout << RenderUpcoming(days, from, args->days);
        if (!args->html.empty()) {
          std::cout << "wrote " << args->html << "\n";
        }
      }
      return 0;
    };
  });
}

}  // namespace careloop::ctl
