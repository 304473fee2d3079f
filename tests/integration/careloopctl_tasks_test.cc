// careloopctl's task commands run in this process against the dispatch service's call task
// methods over gRPC; the task desk reads the customer record (advisor per car, owner) from the
// customers service over gRPC (GetContact with the service token), both served here over a real
// redis-server: an advisor's list (table and --json), completion by someone else refused naming
// the field, a booking without a time refused, completion by the advisor, the follow-up report.
#include <gtest/gtest.h>

#include "common/events/proto_event.h"
#include "services/dispatch/adapters/grpc_api.h"
#include "services/dispatch/adapters/grpc_contact_directory.h"
#include "services/dispatch/adapters/redis_call_task_store.h"
#include "services/dispatch/adapters/redis_message_ledger.h"
#include "services/dispatch/app/call_tasks_app.h"
#include "services/dispatch/app/dispatch_app.h"
#include "tests/fakes/dispatch_call_task_fakes.h"
#include "tests/fakes/dispatch_fakes.h"
#include "tests/integration/careloopctl_run.h"
#include "tests/integration/customers_fixture.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/session.h"

namespace careloop {
namespace {

constexpr int kDb = 19;
namespace cpb = careloop::customer::v1;
namespace ddomain = dispatch::domain;

using testing::CtlRun;

class CareloopctlTasksTest : public testing::CustomersServerFixture {
 protected:
  CareloopctlTasksTest()
      : CustomersServerFixture(kDb),
        task_store_(*pool_, clock_),
        ledger_(*pool_, clock_),
        contacts_("127.0.0.1:" + std::to_string(server_.port()), "svc"),
        tasks_(task_store_, contacts_, booker_, clock_, stores_),
        dispatch_(ledger_, contacts_, causes_, sms_, clock_, stores_, ddomain::DefaultTemplates(), {}),
        dispatch_api_(dispatch_, grpcx::HandlerContext{authenticator_, metrics_}),
        dispatch_server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&dispatch_api_}) {
    dispatch_api_.UseCallTasks(tasks_);
    dispatch_.UseTaskDesk(tasks_);
  }

  ~CareloopctlTasksTest() override { dispatch_server_.Shutdown(std::chrono::milliseconds(100)); }

  CtlRun Ctl(std::vector<std::string> args, const std::string& token = "adv1") {
    args.insert(args.begin(),
                {"--dispatch-addr", "127.0.0.1:" + std::to_string(dispatch_server_.port()), "--token", token});
    return testing::RunCtl(
        [](CLI::App& app, ctl::Session& session) {
          ctl::AddTaskCommands(app, session);
          ctl::AddReportCommands(app, session);
        },
        args);
  }

  // A customer of S001 with one car whose service advisor is adv1's staff id: {customer, vehicle}.
  std::pair<std::string, std::string> Customer() {
    cpb::CreateCustomerRequest create;
    create.set_store_id("S001");
    create.set_name("王小明");
    create.set_mobile("13912345678");
    create.set_gender(cpb::GENDER_MALE);
    cpb::CreateCustomerResponse created;
    const grpc::Status created_status = Call("admin", &cpb::CustomersService::Stub::CreateCustomer, create, &created);
    EXPECT_TRUE(created_status.ok()) << created_status.error_message();
    cpb::AddVehicleRequest add;
    add.set_customer_id(created.customer().customer_id());
    add.set_vin("LSVAM4186R2184847");
    add.set_plate("京A12345");
    add.set_model("星途瑶光");
    add.set_assigned_advisor("advisor-adv1");
    *add.mutable_delivery_date() = events::ToProto(Date{2026, 9, 3});
    cpb::AddVehicleResponse added;
    const grpc::Status status = Call("admin", &cpb::CustomersService::Stub::AddVehicle, add, &added);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {created.customer().customer_id(), added.vehicle().vehicle_id()};
  }

  dispatch::adapters::RedisCallTaskStore task_store_;
  dispatch::adapters::RedisMessageLedger ledger_;
  dispatch::adapters::GrpcContactDirectory contacts_;
  testing::FakeAppointmentBooker booker_;
  testing::FakeCauseCheck causes_;
  testing::FakeSmsSender sms_;
  dispatch::app::CallTasksApp tasks_;
  dispatch::app::DispatchApp dispatch_;
  dispatch::adapters::DispatchApi dispatch_api_;
  grpcx::Server dispatch_server_;
};

