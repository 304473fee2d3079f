// careloopctl's rule and reminder commands run in this process against the reminders service
// served over gRPC on a real redis-server: rule set (validation errors naming the field, the
// change re-planning a scheduled reminder), rule list --json, reminder get and cancel; and
// dispatch's check of a reminder before sending (GrpcCauseCheck) across a follow-up.
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/grpc/server.h"
#include "services/dispatch/adapters/grpc_cause_check.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/adapters/redis_rule_store.h"
#include "tests/integration/careloopctl_staff_fixture.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/session.h"

namespace careloop {
namespace {

// Shares its Redis database with reminders_rules_test.cc (the same binary: tests run one at a time).
constexpr int kDb = 15;

using testing::CtlRun;

class CareloopctlRulesTest : public ::testing::Test {
 protected:
  CareloopctlRulesTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(testing::NovemberFirstMorning()),
        stores_(testing::TwoStores()),
        authenticator_(testing::StaffOfS001()),
        repository_(*pool_, clock_),
        rule_store_(*pool_),
        book_(rule_store_),
        replanner_(repository_, repository_, book_, clock_, stores_),
        rules_(rule_store_, replanner_, clock_, stores_),
        app_(repository_, repository_, book_, replanner_, clock_, stores_),
        api_({app_, &rules_}, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}) {
    rules_.Seed({});
  }
  ~CareloopctlRulesTest() override { server_.Shutdown(std::chrono::milliseconds(100)); }

  CtlRun Ctl(std::vector<std::string> args, const std::string& token = "mgr1") {
    return testing::CtlAgainst("--reminders-addr", server_.port(), token, std::move(args),
                               [](CLI::App& app, ctl::Session& session) {
                                 ctl::AddListCommands(app, session);
                                 ctl::AddRuleCommands(app, session);
                               });
  }

  std::unique_ptr<redis::Pool> pool_;
  clock::ManualClock clock_;
  config::StoreCatalog stores_;
  auth::TokenAuthenticator authenticator_;
  metrics::Registry metrics_;
  reminders::adapters::RedisReminderRepository repository_;
  reminders::adapters::RedisRuleStore rule_store_;
  reminders::app::StoredRuleBook book_;
  reminders::app::Replanner replanner_;
  reminders::app::RulesApp rules_;
  reminders::app::RemindersApp app_;
  reminders::adapters::RemindersApi api_;
  grpcx::Server server_;
};

TEST_F(CareloopctlRulesTest, RuleSetChangesOnlyTheGivenOptionsAndMovesTheScheduledReminder) {
  app_.OnVehicleDelivered({{"cus-1", "veh-1", "S001", "星途揽月"}, {2026, 11, 1}, 0});
  const std::string id = reminders::domain::MaintenanceReminderId(reminders::domain::ReminderKind::kFirstMaintenance,
                                                                  "veh-1", "2026-11-01");
  const CtlRun set = Ctl({"rule", "set", "--store", "S001", "--kind", "first_maintenance", "--lead-days", "14",
                          "--fire-time", "09:30", "--json"});
  ASSERT_EQ(set.code, 0) << set.err;
  const auto rule = set.Json()[0];
  EXPECT_EQ(rule["store_id"], "S001");
  EXPECT_EQ(rule["interval_months"], 3);  // kept from the group rule
  EXPECT_EQ(rule["lead_days"], nlohmann::json::array({14}));
  EXPECT_EQ(rule["updated_by"], "manager-mgr1");

  const CtlRun got = Ctl({"reminder", "get", id, "--json"});
  ASSERT_EQ(got.code, 0) << got.err;
  EXPECT_EQ(got.Json()["lead_days"], 14);
  EXPECT_EQ(got.Json()["due_at"], "2027-01-18T01:30:00Z");  // 14 days before 2027-02-01, 09:30 Shanghai

  const CtlRun listed = Ctl({"rule", "list", "--store", "S001", "--kind", "first_maintenance"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_NE(listed.out.find("group"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("09:30"), std::string::npos) << listed.out;
}

TEST_F(CareloopctlRulesTest, BadRuleIsRefusedNamingTheField) {
  const CtlRun negative =
      Ctl({"rule", "set", "--store", "S001", "--kind", "insurance_renewal", "--lead-days", "30,-7"});
  EXPECT_EQ(negative.code, 1);
  EXPECT_NE(negative.err.find("rule.lead_days"), std::string::npos) << negative.err;
  const CtlRun night = Ctl({"rule", "set", "--store", "S001", "--kind", "birthday", "--fire-time", "22:00"});
  EXPECT_EQ(night.code, 1);
  EXPECT_NE(night.err.find("quiet hours"), std::string::npos) << night.err;
  const CtlRun other_store = Ctl({"rule", "set", "--store", "S002", "--kind", "birthday", "--fire-time", "10:00"});
  EXPECT_EQ(other_store.code, 1);
  EXPECT_NE(other_store.err.find("PERMISSION_DENIED"), std::string::npos) << other_store.err;
}

TEST_F(CareloopctlRulesTest, ReminderCancelRecordsWhoAndWhy) {
  app_.OnVehicleDelivered({{"cus-1", "veh-1", "S001", ""}, {2026, 11, 1}, 0});
  const std::string id = reminders::domain::MaintenanceReminderId(reminders::domain::ReminderKind::kFirstMaintenance,
                                                                  "veh-1", "2026-11-01");
  const CtlRun cancelled = Ctl({"reminder", "cancel", id, "--reason", "客户已卖车"}, "adv1");
  ASSERT_EQ(cancelled.code, 0) << cancelled.err;
  EXPECT_NE(cancelled.out.find("cancelled"), std::string::npos) << cancelled.out;
  EXPECT_NE(cancelled.out.find("staff:advisor-adv1: 客户已卖车"), std::string::npos) << cancelled.out;
  const CtlRun again = Ctl({"reminder", "cancel", id, "--reason", "again"}, "adv1");
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("FAILED_PRECONDITION"), std::string::npos) << again.err;
}

TEST_F(CareloopctlRulesTest, DispatchStillSendsTheFirstOccurrenceWhileItsFollowUpWaits) {
  app_.OnVehicleDelivered({{"cus-1", "veh-1", "S001", ""}, {2026, 11, 1}, 0});
  const std::string id = reminders::domain::MaintenanceReminderId(reminders::domain::ReminderKind::kFirstMaintenance,
                                                                  "veh-1", "2026-11-01");
  dispatch::adapters::GrpcCauseCheck check("127.0.0.1:" + std::to_string(server_.port()), "svc",
                                           std::chrono::milliseconds(2000));
  dispatch::domain::SendRequest first{
      id, 1, dispatch::domain::CareKind::kFirstMaintenance, "cus-1", "S001", "veh-1", {2027, 2, 1}};
  EXPECT_FALSE(check.StillWanted(first).value());  // not fired yet
  clock_.Set(*ParseRfc3339("2027-01-25T10:00:00+08:00"));
  ASSERT_GE(app_.FireDue(), 1);
  ASSERT_EQ(repository_.Find(id)->occurrence, 2);  // the follow-up is already scheduled
  EXPECT_TRUE(check.StillWanted(first).value());   // a deferred first message still goes out
  dispatch::domain::SendRequest follow_up = first;
  follow_up.occurrence = 2;
  EXPECT_FALSE(check.StillWanted(follow_up).value());  // not fired yet
  ASSERT_EQ(Ctl({"reminder", "cancel", id, "--reason", "到店了"}, "adv1").code, 0);
  EXPECT_FALSE(check.StillWanted(first).value());
}

}  // namespace
}  // namespace careloop
