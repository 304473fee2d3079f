// Dispatch's batched cause check against the reminders service's real gRPC API: GrpcCauseCheck's
// StillWantedMany (one GetReminders call for a campaign batch's pass) over RemindersApi, served
// in-process on a real RedisReminderRepository. Each request gets the answer a single GetReminder
// gives (due: wanted; cancelled, unknown: not); GetReminders names bad input (`reminder_ids[i]`)
// and refuses a caller outside the reminder's store. Redis database 40.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "careloop/reminder/v1/reminders_service.grpc.pb.h"
#include "common/auth/auth.h"
#include "common/metrics/metrics.h"
#include "services/dispatch/adapters/grpc_cause_check.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/adapters/redis_rule_store.h"
#include "services/reminders/app/rules_app.h"
#include "tests/integration/customers_fixture.h"
#include "tests/integration/test_env.h"

namespace careloop::reminders {
namespace {

namespace pb = careloop::reminder::v1;
constexpr int kDb = 40;

class DispatchCauseBatchTest : public ::testing::Test {
 protected:
  DispatchCauseBatchTest()
      : pool_(testing::FreshRedis(kDb)),
        clock_(*ParseRfc3339("2027-09-15T09:00:00+08:00")),
        stores_({{"S001", "朝阳店", "星途汽车朝阳店", "Asia/Shanghai", ""},
                 {"S002", "浦东店", "星途汽车浦东店", "Asia/Shanghai", ""}}),
        authenticator_({testing::Token("dispatch", "service", {"*"}), testing::Token("adv1", "advisor", {"S001"})}),
        repository_(*pool_, clock_),
        rule_store_(*pool_),
        book_(rule_store_),
        replanner_(repository_, repository_, book_, clock_, stores_),
        app_(repository_, repository_, book_, replanner_, clock_, stores_),
        api_({app_}, grpcx::HandlerContext{authenticator_, metrics_}),
        server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&api_}),
        address_("127.0.0.1:" + std::to_string(server_.port())),
        causes_(address_, "dispatch") {}

  ~DispatchCauseBatchTest() override { server_.Shutdown(std::chrono::milliseconds(100)); }

  void Greeting(const std::string& id, const std::string& store) {
    domain::Reminder reminder;
    reminder.reminder_id = id;
    reminder.customer_id = "cus-" + id;
    reminder.store_id = store;
    reminder.kind = domain::ReminderKind::kHolidayGreeting;
    reminder.due_at = clock_.Now();
    ASSERT_TRUE(repository_.Schedule(reminder));
  }
  static dispatch::domain::SendRequest Request(const std::string& id) {
    return {id, 1, dispatch::domain::CareKind::kHolidayGreeting, "cus-" + id, "S001", "", {2027, 9, 15}};
  }
  grpc::Status GetReminders(const std::string& token, const std::vector<std::string>& ids,
                            pb::GetRemindersResponse* response) {
    auto stub = pb::RemindersService::NewStub(grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    grpcx::AddBearer(context, token);
    pb::GetRemindersRequest request;
    for (const auto& id : ids) {
      request.add_reminder_ids(id);
    }
    return stub->GetReminders(&context, request, response);
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
  adapters::RemindersApi api_;
  grpcx::Server server_;
  std::string address_;
  dispatch::adapters::GrpcCauseCheck causes_;
};

TEST_F(DispatchCauseBatchTest, ABatchGetsTheSameAnswersAsSingleChecksInOneCall) {
  for (const char* id : {"rem-due", "rem-cancelled", "rem-waiting"}) {
    Greeting(id, "S001");
  }
  ASSERT_EQ(repository_.FireMany({"rem-due", "rem-cancelled"}, clock_.Now()).size(), 2U);
  ASSERT_TRUE(
      app_.Cancel(auth::Principal{"admin", auth::Role::kAdmin, {}, true}, "rem-cancelled", "campaign cancelled").ok());
  const std::vector<dispatch::domain::SendRequest> requests{Request("rem-due"), Request("rem-cancelled"),
                                                            Request("rem-unknown"), Request("rem-waiting")};
  auto many = causes_.StillWantedMany(requests);
  ASSERT_TRUE(many.ok()) << many.error().ToString();
  EXPECT_EQ(many.value(), (std::vector<bool>{true, false, false, false}));
  for (size_t i = 0; i < requests.size(); ++i) {
    auto one = causes_.StillWanted(requests[i]);
    ASSERT_TRUE(one.ok()) << one.error().ToString();
    EXPECT_EQ(one.value(), many.value()[i]) << requests[i].cause_id;
  }
  dispatch::domain::SendRequest invitation = Request("svy-1");
  invitation.kind = dispatch::domain::CareKind::kSurveyInvitation;  // not a reminder: always wanted
  EXPECT_EQ(causes_.StillWantedMany({invitation, Request("rem-due")}).value(), (std::vector<bool>{true, true}));
}

TEST_F(DispatchCauseBatchTest, MoreThanOneCallsWorthAreAskedInChunks) {
  std::vector<dispatch::domain::SendRequest> requests;
  std::vector<std::string> ids;
  for (int i = 0; i < 600; ++i) {
    ids.push_back("rem-" + std::to_string(i));
    Greeting(ids.back(), "S001");
    requests.push_back(Request(ids.back()));
  }
  ASSERT_EQ(repository_.FireMany(ids, clock_.Now()).size(), 600U);
  auto many = causes_.StillWantedMany(requests);
  ASSERT_TRUE(many.ok()) << many.error().ToString();
  EXPECT_EQ(many.value(), std::vector<bool>(600, true));
}

TEST_F(DispatchCauseBatchTest, GetRemindersNamesBadInputAndKeepsToTheCallersStores) {
  Greeting("rem-a", "S001");
  Greeting("rem-x", "S002");
  pb::GetRemindersResponse response;
  grpc::Status status = GetReminders("dispatch", {"rem-a", ""}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("reminder_ids[1]"), std::string::npos) << status.error_message();
  status = GetReminders("dispatch", {}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  status = GetReminders("adv1", {"rem-a", "rem-x"}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  status = GetReminders("nobody", {"rem-a"}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);

  response.Clear();
  status = GetReminders("adv1", {"rem-a", "rem-gone", "rem-a"}, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.reminders_size(), 1);
  EXPECT_EQ(response.reminders(0).reminder_id(), "rem-a");
  EXPECT_EQ(response.reminders(0).store_id(), "S001");
  ASSERT_EQ(response.not_found_reminder_ids_size(), 1);
  EXPECT_EQ(response.not_found_reminder_ids(0), "rem-gone");
}

}  // namespace
}  // namespace careloop::reminders
