// events tail: payloads decoded by ce_type through the generated descriptor pool. This file
// includes no generated header on purpose: decoding must work for types nothing references.
#include <gtest/gtest.h>

#include <string>

#include "tools/careloopctl/events_tail.h"

namespace careloop::ctl {
namespace {

// ReminderDue{reminder_id: "r1", customer_id: "c1", kind: FIRST_MAINTENANCE, occurrence: 1}
const std::string kReminderDue(
    "\x0a\x02r1\x12\x02"
    "c1\x28\x01\x30\x01",
    12);

TailRecord ReminderDueRecord() {
  TailRecord record;
  record.topic = "careloop.reminder.v1";
  record.partition = 2;
  record.offset = 17;
  record.key = "c1";
  record.headers = {{"ce_specversion", "1.0"},
                    {"ce_id", "due-r1-1"},
                    {"ce_source", "/careloop/reminders"},
                    {"ce_type", "careloop.reminder.v1.ReminderDue"},
                    {"ce_subject", "c1"},
                    {"ce_time", "2026-11-22T02:00:00.000Z"},
                    {"content-type", "application/protobuf"}};
  record.value = kReminderDue;
  return record;
}

TEST(DecodePayload, DecodesAnUnreferencedEventTypeByName) {
  const auto json = DecodePayload("careloop.reminder.v1.ReminderDue", kReminderDue);
  ASSERT_TRUE(json);
  EXPECT_EQ((*json)["reminder_id"], "r1");
  EXPECT_EQ((*json)["customer_id"], "c1");
  EXPECT_EQ((*json)["kind"], "REMINDER_KIND_FIRST_MAINTENANCE");
  EXPECT_EQ((*json)["occurrence"], 1);
}

TEST(DecodePayload, EveryCatalogueTopicHasItsTypesRegistered) {
  for (const char* type : {"careloop.customer.v1.VehicleDelivered", "careloop.dispatch.v1.MessageSent",
                           "careloop.survey.v1.SurveyAnswered", "careloop.reminder.v1.ReminderScheduled"}) {
    EXPECT_TRUE(DecodePayload(type, "")) << type;
  }
}

TEST(DecodePayload, UnknownTypeOrGarbageIsNotDecoded) {
  EXPECT_FALSE(DecodePayload("careloop.nothing.v1.Nope", kReminderDue));
  EXPECT_FALSE(DecodePayload("careloop.reminder.v1.ReminderDue", std::string("\xff\xff\xff", 3)));
}

TEST(FormatRecordText, ShowsTypePositionTimeHeadersAndPayload) {
  const std::string text = FormatRecordText(ReminderDueRecord());
  EXPECT_EQ(text.substr(0, text.find('\n')), "careloop.reminder.v1.ReminderDue  p2@17  2026-11-22T02:00:00Z");
  EXPECT_NE(text.find("  ce_id=due-r1-1  ce_source=/careloop/reminders  ce_subject=c1  key=c1\n"), std::string::npos);
  EXPECT_NE(text.find("  ce_specversion=1.0  content-type=application/protobuf\n"), std::string::npos);
  EXPECT_NE(text.find("\"kind\": \"REMINDER_KIND_FIRST_MAINTENANCE\""), std::string::npos);
}

TEST(FormatRecordJson, CarriesPositionHeadersAndDecodedPayload) {
  const auto json = FormatRecordJson(ReminderDueRecord());
  EXPECT_EQ(json["topic"], "careloop.reminder.v1");
  EXPECT_EQ(json["partition"], 2);
  EXPECT_EQ(json["offset"], 17);
  EXPECT_EQ(json["key"], "c1");
  EXPECT_EQ(json["headers"]["ce_type"], "careloop.reminder.v1.ReminderDue");
  EXPECT_EQ(json["payload"]["reminder_id"], "r1");
}

TEST(FormatRecordJson, UnknownTypeFallsBackToHex) {
  auto record = ReminderDueRecord();
  record.headers = {{"ce_type", "example.Unknown"}, {"careloop_dlq_reason", "undecodable"}};
  record.value = "\x01\xab";
  const auto json = FormatRecordJson(record);
  EXPECT_TRUE(json["payload"].is_null());
  EXPECT_EQ(json["payload_hex"], "01 ab");
  EXPECT_NE(FormatRecordText(record).find("careloop_dlq_reason=undecodable"), std::string::npos);
}

TEST(HexPreview, CutsLongPayloads) {
  EXPECT_EQ(HexPreview("abcd", 2), "61 62 …");
}

}  // namespace
}  // namespace careloop::ctl
