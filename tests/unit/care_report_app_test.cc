// CareReportApp over in-memory fakes of its ports (tests/fakes/reminders_care_report_fakes.h): facts in
// from the three topics' events (replays included, in any order), the report out per store and
// month, its bad input, and the care calendar's date range.
#include <gtest/gtest.h>

#include <string_view>

#include "common/auth/auth.h"
#include "common/config/stores.h"
#include "services/reminders/app/care_report_app.h"
#include "tests/fakes/reminders_care_report_fakes.h"

namespace careloop::reminders::app {
namespace {

using careloop::testing::FakeCareStats;
using careloop::testing::FakeReminderCalendar;

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

const auth::Principal kManager{"manager-S001", auth::Role::kManager, {"S001"}, false};

config::StoreSettings Store(const std::string& id, int return_window_days) {
  config::StoreSettings store{id, "店 " + id, "店 " + id, "Asia/Shanghai", "010-85556666"};
  store.return_window_days = return_window_days;
  return store;
}

class CareReportAppTest : public ::testing::Test {
 protected:
  CareReportAppTest() : stores_({Store("S001", 30), Store("S002", 7)}), app_(stats_, calendar_, stores_) {}

  void Due(const std::string& id, domain::ReminderKind kind, std::string_view fired_at,
           const std::string& vehicle = "veh-1", const std::string& store = "S001") {
    app_.OnReminderDue({id, store, "cus-1", vehicle, kind, At(fired_at)});
  }
  domain::CareReportRow OnlyRow(const std::string& month, const std::string& store = "S001") {
    auto report = app_.Report(kManager, store, month, {});
    EXPECT_TRUE(report.ok());
    EXPECT_FALSE(report.value().rows.empty());
    return report.value().rows.empty() ? domain::CareReportRow{} : report.value().rows.front();
  }

  FakeCareStats stats_;
  FakeReminderCalendar calendar_;
  config::StoreCatalog stores_;
  CareReportApp app_;
};

TEST_F(CareReportAppTest, ReplayedEventsCountNothingTwice) {
  for (int replay = 0; replay < 3; ++replay) {
    Due("rem-1", domain::ReminderKind::kFirstMaintenance, "2027-01-05T09:00:00+08:00");
    app_.OnMessageOutcome("rem-1", domain::CareChannel::kSms, domain::MessageOutcome::kSent);
    app_.OnVisitRecorded("visit-1", "cus-1", "veh-1", Date{2027, 1, 20});
    app_.OnAppointmentBooked({"appt-1", "S001", "cus-1", "veh-1", At("2027-01-06T10:00:00+08:00"), "rem-1"});
    app_.OnReminderMissed("rem-0", "S001", domain::ReminderKind::kFirstMaintenance, At("2027-01-07T09:00:00+08:00"));
  }
  const auto row = OnlyRow("2027-01");
  EXPECT_EQ(row.due, 1);
  EXPECT_EQ(row.sent, 1);
  EXPECT_EQ(row.missed, 1);
  EXPECT_EQ(row.returned, 1);
  EXPECT_EQ(row.booked, 1);
  EXPECT_DOUBLE_EQ(*row.return_rate, 1.0);
}

TEST_F(CareReportAppTest, AReminderCountsInTheStoreLocalMonthItFirstFired) {
  // 2027-01-31 17:30 UTC is February 1st in Beijing.
  Due("rem-1", domain::ReminderKind::kFirstMaintenance, "2027-01-31T17:30:00Z");
  // A re-fire a month later stays in the first month.
  Due("rem-1", domain::ReminderKind::kFirstMaintenance, "2027-03-02T09:00:00+08:00");
  EXPECT_TRUE(app_.Report(kManager, "S001", "2027-01", {}).value().rows.empty());
  EXPECT_TRUE(app_.Report(kManager, "S001", "2027-03", {}).value().rows.empty());
  EXPECT_EQ(OnlyRow("2027-02").due, 1);
}

TEST_F(CareReportAppTest, AVisitRecordedBeforeTheFiringArrivesStillCounts) {
  // The customer topic may be read ahead of the reminder topic.
  app_.OnVisitRecorded("visit-1", "cus-1", "veh-1", Date{2027, 2, 4});
  app_.OnMessageOutcome("rem-1", domain::CareChannel::kWechat, domain::MessageOutcome::kSent);
  Due("rem-1", domain::ReminderKind::kFirstMaintenance, "2027-01-05T09:00:00+08:00");
  const auto report = app_.Report(kManager, "S001", "2027-01", {}).value();
  ASSERT_EQ(report.rows.size(), 2u);  // all channels, WeChat
  EXPECT_EQ(report.return_window_days, 30);
  EXPECT_EQ(report.rows[0].returned, 1);  // day 30
  EXPECT_EQ(report.rows[1].channel, domain::CareChannel::kWechat);
}

TEST_F(CareReportAppTest, TheReturnWindowIsTheStoresSetting) {
  Due("rem-1", domain::ReminderKind::kFirstMaintenance, "2027-01-05T09:00:00+08:00", "veh-1", "S002");
  app_.OnVisitRecorded("visit-1", "cus-1", "veh-1", Date{2027, 1, 13});  // day 8
  const auto report = app_.Report(auth::Principal{"admin", auth::Role::kAdmin, {}, true}, "S002", "2027-01", {});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.value().return_window_days, 7);
  EXPECT_EQ(report.value().rows[0].returned, 0);
  EXPECT_DOUBLE_EQ(*report.value().rows[0].return_rate, 0.0);
}

TEST_F(CareReportAppTest, ACustomerLevelReminderReturnsWithAVisitOfAnyOfTheCustomersCars) {
  Due("greet-1", domain::ReminderKind::kHolidayGreeting, "2027-01-05T09:00:00+08:00", "");
  Due("rem-2", domain::ReminderKind::kFirstMaintenance, "2027-01-05T09:00:00+08:00", "veh-9");
  app_.OnVisitRecorded("visit-1", "cus-1", "veh-1", Date{2027, 1, 10});
  const auto rows = app_.Report(kManager, "S001", "2027-01", {}).value().rows;
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].kind, domain::ReminderKind::kFirstMaintenance);
  EXPECT_EQ(rows[0].returned, 0);  // its car veh-9 did not come
  EXPECT_EQ(rows[1].kind, domain::ReminderKind::kHolidayGreeting);
  EXPECT_EQ(rows[1].returned, 1);
}

