// careloopctl message get: the message's fields and its vendor attempts as a terminal reads them.
#include <gtest/gtest.h>

#include "tools/careloopctl/format.h"
#include "tools/careloopctl/message_view.h"

namespace careloop::ctl {
namespace {

namespace dv1 = careloop::dispatch::v1;

google::protobuf::Timestamp At(int64_t seconds) {
  google::protobuf::Timestamp at;
  at.set_seconds(seconds);
  return at;
}

dv1::Message FailedOver() {
  dv1::Message message;
  message.set_message_id("msg-1");
  message.set_customer_id("cus-1");
  message.set_store_id("S001");
  message.set_channel(careloop::common::v1::CHANNEL_SMS);
  message.set_status(dv1::MESSAGE_STATUS_DELIVERED);
  message.set_provider("tencent");
  message.set_masked_recipient("139****5678");
  message.set_receipt_status_code("DELIVRD");
  *message.mutable_delivered_at() = At(1'795'312'920);
  auto* first = message.add_attempts();
  first->set_channel(careloop::common::v1::CHANNEL_SMS);
  first->set_vendor("aliyun");
  *first->mutable_at() = At(1'795'312'800);  // 2026-11-22 10:00 +08:00
  first->set_outcome(dv1::ATTEMPT_OUTCOME_TRANSIENT);
  first->set_vendor_code("http_503");
  first->set_vendor_reason("unexpected HTTP status 503");
  auto* second = message.add_attempts();
  second->set_channel(careloop::common::v1::CHANNEL_SMS);
  second->set_vendor("tencent");
  *second->mutable_at() = At(1'795'312'860);
  second->set_outcome(dv1::ATTEMPT_OUTCOME_ACCEPTED);
  second->set_provider_message_id("serial-9");
  return message;
}

TEST(MessageFields, ShowsEveryAttemptOldestFirstWithTheVendorsCodeAndTheReceipt) {
  const std::string text = MessageFields(FailedOver());
  EXPECT_NE(text.find("status:      delivered"), std::string::npos) << text;
  EXPECT_NE(text.find("delivered:   2026-11-22 10:02 (DELIVRD)"), std::string::npos) << text;
  EXPECT_NE(text.find("attempts:    2"), std::string::npos) << text;
  const auto aliyun = text.find("aliyun");
  const auto tencent = text.find("tencent", aliyun);
  ASSERT_NE(aliyun, std::string::npos);
  ASSERT_NE(tencent, std::string::npos);
  EXPECT_NE(text.find("transient"), std::string::npos);
  EXPECT_NE(text.find("http_503"), std::string::npos);
  EXPECT_NE(text.find("serial-9"), std::string::npos);
  EXPECT_NE(text.find("2026-11-22 10:00"), std::string::npos);
}

TEST(MessageFields, AMessageNeverSentSaysSo) {
  dv1::Message message;
  message.set_message_id("msg-2");
  message.set_status(dv1::MESSAGE_STATUS_SUPPRESSED);
  message.set_suppression_reason(dv1::SUPPRESSION_REASON_NO_CONSENT);
  const std::string text = MessageFields(message);
  EXPECT_NE(text.find("suppressed (no_consent)"), std::string::npos) << text;
  EXPECT_NE(text.find("attempts:    none"), std::string::npos) << text;
}

TEST(MessageJson, CarriesTheAttemptsInTheContractsNames) {
  const Json json = ToJson(FailedOver());
  ASSERT_EQ(json["attempts"].size(), 2u);
  EXPECT_EQ(json["attempts"][0]["vendor"], "aliyun");
  EXPECT_EQ(json["attempts"][0]["outcome"], "ATTEMPT_OUTCOME_TRANSIENT");
  EXPECT_EQ(json["attempts"][1]["provider_message_id"], "serial-9");
  EXPECT_EQ(json["receipt_status_code"], "DELIVRD");
}

}  // namespace
}  // namespace careloop::ctl
