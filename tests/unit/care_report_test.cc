// The care report's counting (services/reminders/domain/care_report.h): the return window's
// boundary (day 30 counts, day 31 does not), rates that are not applicable on a zero base, the
// all-channels row beside each channel's, missed reminders, filters and months.
#include <gtest/gtest.h>

#include "common/config/config.h"
#include "services/reminders/domain/care_report.h"

namespace careloop::reminders::domain {
namespace {

ReminderCareFacts Fired(const std::string& id, ReminderKind kind, Date fired_on) {
  ReminderCareFacts facts;
  facts.reminder = {id, "S001", "cus-" + id, "veh-" + id, kind, fired_on};
  return facts;
}

constexpr Date kJan5{2027, 1, 5};

TEST(CareReturnWindow, AVisitOnDayThirtyCountsAndOnDayThirtyOneDoesNot) {
  EXPECT_TRUE(FollowedWithin(kJan5, {Date{2027, 2, 4}}, 30));   // 30 days after
  EXPECT_FALSE(FollowedWithin(kJan5, {Date{2027, 2, 5}}, 30));  // 31 days after
  EXPECT_TRUE(FollowedWithin(kJan5, {kJan5}, 30));              // the same day
  EXPECT_FALSE(FollowedWithin(kJan5, {Date{2027, 1, 4}}, 30));  // before it fired
  EXPECT_FALSE(FollowedWithin(kJan5, {}, 30));
  EXPECT_TRUE(FollowedWithin(kJan5, {Date{2027, 1, 12}}, 7));
  EXPECT_FALSE(FollowedWithin(kJan5, {Date{2027, 1, 13}}, 7));
}

TEST(CareReport, CountsReturnsAndBookingsWithinTheWindow) {
  CareMonthFacts facts;
  auto day30 = Fired("r1", ReminderKind::kFirstMaintenance, kJan5);
  day30.visits = {Date{2027, 2, 4}};
  auto day31 = Fired("r2", ReminderKind::kFirstMaintenance, kJan5);
  day31.visits = {Date{2027, 2, 5}};
  auto answered = Fired("r3", ReminderKind::kFirstMaintenance, kJan5);
  answered.answered_by_booking = true;
  auto booked_later = Fired("r4", ReminderKind::kFirstMaintenance, kJan5);
  booked_later.bookings = {Date{2027, 1, 20}};
  facts.fired = {day30, day31, answered, booked_later};

  const auto rows = TallyCareReport(facts, 30);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].due, 4);
  EXPECT_EQ(rows[0].returned, 1);
  EXPECT_EQ(rows[0].booked, 2);
  ASSERT_TRUE(rows[0].return_rate.has_value());
  EXPECT_DOUBLE_EQ(*rows[0].return_rate, 0.25);
  EXPECT_DOUBLE_EQ(*rows[0].appointment_rate, 0.5);

  // A shorter store window: the day-30 visit no longer counts.
  EXPECT_EQ(TallyCareReport(facts, 29)[0].returned, 0);
}

TEST(CareReport, ARateWithAZeroBaseIsNotApplicableNeverZeroOrAHundredPercent) {
  CareMonthFacts facts;
  facts.missed = {{"m1", ReminderKind::kInsuranceRenewal, kJan5}, {"m2", ReminderKind::kInsuranceRenewal, kJan5}};
  const auto rows = TallyCareReport(facts, 30);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].kind, ReminderKind::kInsuranceRenewal);
  EXPECT_EQ(rows[0].due, 0);
  EXPECT_EQ(rows[0].missed, 2);
  EXPECT_FALSE(rows[0].return_rate.has_value());
  EXPECT_FALSE(rows[0].appointment_rate.has_value());
  EXPECT_FALSE(ShareOf(0, 0).has_value());
  EXPECT_DOUBLE_EQ(*ShareOf(0, 3), 0.0);
  EXPECT_TRUE(TallyCareReport({}, 30).empty());
}