TEST_F(CareReportAppTest, AMessageAboutNoReminderIsNotCare) {
  app_.OnMessageOutcome("", domain::CareChannel::kSms, domain::MessageOutcome::kSent);
  EXPECT_TRUE(app_.Report(kManager, "S001", "2027-01", {}).value().rows.empty());
}

TEST_F(CareReportAppTest, BadInputNamesTheFieldAndTheReason) {
  const auto no_store = app_.Report(kManager, "", "2027-01", {});
  ASSERT_FALSE(no_store.ok());
  EXPECT_EQ(no_store.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(no_store.error().field, "store_id");

  const auto bad_month = app_.Report(kManager, "S001", "2027-1", {});
  ASSERT_FALSE(bad_month.ok());
  EXPECT_EQ(bad_month.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad_month.error().field, "month");

  EXPECT_EQ(app_.Report(kManager, "S404", "2027-01", {}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(app_.Report(kManager, "S002", "2027-01", {}).error().code, ErrorCode::kPermissionDenied);
}

TEST_F(CareReportAppTest, UpcomingAsksForTheStoreLocalDaysInclusive) {
  domain::Reminder inside;
  inside.reminder_id = "rem-in";
  inside.store_id = "S001";
  inside.due_at = At("2027-01-14T23:59:00+08:00");
  domain::Reminder after = inside;
  after.reminder_id = "rem-after";
  after.due_at = At("2027-01-15T00:00:00+08:00");
  calendar_.reminders = {inside, after};

  const auto found = app_.Upcoming(kManager, "S001", Date{2027, 1, 1}, Date{2027, 1, 14}, 100);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found.value().size(), 1u);
  EXPECT_EQ(found.value()[0].reminder_id, "rem-in");
  EXPECT_EQ(calendar_.asked_from, At("2027-01-01T00:00:00+08:00"));

  const auto reversed = app_.Upcoming(kManager, "S001", Date{2027, 1, 14}, Date{2027, 1, 1}, 100);
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().field, "due");
  EXPECT_EQ(app_.Upcoming(kManager, "", Date{2027, 1, 1}, Date{2027, 1, 2}, 100).error().field, "store_id");
  EXPECT_EQ(app_.Upcoming(kManager, "S002", Date{2027, 1, 1}, Date{2027, 1, 2}, 100).error().code,
            ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace careloop::reminders::app
