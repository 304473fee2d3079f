// `careloopctl report care` and `calendar upcoming` run in this process against the reminders
// service's gRPC API (RemindersApi with the care report wired as careloop-reminders wires it) over
// a real redis-server: the report's rows and rates (not applicable on a zero base) as a table and
// --json, its bad input and store scope, and the upcoming care per day with --json and --html.
// Shares care_report_test's binary and Redis database.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/redis_care_stats.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/adapters/redis_rule_store.h"
#include "services/reminders/app/rules_app.h"
#include "tests/integration/careloopctl_run.h"
#include "tests/integration/customers_fixture.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/session.h"

namespace careloop::reminders {
namespace {

constexpr int kDb = 11;

using testing::CtlRun;

class CareloopctlCareTest : public ::testing::Test {
 protected:
  CareloopctlCareTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(testing::Shanghai().At(Date{2027, 1, 5}, TimeOfDay{9 * 60})),
        stores_({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""},
                 {"S002", "浦东店", "星途汽车浦东店", "Asia/Shanghai", ""}}),
        authenticator_({testing::Token("admin", "admin", {"*"}), testing::Token("mgr2", "manager", {"S002"})}),
        repository_(*pool_, clock_),
        rule_store_(*pool_),
        book_(rule_store_),
        replanner_(repository_, repository_, book_, clock_, stores_),
        app_(repository_, repository_, book_, replanner_, clock_, stores_),
        stats_(*pool_),
        calendar_(*pool_),
        care_(stats_, calendar_, stores_),
        api_({app_, nullptr, nullptr, &care_}, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}) {}

  ~CareloopctlCareTest() override { server_.Shutdown(std::chrono::milliseconds(100)); }

  CtlRun Ctl(std::vector<std::string> args, const std::string& token = "admin") {
    args.insert(args.begin(), {"--reminders-addr", "127.0.0.1:" + std::to_string(server_.port()), "--token", token});
    return testing::RunCtl(
        [](CLI::App& app, ctl::Session& session) {
          ctl::AddReportCommands(app, session);
          ctl::AddCalendarCommands(app, session);
        },
        args);
  }

