// The campaign rules of services/reminders/domain/campaign.h: validation (each error names its
// field), the holiday greeting's day, the send window and the reminders a launch plans.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "services/reminders/domain/campaign.h"

namespace careloop::reminders::domain {
namespace {

Instant At(std::string_view rfc3339) {
  return *ParseRfc3339(rfc3339);
}

class CampaignRulesTest : public ::testing::Test {
 protected:
  // 2027-09-01 10:00 in Beijing; quiet hours 21:00–08:00.
  CampaignRulesTest() : zone_("Asia/Shanghai"), context_{zone_, QuietWindow{}, At("2027-09-01T10:00:00+08:00")} {}

  static Campaign Greeting(Holiday holiday = Holiday::kMidAutumn, int year = 2027) {
    Campaign campaign;
    campaign.campaign_id = "cmp-1";
    campaign.store_id = "S001";
    campaign.kind = CampaignKind::kHolidayGreeting;
    campaign.holiday = holiday;
    campaign.year = year;
    return campaign;
  }
  static Campaign Seasonal(Date send_date) {
    Campaign campaign;
    campaign.campaign_id = "cmp-2";
    campaign.store_id = "S001";
    campaign.display_name = "2027 冬季防冻液检测";
    campaign.kind = CampaignKind::kSeasonalCheck;
    campaign.send_date = send_date;
    return campaign;
  }
  // The field the error names, or "ok".
  std::string FieldOf(const Campaign& draft) const {
    auto checked = ValidateNewCampaign(draft, context_);
    return checked.ok() ? "ok" : checked.error().field;
  }