TEST(CareReport, EachChannelRowCountsTheRemindersAttemptedOnIt) {
  CareMonthFacts facts;
  auto sms_sent = Fired("r1", ReminderKind::kBirthday, kJan5);
  sms_sent.outcomes = {{CareChannel::kSms, MessageOutcome::kSent}};
  sms_sent.visits = {Date{2027, 1, 9}};
  auto wechat_failed_then_sms = Fired("r2", ReminderKind::kBirthday, kJan5);
  wechat_failed_then_sms.outcomes = {{CareChannel::kWechat, MessageOutcome::kFailed},
                                     {CareChannel::kSms, MessageOutcome::kSent}};
  auto whole_plan_suppressed = Fired("r3", ReminderKind::kBirthday, kJan5);
  whole_plan_suppressed.outcomes = {{std::nullopt, MessageOutcome::kSuppressed}};
  facts.fired = {sms_sent, wechat_failed_then_sms, whole_plan_suppressed};

  const auto rows = TallyCareReport(facts, 30);
  ASSERT_EQ(rows.size(), 3u);
  // All channels.
  EXPECT_FALSE(rows[0].channel.has_value());
  EXPECT_EQ(rows[0].due, 3);
  EXPECT_EQ(rows[0].sent, 2);
  EXPECT_EQ(rows[0].failed, 1);
  EXPECT_EQ(rows[0].suppressed, 1);
  EXPECT_EQ(rows[0].returned, 1);
  // SMS, then WeChat (enum order).
  EXPECT_EQ(rows[1].channel, CareChannel::kSms);
  EXPECT_EQ(rows[1].due, 2);
  EXPECT_EQ(rows[1].sent, 2);
  EXPECT_EQ(rows[1].failed, 0);
  EXPECT_DOUBLE_EQ(*rows[1].return_rate, 0.5);
  EXPECT_EQ(rows[2].channel, CareChannel::kWechat);
  EXPECT_EQ(rows[2].due, 1);
  EXPECT_EQ(rows[2].sent, 0);
  EXPECT_EQ(rows[2].failed, 1);
  EXPECT_EQ(rows[2].missed, 0);

  const auto only_wechat = TallyCareReport(facts, 30, {std::nullopt, CareChannel::kWechat});
  ASSERT_EQ(only_wechat.size(), 1u);
  EXPECT_EQ(only_wechat[0].channel, CareChannel::kWechat);
}

TEST(CareReport, KindsComeInEnumOrderAndTheKindFilterKeepsOne) {
  CareMonthFacts facts;
  facts.fired = {Fired("r1", ReminderKind::kHolidayGreeting, kJan5),
                 Fired("r2", ReminderKind::kFirstMaintenance, kJan5)};
  const auto rows = TallyCareReport(facts, 30);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].kind, ReminderKind::kFirstMaintenance);
  EXPECT_EQ(rows[1].kind, ReminderKind::kHolidayGreeting);
  const auto greetings = TallyCareReport(facts, 30, {ReminderKind::kHolidayGreeting, std::nullopt});
  ASSERT_EQ(greetings.size(), 1u);
  EXPECT_EQ(greetings[0].kind, ReminderKind::kHolidayGreeting);
  EXPECT_DOUBLE_EQ(*greetings[0].return_rate, 0.0);
}

TEST(CareMonth, ParsesYearAndMonthOnly) {
  EXPECT_EQ(CareMonth::Parse("2027-01"), (CareMonth{2027, 1}));
  EXPECT_EQ(CareMonth::Parse("2027-01")->ToString(), "2027-01");
  EXPECT_EQ(CareMonth::Parse("2027-12")->End(), (Date{2028, 1, 1}));
  for (const char* bad : {"2027-13", "2027-00", "2027-1", "27-01", "2027/01", "", "1900-12", "2101-01", "2027-0a"}) {
    EXPECT_FALSE(CareMonth::Parse(bad).has_value()) << bad;
  }
}

TEST(CareReturnWindowSetting, IsAStoreSettingOfOneToThreeHundredSixtyFiveDays) {
  const auto defaults = config::Load("", "reminders", {{"CARELOOP_STORES", "[{id: S001}]"}});
  EXPECT_EQ(defaults.stores.at(0).return_window_days, 30);
  const auto set = config::Load("", "reminders", {{"CARELOOP_STORES", "[{id: S001, return_window_days: 45}]"}});
  EXPECT_EQ(set.stores.at(0).return_window_days, 45);
  for (const char* bad : {"0", "366", "-1"}) {
    try {
      (void)config::Load("", "reminders",
                         {{"CARELOOP_STORES", std::string("[{id: S001, return_window_days: ") + bad + "}]"}});
      FAIL() << "expected a ConfigError for " << bad;
    } catch (const config::ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("stores[0].return_window_days"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace careloop::reminders::domain
