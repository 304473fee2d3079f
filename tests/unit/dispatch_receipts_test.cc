// Delivery receipts: reading each vendor's push, checking where it came from, and what a receipt
// does to a message (delivered, failed, repeated, unknown), over tests/fakes/dispatch_receipt_fakes.h.
#include <gtest/gtest.h>

#include "common/clock/clock.h"
#include "services/dispatch/adapters/providers/receipt_parsing.h"
#include "services/dispatch/adapters/receipt_routes.h"
#include "services/dispatch/app/receipts_app.h"
#include "services/dispatch/domain/receipts.h"
#include "tests/fakes/dispatch_pending_receipt_fakes.h"
#include "tests/fakes/dispatch_receipt_fakes.h"

namespace careloop::dispatch {
namespace {

constexpr char kWeChatToken[] = "tok-wx";
// hex(sha1(sorted "tok-wx", "1700000000", "nonce-1"))
constexpr char kWeChatSignature[] = "064924a32efe427ea6336334d31485d7b81b7409";

TEST(ReceiptParsing, AliyunReportCarriesOurOutIdAndChinaTime) {
  const auto receipts = adapters::ParseAliyunReport(
      R"([{"phone_number":"1381111****","send_time":"2026-11-22 10:00:00","report_time":"2026-11-22 10:00:05",
           "success":true,"err_code":"DELIVERED","err_msg":"用户接收成功","sms_size":"1","biz_id":"900^1",
           "out_id":"msg-1"},
          {"success":false,"err_code":"MK:0001","err_msg":"空号","biz_id":"901^1","out_id":"msg-2"}])");
  ASSERT_TRUE(receipts);
  ASSERT_EQ(receipts->size(), 2u);
  EXPECT_EQ((*receipts)[0].message_id, "msg-1");
  EXPECT_EQ((*receipts)[0].provider_message_id, "900^1");
  EXPECT_TRUE((*receipts)[0].delivered);
  EXPECT_EQ((*receipts)[0].at, *ParseRfc3339("2026-11-22T10:00:05+08:00"));
  EXPECT_FALSE((*receipts)[1].delivered);
  EXPECT_EQ((*receipts)[1].status_code, "MK:0001");
  EXPECT_FALSE(adapters::ParseAliyunReport(R"({"not":"an array"})"));
  EXPECT_FALSE(adapters::ParseAliyunReport(R"([{"out_id":"msg-1"}])"));
}

TEST(ReceiptParsing, TencentCallbackNamesTheSerialNo) {
  const auto receipts = adapters::ParseTencentCallback(
      R"([{"user_receive_time":"2026-11-22 10:00:07","nationcode":"86","mobile":"13912345678",
           "report_status":"SUCCESS","errmsg":"DELIVRD","description":"用户短信送达成功","sid":"2640:1"}])");
  ASSERT_TRUE(receipts);
  ASSERT_EQ(receipts->size(), 1u);
  EXPECT_EQ((*receipts)[0].provider_message_id, "2640:1");
  EXPECT_TRUE((*receipts)[0].message_id.empty());
  EXPECT_EQ((*receipts)[0].status_code, "DELIVRD");
  EXPECT_TRUE((*receipts)[0].delivered);
}

TEST(ReceiptParsing, WeChatTemplateJobFinishedAndSignature) {
  const auto event = adapters::ParseWeChatEvent(
      "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o-openid-1]]></FromUserName>"
      "<CreateTime>1795312805</CreateTime><MsgType><![CDATA[event]]></MsgType>"
      "<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>200163836</MsgID>"
      "<Status><![CDATA[failed:user block]]></Status></xml>");
  ASSERT_TRUE(event);
  EXPECT_EQ(event->event, "TEMPLATESENDJOBFINISH");
  const auto receipt = adapters::WeChatReceipt(*event);
  EXPECT_EQ(receipt.provider_message_id, "200163836");
  EXPECT_FALSE(receipt.delivered);
  EXPECT_EQ(receipt.status_code, "failed:user block");
  EXPECT_TRUE(adapters::WeChatSignatureValid(kWeChatToken, "1700000000", "nonce-1", kWeChatSignature));
  EXPECT_FALSE(adapters::WeChatSignatureValid(kWeChatToken, "1700000001", "nonce-1", kWeChatSignature));
  EXPECT_FALSE(adapters::WeChatSignatureValid("", "1700000000", "nonce-1", kWeChatSignature));
  EXPECT_FALSE(adapters::SharedTokenValid("", ""));
  EXPECT_FALSE(adapters::SharedTokenValid("secret", "secreT"));
  EXPECT_TRUE(adapters::SharedTokenValid("secret", "secret"));
}

