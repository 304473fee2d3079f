// careloopctl's appointment commands run in this process against the reminders service over
// gRPC, which checks each booking with the customers service (GetCustomer with the service
// token) — both served here over a real redis-server: book (table and --json), a replayed
// request id, bad input naming its field, list by store and status, cancel.
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "services/dispatch/adapters/grpc_appointment_booker.h"
#include "services/reminders/adapters/grpc_api.h"
#include "services/reminders/adapters/grpc_customer_profiles.h"
#include "services/reminders/adapters/redis_appointment_repository.h"
#include "services/reminders/adapters/redis_care_reminders.h"
#include "services/reminders/adapters/redis_reminder_repository.h"
#include "services/reminders/adapters/redis_rule_store.h"
#include "services/reminders/app/appointments_app.h"
#include "services/reminders/app/greetings_app.h"
#include "services/reminders/app/reminders_app.h"
#include "services/reminders/app/rules_app.h"
#include "tests/integration/careloopctl_run.h"
#include "tests/integration/customers_fixture.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/session.h"

namespace careloop {
namespace {

constexpr int kDb = 8;

using testing::CtlRun;

class CareloopctlAppointmentsTest : public testing::CustomersServerFixture {
 protected:
  CareloopctlAppointmentsTest()
      : CustomersServerFixture(kDb),
        reminder_store_(*pool_, clock_),
        rule_store_(*pool_),
        book_(rule_store_),
        replanner_(reminder_store_, reminder_store_, book_, clock_, stores_),
        reminders_app_(reminder_store_, reminder_store_, book_, replanner_, clock_, stores_),
        care_(reminder_store_, *pool_, clock_),
        appointment_store_(*pool_, clock_),
        profiles_("127.0.0.1:" + std::to_string(server_.port()), "svc"),
        appointments_(appointment_store_, care_, profiles_, book_, clock_, stores_),
        greetings_(care_, profiles_, book_, clock_, stores_),
        reminders_api_({reminders_app_, nullptr, &appointments_}, grpcx::HandlerContext{authenticator_, metrics_}),
        reminders_server_(config::GrpcSettings{"127.0.0.1:0", "", ""}, {&reminders_api_}) {}

  ~CareloopctlAppointmentsTest() override { reminders_server_.Shutdown(std::chrono::milliseconds(100)); }

  // Runs careloopctl with `args` (after the program name) as `token`.
  CtlRun Ctl(std::vector<std::string> args, const std::string& token = "adv1") {
    args.insert(args.begin(), {"--customers-addr", "127.0.0.1:" + std::to_string(server_.port()), "--reminders-addr",
                               "127.0.0.1:" + std::to_string(reminders_server_.port()), "--token", token});
    return testing::RunCtl(
        [](CLI::App& app, ctl::Session& session) {
          ctl::AddCustomerCommands(app, session);
          ctl::AddAppointmentCommands(app, session);
        },
        args);
  }

  // A customer of `store` with one car: {customer id, vehicle id}.
  std::pair<std::string, std::string> Owner(const std::string& store, const std::string& mobile, const std::string& vin,
                                            const std::string& plate) {
    const std::string token = store == "S001" ? "adv1" : "adv2";
    const CtlRun created =
        Ctl({"customer", "create", "--store", store, "--name", "王小明", "--mobile", mobile, "--json"}, token);
    EXPECT_EQ(created.code, 0) << created.err;
    const std::string id = created.Json()["customer_id"];
    const CtlRun car = Ctl({"vehicle", "add", "--customer", id, "--vin", vin, "--plate", plate, "--model", "星途瑶光",
                            "--delivered", "2026-09-03", "--json"},
                           token);
    EXPECT_EQ(car.code, 0) << car.err;
    return {id, car.Json()["vehicle_id"]};
  }