  domain::Reminder Scheduled(const std::string& id, domain::ReminderKind kind, Date day, const std::string& vehicle) {
    domain::Reminder reminder;
    reminder.reminder_id = id;
    reminder.customer_id = "cus-" + id;
    reminder.vehicle_id = vehicle;
    reminder.store_id = "S001";
    reminder.kind = kind;
    reminder.due_at = testing::Shanghai().At(day, TimeOfDay{10 * 60});
    reminder.service_due_date = day.PlusDays(30);
    return reminder;
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  auth::TokenAuthenticator authenticator_;
  metrics::Registry metrics_;
  adapters::RedisReminderRepository repository_;
  adapters::RedisRuleStore rule_store_;
  app::StoredRuleBook book_;
  app::Replanner replanner_;
  app::RemindersApp app_;
  adapters::RedisCareStats stats_;
  adapters::RedisReminderCalendar calendar_;
  app::CareReportApp care_;
  adapters::RemindersApi api_;
  grpcx::Server server_;
};

TEST_F(CareloopctlCareTest, ReportCareShowsRowsAndRatesAndSaysNotApplicableOnAZeroBase) {
  const Instant fired = testing::Shanghai().At(Date{2027, 1, 5}, TimeOfDay{10 * 60});
  care_.OnReminderDue({"rem-1", "S001", "cus-1", "veh-1", domain::ReminderKind::kFirstMaintenance, fired});
  care_.OnReminderDue({"rem-2", "S001", "cus-2", "veh-2", domain::ReminderKind::kFirstMaintenance, fired});
  care_.OnMessageOutcome("rem-1", domain::CareChannel::kSms, domain::MessageOutcome::kSent);
  care_.OnVisitRecorded("visit-1", "cus-1", "veh-1", Date{2027, 2, 4});  // day 30
  care_.OnReminderMissed("rem-3", "S001", domain::ReminderKind::kInsuranceRenewal, fired);

  const CtlRun json = Ctl({"report", "care", "--store", "S001", "--month", "2027-01", "--json"});
  ASSERT_EQ(json.code, 0) << json.err;
  const auto report = json.Json();
  EXPECT_EQ(report["return_window_days"], 30);
  ASSERT_EQ(report["rows"].size(), 3u);  // first maintenance (all, SMS), insurance renewal
  EXPECT_EQ(report["rows"][0]["kind"], "REMINDER_KIND_FIRST_MAINTENANCE");
  EXPECT_EQ(report["rows"][0]["due_count"], 2);
  EXPECT_EQ(report["rows"][0]["sent_count"], 1);
  EXPECT_DOUBLE_EQ(report["rows"][0]["return_rate"].get<double>(), 0.5);
  EXPECT_EQ(report["rows"][1]["channel"], "CHANNEL_SMS");
  EXPECT_EQ(report["rows"][2]["missed_count"], 1);
  EXPECT_TRUE(report["rows"][2]["return_rate"].is_null());

  const CtlRun table = Ctl({"report", "care", "--store", "S001", "--month", "2027-01"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("首保提醒"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("50.0%"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("不适用"), std::string::npos) << table.out;

  const CtlRun only_sms =
      Ctl({"report", "care", "--store", "S001", "--month", "2027-01", "--channel", "sms", "--json"});
  ASSERT_EQ(only_sms.code, 0) << only_sms.err;
  EXPECT_EQ(only_sms.Json()["rows"].size(), 1u);
}

TEST_F(CareloopctlCareTest, ReportCareRejectsABadMonthAndAnotherStoresCaller) {
  const CtlRun bad = Ctl({"report", "care", "--store", "S001", "--month", "2027-13"});
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find("--month"), std::string::npos) << bad.err;
  const CtlRun other = Ctl({"report", "care", "--store", "S001", "--month", "2027-01"}, "mgr2");
  EXPECT_NE(other.code, 0);
  EXPECT_NE(other.err.find("S001"), std::string::npos) << other.err;
  const CtlRun own = Ctl({"report", "care", "--store", "S002", "--month", "2027-01", "--json"}, "mgr2");
  EXPECT_EQ(own.code, 0) << own.err;
}

TEST_F(CareloopctlCareTest, CalendarUpcomingShowsTheStoresCarePerDayAndWritesThePage) {
  ASSERT_TRUE(repository_.Schedule(Scheduled("r1", domain::ReminderKind::kBirthday, Date{2027, 1, 6}, "")));
  ASSERT_TRUE(repository_.Schedule(Scheduled("r2", domain::ReminderKind::kFirstMaintenance, Date{2027, 1, 6}, "v2")));
  ASSERT_TRUE(repository_.Schedule(Scheduled("r3", domain::ReminderKind::kInsuranceRenewal, Date{2027, 1, 18}, "v3")));
  ASSERT_TRUE(repository_.Schedule(Scheduled("later", domain::ReminderKind::kBirthday, Date{2027, 1, 19}, "")));
  ASSERT_TRUE(repository_.Schedule(Scheduled("earlier", domain::ReminderKind::kBirthday, Date{2027, 1, 4}, "")));

  const CtlRun json =
      Ctl({"calendar", "upcoming", "--store", "S001", "--from", "2027-01-05", "--days", "14", "--json"});
  ASSERT_EQ(json.code, 0) << json.err;
  const auto days = json.Json();
  ASSERT_EQ(days.size(), 2u) << json.out;
  EXPECT_EQ(days[0]["date"], "2027-01-06");
  EXPECT_EQ(days[0]["total"], 2);
  EXPECT_EQ(days[1]["date"], "2027-01-18");
  EXPECT_EQ(days[1]["kinds"][0]["kind"], "insurance_renewal");
  EXPECT_EQ(days[1]["kinds"][0]["reminders"][0]["vehicle_id"], "v3");

  const auto page = std::filesystem::temp_directory_path() / ("care-calendar-" + std::to_string(::getpid()) + ".html");
  const CtlRun table =
      Ctl({"calendar", "upcoming", "--store", "S001", "--from", "2027-01-05", "--html", page.string()});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("生日祝福"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("(3 reminders from 2027-01-05 to 2027-01-18)"), std::string::npos) << table.out;
  std::ifstream in(page);
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(html.find("data-date=\"2027-01-06\" data-count=\"2\""), std::string::npos);
  EXPECT_EQ(html.find("data-date=\"2027-01-19\""), std::string::npos);
  std::filesystem::remove(page);

  EXPECT_NE(Ctl({"calendar", "upcoming", "--store", "S001", "--from", "2027-01-05"}, "mgr2").code, 0);
}

}  // namespace
}  // namespace careloop::reminders