TEST(ApplyReceipt, SentBecomesDeliveredOrFailedOnceAndAnUnsentMessageIsLeftAlone) {
  const Instant now = *ParseRfc3339("2026-11-22T10:00:00+08:00");
  domain::Message message;
  message.status = domain::MessageStatus::kSent;
  domain::DeliveryReceipt delivered{"aliyun", "msg-1", "", true, "DELIVERED", "", Instant{}};
  EXPECT_EQ(domain::ApplyReceipt(message, delivered, now), domain::ReceiptEffect::kDelivered);
  EXPECT_EQ(message.status, domain::MessageStatus::kDelivered);
  EXPECT_EQ(message.delivered_at, now);
  EXPECT_EQ(message.receipt_code, "DELIVERED");
  domain::DeliveryReceipt late_failure{"aliyun", "msg-1", "", false, "MK:0001", "空号", Instant{}};
  EXPECT_EQ(domain::ApplyReceipt(message, late_failure, now), domain::ReceiptEffect::kAlreadyKnown);
  EXPECT_EQ(message.status, domain::MessageStatus::kDelivered);

  domain::Message other;
  other.status = domain::MessageStatus::kSent;
  EXPECT_EQ(domain::ApplyReceipt(other, late_failure, now), domain::ReceiptEffect::kUndelivered);
  EXPECT_EQ(other.status, domain::MessageStatus::kFailed);
  EXPECT_EQ(other.failure_reason, "MK:0001: 空号");

  domain::Message ahead;  // sent on a clock ahead of the vendor's (the simulated clock)
  ahead.status = domain::MessageStatus::kSent;
  ahead.sent_at = now;
  domain::DeliveryReceipt dated_before{"aliyun", "msg-3", "", true, "DELIVERED", "", now - Millis{3'600'000}};
  EXPECT_EQ(domain::ApplyReceipt(ahead, dated_before, now), domain::ReceiptEffect::kDelivered);
  EXPECT_EQ(ahead.delivered_at, now);  // never delivered before it was sent

  domain::Message deferred;
  deferred.status = domain::MessageStatus::kDeferred;
  EXPECT_EQ(domain::ApplyReceipt(deferred, delivered, now), domain::ReceiptEffect::kNotSent);
  EXPECT_EQ(deferred.status, domain::MessageStatus::kDeferred);
}

class ReceiptRoutesTest : public ::testing::Test {
 protected:
  ReceiptRoutesTest()
      : clock_(*ParseRfc3339("2026-11-22T10:00:00+08:00")),
        app_(ledger_, follows_, clock_),
        routes_(app_, {"tok-ali", "tok-tc", kWeChatToken}) {
    ledger_.AddSent("msg-1", "aliyun", "900^1");
    ledger_.AddSent("msg-2", "tencent", "2640:1");
    ledger_.AddSent("msg-3", "wechat", "200163836");
  }

  static std::string AliyunDelivered(const std::string& out_id) {
    return R"([{"success":true,"err_code":"DELIVERED","err_msg":"用户接收成功","biz_id":"900^1","out_id":")" + out_id +
           R"(","report_time":"2026-11-22 10:00:05"}])";
  }

  clock::ManualClock clock_;
  testing::FakeReceiptLedger ledger_;
  testing::RecordingFollowEvents follows_;
  app::ReceiptsApp app_;
  adapters::ReceiptRoutes routes_;
};

TEST_F(ReceiptRoutesTest, AnAliyunReportMarksTheMessageDeliveredOnceEvenWhenRepeated) {
  const adapters::ReceiptRequest request{"POST", "/receipts/aliyun", {{"token", "tok-ali"}}, AliyunDelivered("msg-1")};
  const auto answer = routes_.Handle(request);
  EXPECT_EQ(answer.status, 200);
  EXPECT_NE(answer.body.find("\"code\":0"), std::string::npos);
  EXPECT_EQ(ledger_.messages.at("msg-1").status, domain::MessageStatus::kDelivered);
  EXPECT_EQ(ledger_.messages.at("msg-1").delivered_at, *ParseRfc3339("2026-11-22T10:00:05+08:00"));
  EXPECT_EQ(routes_.Handle(request).status, 200);  // Aliyun pushes again: harmless
  EXPECT_EQ(ledger_.events, std::vector<std::string>{"MessageDelivered:msg-1"});
}

