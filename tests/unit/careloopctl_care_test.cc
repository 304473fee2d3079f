// `careloopctl report care` and `calendar upcoming`: the request from the options, the table
// with Chinese labels and rates that say 不适用 on a zero base, --json, the days grouped by store-
// local day with customers listed on small days only, and the HTML month calendar.
#include <gtest/gtest.h>

#include <string>

#include "common/events/proto_event.h"
#include "tools/careloopctl/care_views.h"
#include "tools/careloopctl/errors.h"

namespace careloop::ctl {
namespace {

namespace rv1 = careloop::reminder::v1;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CareReportCommand, BuildsTheRequestFromTheOptions) {
  const auto all = CareReportRequest("S001", "2027-01", "", "");
  EXPECT_EQ(all.store_id(), "S001");
  EXPECT_EQ(all.month(), "2027-01");
  EXPECT_EQ(all.kind(), rv1::REMINDER_KIND_UNSPECIFIED);
  EXPECT_EQ(all.channel(), careloop::common::v1::CHANNEL_UNSPECIFIED);
  const auto one = CareReportRequest("S001", "2027-01", "birthday", "wechat");
  EXPECT_EQ(one.kind(), rv1::REMINDER_KIND_BIRTHDAY);
  EXPECT_EQ(one.channel(), careloop::common::v1::CHANNEL_WECHAT);
  EXPECT_THROW((void)CareReportRequest("S001", "2027-1", "", ""), UsageError);
  EXPECT_THROW((void)CareReportRequest("S001", "2027/01", "", ""), UsageError);
}

rv1::GetCareReportResponse Report() {
  rv1::GetCareReportResponse response;
  response.set_return_window_days(30);
  auto* fired = response.add_rows();
  fired->set_store_id("S001");
  fired->set_month("2027-01");
  fired->set_kind(rv1::REMINDER_KIND_FIRST_MAINTENANCE);
  fired->set_due_count(4);
  fired->set_sent_count(3);
  fired->set_returned_count(1);
  fired->set_return_rate(0.25);
  fired->set_appointment_count(0);
  fired->set_appointment_rate(0.0);
  auto* sms = response.add_rows();
  *sms = *fired;
  sms->set_channel(careloop::common::v1::CHANNEL_SMS);
  auto* missed_only = response.add_rows();
  missed_only->set_store_id("S001");
  missed_only->set_month("2027-01");
  missed_only->set_kind(rv1::REMINDER_KIND_INSURANCE_RENEWAL);
  missed_only->set_missed_count(2);
  return response;
}

TEST(CareReportView, ShowsChineseLabelsAndSaysNotApplicableOnAZeroBase) {
  const std::string text = RenderCareReport(Report());
  for (const char* label : {"门店", "月份", "类型", "渠道", "到期", "已发送", "错过", "回厂率", "预约率", "首保提醒",
                            "续保提醒", "全部渠道", "短信", "25.0%", "0.0%", "不适用", "30 天"}) {
    EXPECT_TRUE(Contains(text, label)) << label << "\n" << text;
  }
  EXPECT_FALSE(Contains(text, "100.0%")) << text;
  EXPECT_TRUE(Contains(RenderCareReport({}), "no reminder fired or missed"));
}

TEST(CareReportView, JsonHasNullForARateThatIsNotApplicable) {
  const Json json = CareReportJson(Report());
  EXPECT_EQ(json["return_window_days"], 30);
  ASSERT_EQ(json["rows"].size(), 3u);
  EXPECT_EQ(json["rows"][0]["due_count"], 4);
  EXPECT_DOUBLE_EQ(json["rows"][0]["return_rate"].get<double>(), 0.25);
  EXPECT_TRUE(json["rows"][2]["return_rate"].is_null());
  EXPECT_TRUE(json["rows"][2]["appointment_rate"].is_null());
  EXPECT_EQ(json["rows"][1]["channel"], "CHANNEL_SMS");
}

rv1::Reminder Scheduled(const std::string& id, rv1::ReminderKind kind, std::string_view due_at,
                        const std::string& vehicle = "V1") {
  rv1::Reminder reminder;
  reminder.set_reminder_id(id);
  reminder.set_customer_id("C-" + id);
  reminder.set_vehicle_id(vehicle);
  reminder.set_store_id("S001");
  reminder.set_kind(kind);
  reminder.set_status(rv1::REMINDER_STATUS_SCHEDULED);
  *reminder.mutable_due_at() = events::ToTimestamp(*ParseRfc3339(due_at));
  return reminder;
}

std::vector<CareDay> Days() {
  std::vector<rv1::Reminder> reminders{
      // 2027-01-04 23:30 UTC is January 5th in Beijing.
      Scheduled("r1", rv1::REMINDER_KIND_BIRTHDAY, "2027-01-04T23:30:00Z", ""),
      Scheduled("r2", rv1::REMINDER_KIND_FIRST_MAINTENANCE, "2027-01-05T10:00:00+08:00"),
      Scheduled("before", rv1::REMINDER_KIND_BIRTHDAY, "2026-12-31T10:00:00+08:00"),
      Scheduled("after", rv1::REMINDER_KIND_BIRTHDAY, "2027-01-15T00:00:00+08:00"),
  };
  for (int i = 0; i < 6; ++i) {
    reminders.push_back(
        Scheduled("g" + std::to_string(i), rv1::REMINDER_KIND_HOLIDAY_GREETING, "2027-01-10T09:00:00+08:00", ""));
  }
  return GroupByDay(reminders, DisplayZone(), Date{2027, 1, 1}, 14);
}

TEST(CalendarUpcoming, GroupsByLocalDayAndListsCustomersOnSmallDaysOnly) {
  const auto days = Days();
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].date, (Date{2027, 1, 5}));
  EXPECT_EQ(days[0].Total(), 2u);
  EXPECT_EQ(days[1].date, (Date{2027, 1, 10}));
  EXPECT_EQ(days[1].Total(), 6u);

  const std::string text = RenderUpcoming(days, Date{2027, 1, 1}, 14);
  EXPECT_TRUE(Contains(text, "2027-01-05")) << text;
  EXPECT_TRUE(Contains(text, "周二")) << text;  // 2027-01-05 is a Tuesday
  EXPECT_TRUE(Contains(text, "生日祝福")) << text;
  EXPECT_TRUE(Contains(text, "C-r2/V1")) << text;
  EXPECT_FALSE(Contains(text, "C-g0")) << text;  // six on the 10th: a count, no names
  EXPECT_TRUE(Contains(text, "(8 reminders from 2027-01-01 to 2027-01-14)")) << text;

  const Json json = UpcomingJson(days);
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["date"], "2027-01-05");
  EXPECT_EQ(json[0]["total"], 2);
  EXPECT_EQ(json[0]["kinds"][0]["kind"], "first_maintenance");
  EXPECT_EQ(json[0]["kinds"][0]["reminders"][0]["customer_id"], "C-r2");
  EXPECT_EQ(json[1]["kinds"][0]["count"], 6);
  EXPECT_TRUE(json[1]["kinds"][0]["reminders"].empty());
}