TEST_F(CareloopctlTasksTest, AnAdvisorsListCompletionAndTheFollowUpReport) {
  const auto [customer, car] = Customer();
  // The 准流失 win-back asks for a call: dispatch opens a task for the car's advisor, no SMS.
  ddomain::SendRequest win_back{"rem-wb-1", 1, ddomain::CareKind::kWinBack, customer, "S001", car};
  win_back.channel_plan_id = std::string(ddomain::kCallTaskPlan);
  ASSERT_EQ(dispatch_.Process(win_back).value(), dispatch::app::Outcome::kTaskOpened);
  EXPECT_TRUE(sms_.sent.empty());

  const CtlRun table = Ctl({"task", "list", "--store", "S001", "--assignee", "advisor-adv1"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("王小明"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("京A12345（星途瑶光）"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("2026-11-22 18:00"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("(1 of 1 tasks"), std::string::npos) << table.out;
  const CtlRun listed = Ctl({"task", "list", "--store", "S001", "--json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  ASSERT_EQ(listed.Json().size(), 1u);
  const std::string id = listed.Json()[0]["call_task_id"];
  EXPECT_EQ(listed.Json()[0]["assignee"], "advisor-adv1");
  EXPECT_NE(std::string(listed.Json()[0]["script"]).find("王先生"), std::string::npos);
  EXPECT_EQ(Ctl({"task", "list", "--store", "S001", "--assignee", "advisor-adv2", "--json"}).Json().size(), 0u);

  const CtlRun stranger = Ctl({"task", "complete", id, "--outcome", "reached", "--note", "x"}, "clerk1");
  EXPECT_NE(stranger.code, 0);
  EXPECT_NE(stranger.err.find("call_task_id"), std::string::npos) << stranger.err;
  const CtlRun no_time = Ctl({"task", "complete", id, "--outcome", "appointment_booked"});
  EXPECT_NE(no_time.code, 0);
  EXPECT_NE(no_time.err.find("appointment_at"), std::string::npos) << no_time.err;
  const CtlRun unknown = Ctl({"task", "complete", id, "--outcome", "maybe"});
  EXPECT_EQ(unknown.code, 2);
  const CtlRun missing = Ctl({"task", "complete", "ct-nope", "--outcome", "reached"});
  EXPECT_NE(missing.code, 0);
  EXPECT_NE(missing.err.find("call_task_id"), std::string::npos) << missing.err;
  EXPECT_FALSE(task_store_.CompletionRequest(id));

  const CtlRun done = Ctl({"task", "complete", id, "--outcome", "appointment_booked", "--note", "周六上午",
                           "--appointment-at", "2026-11-28 09:30", "--request-id", "req-1", "--json"});
  ASSERT_EQ(done.code, 0) << done.err;
  EXPECT_EQ(done.Json()["status"], "CALL_TASK_STATUS_COMPLETED");
  EXPECT_EQ(done.Json()["outcome"], "CALL_OUTCOME_APPOINTMENT_BOOKED");
  EXPECT_EQ(done.Json()["appointment_id"], "apt-1");
  ASSERT_EQ(booker_.booked.size(), 1u);
  EXPECT_EQ(booker_.booked[0].vehicle_id, car);

  const CtlRun report = Ctl({"report", "follow-up", "--store", "S001", "--month", "2026-11", "--json"}, "mgr1");
  ASSERT_EQ(report.code, 0) << report.err;
  EXPECT_EQ(report.Json()["lines"][0]["staff_id"], "advisor-adv1");
  EXPECT_EQ(report.Json()["lines"][0]["done_on_time"], 1);
  const CtlRun bad_month = Ctl({"report", "follow-up", "--store", "S001", "--month", "11/2026"}, "mgr1");
  EXPECT_NE(bad_month.code, 0);
  EXPECT_NE(bad_month.err.find("month"), std::string::npos) << bad_month.err;
}

}  // namespace
}  // namespace careloop