TEST_F(ReceiptRoutesTest, AForgedTokenIsRefusedAndWritesNothing) {
  EXPECT_EQ(routes_.Handle({"POST", "/receipts/aliyun", {{"token", "guess"}}, AliyunDelivered("msg-1")}).status, 401);
  EXPECT_EQ(routes_.Handle({"POST", "/receipts/aliyun", {}, AliyunDelivered("msg-1")}).status, 401);
  EXPECT_EQ(routes_
                .Handle({"POST",
                         "/receipts/wechat",
                         {{"signature", "0000"}, {"timestamp", "1700000000"}, {"nonce", "nonce-1"}},
                         "<xml><MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>200163836</MsgID>"
                         "<Status>success</Status></xml>"})
                .status,
            403);
  EXPECT_TRUE(ledger_.events.empty());
  EXPECT_EQ(ledger_.messages.at("msg-1").status, domain::MessageStatus::kSent);
  EXPECT_EQ(ledger_.messages.at("msg-3").status, domain::MessageStatus::kSent);
}

TEST_F(ReceiptRoutesTest, AnUnknownMessageIsAnsweredAsReceivedAndRecordedNowhere) {
  const auto answer = routes_.Handle({"POST", "/receipts/aliyun", {{"token", "tok-ali"}}, AliyunDelivered("msg-404")});
  EXPECT_EQ(answer.status, 200);  // so Aliyun stops pushing it
  EXPECT_TRUE(ledger_.events.empty());
  EXPECT_EQ(ledger_.messages.size(), 3u);
}

TEST_F(ReceiptRoutesTest, AReceiptThatBeatsTheVendorsAnswerIsAskedAgainLater) {
  ledger_.messages.erase("msg-1");
  ledger_.in_flight.insert("msg-1");
  const adapters::ReceiptRequest request{"POST", "/receipts/aliyun", {{"token", "tok-ali"}}, AliyunDelivered("msg-1")};
  EXPECT_EQ(routes_.Handle(request).status, 503);
  EXPECT_TRUE(ledger_.events.empty());
  ledger_.in_flight.clear();
  ledger_.AddSent("msg-1", "aliyun", "900^1");
  EXPECT_EQ(routes_.Handle(request).status, 200);  // the vendor's next push
  EXPECT_EQ(ledger_.messages.at("msg-1").status, domain::MessageStatus::kDelivered);
}

TEST_F(ReceiptRoutesTest, ATencentFailureByItsSerialNoFailsTheMessageWithTheStatus) {
  const auto answer = routes_.Handle({"POST",
                                      "/receipts/tencent",
                                      {{"token", "tok-tc"}},
                                      R"([{"report_status":"FAIL","errmsg":"MN:0001","description":"空号",
                                           "sid":"2640:1","user_receive_time":"2026-11-22 10:00:07"}])"});
  EXPECT_EQ(answer.status, 200);
  EXPECT_NE(answer.body.find("\"result\":0"), std::string::npos);
  EXPECT_EQ(ledger_.messages.at("msg-2").status, domain::MessageStatus::kFailed);
  EXPECT_EQ(ledger_.messages.at("msg-2").failure_reason, "MN:0001: 空号");
  EXPECT_EQ(ledger_.events, (std::vector<std::string>{"MessageDelivered:msg-2", "MessageFailed:msg-2"}));
  EXPECT_EQ(routes_.Handle({"POST", "/receipts/tencent", {{"token", "tok-tc"}}, "not json"}).status, 400);
}

TEST_F(ReceiptRoutesTest, WeChatUrlCheckJobFinishAndFollowPushes) {
  const std::map<std::string, std::string> signed_query{
      {"signature", kWeChatSignature}, {"timestamp", "1700000000"}, {"nonce", "nonce-1"}, {"echostr", "e-42"}};
  EXPECT_EQ(routes_.Handle({"GET", "/receipts/wechat", signed_query, ""}).body, "e-42");
  const auto finished = routes_.Handle({"POST", "/receipts/wechat", signed_query,
                                        "<xml><FromUserName><![CDATA[o-1]]></FromUserName><MsgType><![CDATA[event]]>"
                                        "</MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>"
                                        "<MsgID>200163836</MsgID><Status><![CDATA[success]]></Status></xml>"});
  EXPECT_EQ(finished.body, "success");
  EXPECT_EQ(ledger_.messages.at("msg-3").status, domain::MessageStatus::kDelivered);
  (void)routes_.Handle({"POST", "/receipts/wechat", signed_query,
                        "<xml><FromUserName><![CDATA[o-2]]></FromUserName><MsgType><![CDATA[event]]></MsgType>"
                        "<Event><![CDATA[unsubscribe]]></Event></xml>"});
  EXPECT_EQ(follows_.seen, std::vector<std::string>{"-o-2"});
}

// Tencent and WeChat name only their own id, learnt from their answer to the send: a receipt
// that beats that answer is kept (PendingReceipts) and applied when the send is recorded.
class PendingReceiptsTest : public ReceiptRoutesTest {
 protected:
  PendingReceiptsTest() { app_.UsePendingReceipts(pending_); }