  TimeZone zone_;
  CampaignContext context_;
};

TEST_F(CampaignRulesTest, HolidayGreetingGoesOutOnTheHolidaysDateThatYear) {
  auto mid_autumn = ValidateNewCampaign(Greeting(), context_);
  ASSERT_TRUE(mid_autumn.ok()) << mid_autumn.error().ToString();
  EXPECT_EQ(mid_autumn->send_date, (Date{2027, 9, 15}));
  EXPECT_EQ(mid_autumn->display_name, "2027 mid_autumn");
  EXPECT_EQ(mid_autumn->status, CampaignStatus::kScheduled);
  EXPECT_EQ(mid_autumn->launch_at, context_.now);  // unset: launches at once
  EXPECT_EQ(mid_autumn->segment.store_ids, std::vector<std::string>{"S001"});

  context_.now = At("2027-01-02T10:00:00+08:00");
  auto spring = ValidateNewCampaign(Greeting(Holiday::kSpringFestival), context_);
  ASSERT_TRUE(spring.ok());
  EXPECT_EQ(spring->send_date, (Date{2027, 2, 6}));  // not Feb 7, as ICU has it
}

TEST_F(CampaignRulesTest, GreetingNeedsAHolidayAndAYearInTheCalendarsRange) {
  Campaign no_holiday = Greeting();
  no_holiday.holiday.reset();
  EXPECT_EQ(FieldOf(no_holiday), "holiday");
  EXPECT_EQ(FieldOf(Greeting(Holiday::kMidAutumn, 1900)), "year");
  EXPECT_EQ(FieldOf(Greeting(Holiday::kMidAutumn, 2101)), "year");
  EXPECT_EQ(FieldOf(Greeting(Holiday::kMidAutumn, 2026)), "year");  // that Mid-Autumn has passed
  Campaign other_day = Greeting();
  other_day.send_date = {2027, 9, 16};
  EXPECT_EQ(FieldOf(other_day), "send_date");
  Campaign holiday_on_check = Seasonal({2027, 12, 1});
  holiday_on_check.holiday = Holiday::kNewYear;
  EXPECT_EQ(FieldOf(holiday_on_check), "holiday");
}

TEST_F(CampaignRulesTest, SendDayInThePastOrMissingIsRefused) {
  EXPECT_EQ(FieldOf(Seasonal({2027, 8, 31})), "send_date");
  EXPECT_EQ(FieldOf(Seasonal({})), "send_date");
  EXPECT_EQ(FieldOf(Seasonal({2027, 2, 30})), "send_date");
  EXPECT_EQ(FieldOf(Seasonal({2027, 9, 1})), "ok");  // today, its window still open
  context_.now = At("2027-09-01T20:30:00+08:00");
  EXPECT_EQ(FieldOf(Seasonal({2027, 9, 1})), "window_end");  // today's window closed at 20:00
}

TEST_F(CampaignRulesTest, SendWindowMustLieOutsideTheStoresQuietHours) {
  Campaign early = Seasonal({2027, 10, 1});
  early.window_start = {7 * 60};
  EXPECT_EQ(FieldOf(early), "window_start");
  Campaign late = Seasonal({2027, 10, 1});
  late.window_end = {22 * 60};
  EXPECT_EQ(FieldOf(late), "window_end");
  Campaign up_to_quiet = Seasonal({2027, 10, 1});
  up_to_quiet.window_start = {8 * 60};
  up_to_quiet.window_end = {21 * 60};
  EXPECT_EQ(FieldOf(up_to_quiet), "ok");
  Campaign inverted = Seasonal({2027, 10, 1});
  inverted.window_start = {15 * 60};
  inverted.window_end = {10 * 60};
  EXPECT_EQ(FieldOf(inverted), "window_end");
  // A store whose quiet hours are a lunch break: a window spanning it is refused.
  context_.quiet = {{12 * 60}, {13 * 60}};
  EXPECT_EQ(FieldOf(Seasonal({2027, 10, 1})), "window_end");
}

TEST_F(CampaignRulesTest, ContradictorySegmentsAreRefused) {
  Campaign ages = Seasonal({2027, 10, 1});
  ages.segment.min_vehicle_age_months = 36;
  ages.segment.max_vehicle_age_months = 12;
  EXPECT_EQ(FieldOf(ages), "segment.min_vehicle_age_months");
  Campaign negative = Seasonal({2027, 10, 1});
  negative.segment.max_vehicle_age_months = -1;
  EXPECT_EQ(FieldOf(negative), "segment.max_vehicle_age_months");
  Campaign delivered = Seasonal({2027, 10, 1});
  delivered.segment.delivery = {{2025, 12, 31}, {2025, 1, 1}};
  EXPECT_EQ(FieldOf(delivered), "segment.delivery");
  Campaign visited = Seasonal({2027, 10, 1});
  visited.segment.last_visit = {{2026, 6, 1}, {2026, 5, 1}};
  EXPECT_EQ(FieldOf(visited), "segment.last_visit");
  Campaign other_store = Seasonal({2027, 10, 1});
  other_store.segment.store_ids = {"S001", "S002"};
  auto refused = ValidateNewCampaign(other_store, context_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "segment.store_ids");
  EXPECT_NE(refused.error().message.find("S002"), std::string::npos);
  Campaign month = Seasonal({2027, 10, 1});
  month.segment.birthday_month = 13;
  EXPECT_EQ(FieldOf(month), "segment.birthday_month");
  Campaign open_ended = Seasonal({2027, 10, 1});
  open_ended.segment.min_vehicle_age_months = 36;  // no maximum
  open_ended.segment.delivery = {{2020, 1, 1}, {}};
  EXPECT_EQ(FieldOf(open_ended), "ok");
}

TEST_F(CampaignRulesTest, CustomTextOnlyAndAlwaysForACustomCampaign) {
  Campaign custom = Seasonal({2027, 10, 1});
  custom.kind = CampaignKind::kOther;
  EXPECT_EQ(FieldOf(custom), "message");
  custom.message = "国庆期间到店享工时八折";
  EXPECT_EQ(FieldOf(custom), "ok");
  custom.message = std::string(301 * 3, 'x');
  EXPECT_EQ(FieldOf(custom), "message");
  Campaign templated = Seasonal({2027, 10, 1});
  templated.message = "自定义";
  EXPECT_EQ(FieldOf(templated), "message");
  Campaign unnamed = Seasonal({2027, 10, 1});
  unnamed.display_name.clear();
  EXPECT_EQ(FieldOf(unnamed), "display_name");
  Campaign no_store = Seasonal({2027, 10, 1});
  no_store.store_id.clear();
  EXPECT_EQ(FieldOf(no_store), "store_id");
}

TEST_F(CampaignRulesTest, LaunchMomentMayNotBePastNorAfterTheWindowOpens) {
  Campaign past = Greeting();
  past.launch_at = At("2027-09-01T09:00:00+08:00");
  EXPECT_EQ(FieldOf(past), "launch_at");
  Campaign late = Greeting();
  late.launch_at = At("2027-09-15T09:30:00+08:00");
  EXPECT_EQ(FieldOf(late), "launch_at");
  Campaign eve = Greeting();
  eve.launch_at = At("2027-09-14T12:00:00+08:00");
  EXPECT_EQ(FieldOf(eve), "ok");
}

TEST_F(CampaignRulesTest, EachCustomerGetsOneReminderAtTheWindowStartOfTheSendDay) {
  const Campaign campaign = ValidateNewCampaign(Greeting(), context_).value();
  const Reminder reminder = CampaignReminder(campaign, "cus-1", zone_, context_.now);
  EXPECT_EQ(reminder.kind, ReminderKind::kHolidayGreeting);
  EXPECT_EQ(reminder.holiday, Holiday::kMidAutumn);
  EXPECT_EQ(reminder.campaign_id, "cmp-1");
  EXPECT_EQ(reminder.status, ReminderStatus::kScheduled);
  EXPECT_EQ(reminder.due_at, At("2027-09-15T09:00:00+08:00"));
  EXPECT_EQ(reminder.service_due_date, (Date{2027, 9, 15}));
  EXPECT_TRUE(reminder.vehicle_id.empty());
  // Deterministic: the same campaign and customer give the same id; another customer another.
  EXPECT_EQ(CampaignReminder(campaign, "cus-1", zone_, context_.now).reminder_id, reminder.reminder_id);
  EXPECT_NE(CampaignReminder(campaign, "cus-2", zone_, context_.now).reminder_id, reminder.reminder_id);

  // Launched inside the window: due at once. After it closed: recorded missed, never sent.
  const Instant inside = At("2027-09-15T11:00:00+08:00");
  EXPECT_EQ(CampaignReminder(campaign, "cus-1", zone_, inside).due_at, inside);
  EXPECT_EQ(CampaignReminder(campaign, "cus-1", zone_, At("2027-09-15T20:00:00+08:00")).status,
            ReminderStatus::kMissed);
}

TEST_F(CampaignRulesTest, ReminderKindFollowsTheCampaignKind) {
  EXPECT_EQ(ReminderKindOf(CampaignKind::kHolidayGreeting), ReminderKind::kHolidayGreeting);
  EXPECT_EQ(ReminderKindOf(CampaignKind::kSeasonalCheck), ReminderKind::kSeasonalCheck);
  EXPECT_EQ(ReminderKindOf(CampaignKind::kPreHolidayCheck), ReminderKind::kSeasonalCheck);
  EXPECT_EQ(ReminderKindOf(CampaignKind::kWinBack), ReminderKind::kCampaign);
  EXPECT_EQ(ReminderKindOf(CampaignKind::kPromotion), ReminderKind::kCampaign);
  EXPECT_EQ(ReminderKindOf(CampaignKind::kOther), ReminderKind::kCampaign);
}

}  // namespace
}  // namespace careloop::reminders::domain