TEST(CalendarUpcoming, TheHtmlPageIsSelfContainedWithACellPerDayOfTheRange) {
  const std::string html = UpcomingHtml("S<1>", Days(), Date{2027, 1, 1}, 14);
  EXPECT_TRUE(Contains(html, "<meta charset=\"utf-8\">"));
  EXPECT_TRUE(Contains(html, "关怀日历"));
  EXPECT_TRUE(Contains(html, "S&lt;1&gt;"));
  EXPECT_FALSE(Contains(html, "S<1>"));
  EXPECT_FALSE(Contains(html, "http"));  // no external assets
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_TRUE(Contains(html, "data-date=\"2027-01-05\" data-count=\"2\""));
  EXPECT_TRUE(Contains(html, "data-date=\"2027-01-14\" data-count=\"0\""));
  EXPECT_FALSE(Contains(html, "data-date=\"2027-01-15\""));
  EXPECT_TRUE(Contains(html, "2027年1月"));
  // A range across a month's end has both months.
  const std::string two = UpcomingHtml("S001", {}, Date{2027, 1, 25}, 14);
  EXPECT_TRUE(Contains(two, "data-month=\"2027-01\""));
  EXPECT_TRUE(Contains(two, "data-month=\"2027-02\""));
  EXPECT_TRUE(Contains(two, "data-date=\"2027-02-07\""));
  EXPECT_FALSE(Contains(two, "data-date=\"2027-02-08\""));
}

}  // namespace
}  // namespace careloop::ctl
