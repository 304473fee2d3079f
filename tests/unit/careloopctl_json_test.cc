// careloopctl --json: one rule for every command (tools/careloopctl/format.h, ToJson): counts
// are numbers, zeros and empty lists are present, unset dates and times are null.
#include <gtest/gtest.h>

#include "careloop/customer/v1/customers_service.pb.h"
#include "careloop/reminder/v1/reminder.pb.h"
#include "careloop/survey/v1/survey.pb.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;

TEST(ToJson, CountsAreNumbersAndZerosAndEmptyListsArePresent) {
  cv1::ImportRowsResponse report;
  report.set_import_id("imp-1");
  report.set_rows_total(8);
  report.set_rows_created(2);
  const Json json = ToJson(report);
  EXPECT_EQ(json["rows_total"], 8);
  EXPECT_TRUE(json["rows_total"].is_number_integer()) << json.dump();
  EXPECT_TRUE(json.contains("rows_merged"));
  EXPECT_EQ(json["rows_merged"], 0);
  EXPECT_EQ(json["dry_run"], false);
  ASSERT_TRUE(json["lines"].is_array());
  EXPECT_TRUE(json["lines"].empty());
}

TEST(ToJson, AnEmptyListResponseStillNamesItsList) {
  cv1::SearchCustomersResponse response;
  response.mutable_page();
  const Json json = ToJson(response);
  EXPECT_EQ(json.dump(), R"({"customers":[],"page":{"next_page_token":"","total_count":0}})");
}

TEST(ToJson, UnsetDatesTimesAndMessagesAreNull) {
  cv1::TimelineEntry entry;
  entry.set_kind(cv1::TIMELINE_ENTRY_KIND_SERVICE_VISIT);
  entry.mutable_occurred_at()->set_seconds(0);  // the epoch: "unset"
  const Json json = ToJson(entry);
  EXPECT_TRUE(json["date"].is_null()) << json.dump();
  EXPECT_TRUE(json["occurred_at"].is_null()) << json.dump();
  EXPECT_EQ(json["summary"], "");
  EXPECT_EQ(json["kind"], "TIMELINE_ENTRY_KIND_SERVICE_VISIT");
}

TEST(ToJson, SetDatesAndTimesKeepTheirShape) {
  cv1::TimelineEntry entry;
  entry.mutable_date()->set_year(2026);
  entry.mutable_date()->set_month(11);
  entry.mutable_date()->set_day(1);
  entry.mutable_occurred_at()->set_seconds(1'793'498'400);  // 2026-11-01T02:00:00Z
  const Json json = ToJson(entry);
  EXPECT_EQ(json["date"].dump(), R"({"year":2026,"month":11,"day":1})");
  EXPECT_EQ(json["occurred_at"], "2026-11-01T02:00:00Z");
}

TEST(ToJson, AOneofNamesOnlyTheMemberThatIsSet) {
  cv1::TimelineEntry entry;
  EXPECT_FALSE(ToJson(entry).contains("visit"));
  entry.mutable_visit()->set_visit_id("vis-1");
  const Json json = ToJson(entry);
  ASSERT_TRUE(json.contains("visit"));
  EXPECT_EQ(json["visit"]["visit_id"], "vis-1");
  EXPECT_FALSE(json.contains("complaint"));
}

TEST(ToJson, UnsetOptionalScalarsAreNullAndSetOnesKeepTheirValue) {
  cv1::CustomerFilter filter;
  filter.set_fleet_customer(false);
  const Json json = ToJson(filter);
  EXPECT_TRUE(json["opinion_leader"].is_null());
  EXPECT_EQ(json["fleet_customer"], false);
  EXPECT_TRUE(json["purchase_purposes"].is_array());
}

TEST(ToJson, MapsAreObjectsWithTheirKeysInOrder) {
  cv1::ImportRow row;
  EXPECT_EQ(ToJson(row)["extra_columns"].dump(), "{}");
  (*row.mutable_extra_columns())["备注"] = "老客户";
  (*row.mutable_extra_columns())["A"] = "1";
  EXPECT_EQ(ToJson(row)["extra_columns"].dump(), R"({"A":"1","备注":"老客户"})");
}

TEST(ToJson, AnEmptyRecordHasNullTimesAndNamedDefaults) {
  reminder::v1::Reminder reminder;
  const Json json = ToJson(reminder);
  EXPECT_TRUE(json["due_at"].is_null());
  EXPECT_TRUE(json["service_due_date"].is_null());
  EXPECT_EQ(json["status"], "REMINDER_STATUS_UNSPECIFIED");
  EXPECT_EQ(json["reminder_id"], "");
}

TEST(ToJson, DoublesAreNumbersZeroIncluded) {
  survey::v1::Survey survey;
  EXPECT_EQ(ToJson(survey)["average_score"], 0.0);
  survey.set_average_score(4.5);
  EXPECT_EQ(ToJson(survey)["average_score"].dump(), "4.5");
}

}  // namespace
}  // namespace careloop::ctl