  reminders::adapters::RedisReminderRepository reminder_store_;
  reminders::adapters::RedisRuleStore rule_store_;
  reminders::app::StoredRuleBook book_;
  reminders::app::Replanner replanner_;
  reminders::app::RemindersApp reminders_app_;
  reminders::adapters::RedisCareReminders care_;
  reminders::adapters::RedisAppointmentRepository appointment_store_;
  reminders::adapters::GrpcCustomerProfiles profiles_;
  reminders::app::AppointmentsApp appointments_;
  reminders::app::GreetingsApp greetings_;
  reminders::adapters::RemindersApi reminders_api_;
  grpcx::Server reminders_server_;
};

TEST_F(CareloopctlAppointmentsTest, BookListAndCancel) {
  const auto [customer, car] = Owner("S001", "13912345678", "LSVAM4186R2184847", "京A12345");
  const std::vector<std::string> book = {"appointment", "book",    "--customer",   customer, "--vehicle",
                                         car,           "--store", "S001",         "--at",   "2026-11-25 10:00",
                                         "--note",      "换机油",  "--request-id", "req-1",  "--json"};
  const CtlRun booked = Ctl(book);
  ASSERT_EQ(booked.code, 0) << booked.err;
  const auto appointment = booked.Json();
  const std::string id = appointment["appointment_id"];
  EXPECT_EQ(appointment["status"], "APPOINTMENT_STATUS_BOOKED");
  EXPECT_EQ(appointment["scheduled_at"], "2026-11-25T02:00:00Z");
  EXPECT_EQ(appointment["appointment_date"], (nlohmann::json{{"year", 2026}, {"month", 11}, {"day", 25}}));
  EXPECT_EQ(appointment["duration_minutes"], 60);
  EXPECT_EQ(appointment["visit_type"], "VISIT_TYPE_REGULAR_MAINTENANCE");
  // The same request again books nothing new.
  const CtlRun again = Ctl(book);
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.Json()["appointment_id"], id);
  // The confirmation is scheduled at once, the day-before reminder for 18:00 on the 24th.
  int confirmations = 0;
  for (const auto& reminder : reminder_store_.ListByCustomer(customer)) {
    if (reminder.kind == reminders::domain::ReminderKind::kAppointmentConfirmation) {
      ++confirmations;
      EXPECT_EQ(reminder.due_at, clock_.Now());
    }
  }
  EXPECT_EQ(confirmations, 1);