  static adapters::ReceiptRequest TencentDelivered(const std::string& sid) {
    return {"POST",
            "/receipts/tencent",
            {{"token", "tok-tc"}},
            R"([{"report_status":"SUCCESS","errmsg":"DELIVRD","description":"用户短信送达成功","sid":")" + sid +
                R"(","user_receive_time":"2026-11-22 10:00:07"}])"};
  }

  testing::FakePendingReceipts pending_;
};

TEST_F(PendingReceiptsTest, AReceiptBeforeTheSendsAnswerIsKeptAndAppliedWhenTheSendIsRecorded) {
  EXPECT_EQ(routes_.Handle(TencentDelivered("2640:9")).status, 200);  // answered: Tencent stops pushing
  EXPECT_TRUE(ledger_.events.empty());
  EXPECT_EQ(pending_.kept.size(), 1u);

  ledger_.AddSent("msg-9", "tencent", "2640:9");  // the send's answer, recorded
  app_.Recorded(ledger_.messages.at("msg-9"));
  EXPECT_EQ(ledger_.messages.at("msg-9").status, domain::MessageStatus::kDelivered);
  EXPECT_EQ(ledger_.messages.at("msg-9").receipt_code, "DELIVRD");
  EXPECT_EQ(ledger_.events, std::vector<std::string>{"MessageDelivered:msg-9"});
  EXPECT_TRUE(pending_.kept.empty());           // taken once
  app_.Recorded(ledger_.messages.at("msg-9"));  // recorded again: nothing more
  EXPECT_EQ(ledger_.events.size(), 1u);
}

TEST_F(PendingReceiptsTest, ASendRecordedWhileTheReceiptIsBeingKeptStillGetsIt) {
  // The send's answer lands between the receipt's look-up and its keeping: the receipt side
  // looks again after keeping it and applies it itself.
  pending_.on_keep = [this] { ledger_.AddSent("msg-9", "wechat", "300100"); };
  const auto handled = app_.Receive(domain::DeliveryReceipt{"wechat", "", "300100", true, "success", "", Instant{}});
  ASSERT_TRUE(handled.ok());
  EXPECT_FALSE(handled->matched);
  EXPECT_EQ(ledger_.messages.at("msg-9").status, domain::MessageStatus::kDelivered);
  EXPECT_EQ(ledger_.events, std::vector<std::string>{"MessageDelivered:msg-9"});
  EXPECT_TRUE(pending_.kept.empty());
}

TEST_F(PendingReceiptsTest, AnUnknownOrForgedReceiptChangesNothingAndOursAreNotKept) {
  EXPECT_EQ(routes_.Handle(TencentDelivered("9999:1")).status, 200);  // truly unknown: kept, never applied
  EXPECT_EQ(routes_.Handle({"POST", "/receipts/tencent", {{"token", "guess"}}, R"([{"sid":"9999:2"}])"}).status, 401);
  EXPECT_EQ(pending_.keeps, 1);  // the forged one is refused before anything
  // A receipt naming our own message id (Aliyun out_id) is never kept: the vendor pushes it again.
  EXPECT_EQ(routes_.Handle({"POST", "/receipts/aliyun", {{"token", "tok-ali"}}, AliyunDelivered("msg-404")}).status,
            200);
  EXPECT_EQ(pending_.keeps, 1);
  EXPECT_TRUE(ledger_.events.empty());
  EXPECT_EQ(ledger_.messages.size(), 3u);
}

TEST_F(ReceiptRoutesTest, ThroughTheApiOnlyServicesMayReportAndAReceiptNeedsAnId) {
  const auth::Principal advisor{"sa", auth::Role::kAdvisor, {"S001"}, false};
  const auth::Principal service{"gateway", auth::Role::kService, {}, true};
  domain::DeliveryReceipt receipt{"aliyun", "msg-1", "", true, "DELIVERED", "", Instant{}};
  EXPECT_EQ(app_.Receive(advisor, receipt).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(app_.Receive(service, domain::DeliveryReceipt{"aliyun", "", "", true, "", "", {}}).error().field,
            "correlation_id");
  EXPECT_EQ(app_.Receive(service, domain::DeliveryReceipt{"sms77", "msg-1", "", true, "", "", {}}).error().field,
            "provider");
  const auto handled = app_.Receive(service, receipt);
  ASSERT_TRUE(handled.ok());
  EXPECT_EQ(handled->effect, domain::ReceiptEffect::kDelivered);
  EXPECT_EQ(app_.Receive(service, receipt)->effect, domain::ReceiptEffect::kAlreadyKnown);
}

TEST(UnhandledFollowEvents, AnswersNotHandled) {
  app::UnhandledFollowEvents follows;
  EXPECT_FALSE(follows.Followed("o-1", true, Instant{}));
}

}  // namespace
}  // namespace careloop::dispatch