  const CtlRun table = Ctl({"appointment", "list", "--store", "S001"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("2026-11-25 10:00"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("(1 appointments"), std::string::npos) << table.out;

  const CtlRun cancelled = Ctl({"appointment", "cancel", id, "--reason", "客户出差", "--json"});
  ASSERT_EQ(cancelled.code, 0) << cancelled.err;
  EXPECT_EQ(cancelled.Json()["status"], "APPOINTMENT_STATUS_CANCELLED");
  EXPECT_EQ(cancelled.Json()["cancel_reason"], "客户出差");
  const CtlRun booked_now = Ctl({"appointment", "list", "--customer", customer, "--status", "booked", "--json"});
  ASSERT_EQ(booked_now.code, 0) << booked_now.err;
  EXPECT_TRUE(booked_now.Json().empty());
  const CtlRun in_range = Ctl({"appointment", "list", "--store", "S001", "--from", "2026-11-25", "--to", "2026-11-25",
                               "--status", "cancelled", "--json"});
  ASSERT_EQ(in_range.Json().size(), 1u);
}

// Dispatch books the appointment an advisor agreed on a call (CompleteCallTask, appointment_booked)
// through this same RPC, with the service token: the reminders service accepts its booking.
TEST_F(CareloopctlAppointmentsTest, DispatchsBookingFromACallIsAccepted) {
  const auto [customer, car] = Owner("S001", "13912345678", "LSVAM4186R2184847", "京A12345");
  dispatch::adapters::GrpcAppointmentBooker booker("127.0.0.1:" + std::to_string(reminders_server_.port()), "svc");
  dispatch::app::AppointmentOrder order;
  order.customer_id = customer;
  order.vehicle_id = car;
  order.store_id = "S001";
  order.scheduled_at = *ParseRfc3339("2026-11-25T10:00:00+08:00");
  order.advisor = "adv1";
  order.note = "电话预约";
  order.request_id = "ct-msg-1-booking";
  const auto booked = booker.Book(order);
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  const CtlRun listed = Ctl({"appointment", "list", "--store", "S001", "--json"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  ASSERT_EQ(listed.Json().size(), 1u);
  EXPECT_EQ(listed.Json()[0]["appointment_id"], booked.value());
  EXPECT_EQ(listed.Json()[0]["duration_minutes"], 60);
}

TEST_F(CareloopctlAppointmentsTest, BadBookingsNameTheirField) {
  const auto [customer, car] = Owner("S001", "13912345678", "LSVAM4186R2184847", "京A12345");
  const auto [other, other_car] = Owner("S002", "13700001111", "LFV2A21K9R3056721", "沪B66666");
  const auto run = [&](std::vector<std::string> extra, const std::string& token = "adv1") {
    std::vector<std::string> args = {"appointment", "book", "--customer", customer, "--store", "S001"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Ctl(args, token);
  };
  const CtlRun past = run({"--vehicle", car, "--at", "2026-11-21 10:00"});
  EXPECT_EQ(past.code, 1);
  EXPECT_NE(past.err.find("scheduled_at"), std::string::npos) << past.err;
  const CtlRun not_hers = run({"--vehicle", other_car, "--at", "2026-11-25 10:00"});
  EXPECT_EQ(not_hers.code, 1);
  EXPECT_NE(not_hers.err.find("vehicle_id"), std::string::npos) << not_hers.err;
  const CtlRun no_time = run({"--vehicle", car, "--at", "2026-11-25 10:00", "--duration", "0"});
  EXPECT_EQ(no_time.code, 1);
  EXPECT_NE(no_time.err.find("duration_minutes"), std::string::npos) << no_time.err;
  const CtlRun bad_at = run({"--vehicle", car, "--at", "next tuesday"});
  EXPECT_EQ(bad_at.code, 2);
  // Another store's customer, booked by a group admin at this store.
  const CtlRun elsewhere = Ctl({"appointment", "book", "--customer", other, "--vehicle", other_car, "--store", "S001",
                                "--at", "2026-11-25 10:00"},
                               "admin");
  EXPECT_EQ(elsewhere.code, 1);
  EXPECT_NE(elsewhere.err.find("store_id"), std::string::npos) << elsewhere.err;
  const CtlRun listed = Ctl({"appointment", "list", "--store", "S001", "--json"});
  EXPECT_TRUE(listed.Json().empty());
}

// The greeting planner reads the record through the customers service: a lunar birthday entered
// with the CLI is greeted on its lunar day, and moves when it is changed.
TEST_F(CareloopctlAppointmentsTest, BirthdayGreetingsFollowTheRecordReadWithTheServiceToken) {
  const auto [customer, car] = Owner("S001", "13912345678", "LSVAM4186R2184847", "京A12345");
  const CtlRun lunar = Ctl({"customers", "update", customer, "--birthday", "1985-03-07", "--lunar", "true"});
  ASSERT_EQ(lunar.code, 0) << lunar.err;
  ASSERT_TRUE(greetings_.OnCustomerChanged(customer).ok());
  ASSERT_TRUE(greetings_.OnCustomerChanged(customer).ok());  // a replay
  const auto greetings = [&] {
    std::vector<reminders::domain::Reminder> scheduled;
    for (auto& reminder : reminder_store_.ListByCustomer(customer)) {
      if (reminder.kind == reminders::domain::ReminderKind::kBirthday &&
          reminder.status == reminders::domain::ReminderStatus::kScheduled) {
        scheduled.push_back(reminder);
      }
    }
    return scheduled;
  };
  auto planned = greetings();
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].template_id, "birthday_lunar");
  EXPECT_EQ(planned[0].service_due_date,
            reminders::domain::NextGreeting({{1985, 3, 7}, true, false}, Date{2026, 11, 22}));
  EXPECT_EQ(planned[0].due_at, testing::Shanghai().At(planned[0].service_due_date, TimeOfDay{9 * 60}));
  const CtlRun solar = Ctl({"customers", "update", customer, "--birthday", "1985-12-01", "--lunar", "false"});
  ASSERT_EQ(solar.code, 0) << solar.err;
  ASSERT_TRUE(greetings_.OnCustomerChanged(customer).ok());
  planned = greetings();
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].service_due_date, (Date{2026, 12, 1}));
  EXPECT_EQ(planned[0].template_id, "birthday");
}

}  // namespace
}  // namespace careloop
