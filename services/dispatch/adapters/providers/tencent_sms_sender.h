#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "services/dispatch/app/batch_ports.h"
#include "services/dispatch/app/provider_ports.h"

namespace careloop::dispatch::adapters {

/// How to reach Tencent Cloud SMS (or the fake gateway standing in for it).
struct TencentSmsSettings final {
  /// Base URL, scheme://host[:port]; e.g. "http://127.0.0.1:18080" for the fake gateway.
  /// Its host[:port] is sent and signed as the Host header.
  std::string endpoint = "https://sms.tencentcloudapi.com";
  std::string secret_id;
  std::string secret_key;
  std::string sdk_app_id;  ///< SmsSdkAppId of the SMS application
  std::string region = "ap-guangzhou";
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds read_timeout{10000};
  std::string ca_cert_path;  ///< empty: the system trust store
};

/// SmsSender over Tencent Cloud SMS `SendSms` (API 2021-01-11, TC3-HMAC-SHA256).
/// `SessionContext` carries the message id; template values are sent positionally in the order of
/// `OutboundSms::param_order` (when that is empty, params named "1", "2", … are sent in numeric
/// order; other names are rejected as a permanent error, since Tencent templates are positional).
/// Thread-safe: every call is independent. Signs with the system clock (Tencent rejects requests
/// more than five minutes off real time). Also the SmsBatchSender over SendSms with many numbers.
class TencentSmsSender final : public app::SmsSender, public app::SmsBatchSender {
 public:
  /// Throws std::invalid_argument when the endpoint is not http(s)://host[:port].
  explicit TencentSmsSender(TencentSmsSettings settings);

  /// "tencent".
  [[nodiscard]] std::string_view Provider() const override;

  /// Sends one SMS. Accepted when SendStatusSet[0].Code is "Ok" (provider_message_id =
  /// SerialNo). A rejection is classified by ClassifyTencent (vendor_codes.h): LimitExceeded.* and
  /// RequestLimitExceeded* throttled with their windows, InternalError*, 5xx and transport failures
  /// transient, other Error or SendStatus codes permanent.
  [[nodiscard]] app::SendOutcome Send(const app::OutboundSms& sms) override;

  /// SendSms takes at most 200 numbers a call.
  [[nodiscard]] size_t MaxBatch() const override { return 200; }
  /// SendSms with many numbers in PhoneNumberSet (SessionContext the batch id). One call sends one
  /// text, so the batch's messages go in one call per (signature, template values): messages with
  /// the same values (the same salutation) share a call. Tencent answers per number
  /// (SendStatusSet: Code, SerialNo, PhoneNumber): each message gets its own outcome; an Error of
  /// the whole call is the outcome of every message of that call, except that a call of several
  /// numbers refused permanently is tried number by number, so only a bad number's message fails.
  [[nodiscard]] std::vector<app::SendOutcome> SendBatch(const app::SmsBatch& batch) override;

 private:
  /// One SendSms call to `phones` (as Tencent writes them, E.164) with one text; one outcome per phone.
  [[nodiscard]] std::vector<app::SendOutcome> Call(const std::vector<std::string>& phones, const std::string& sign,
                                                   const std::string& template_id,
                                                   const std::vector<std::string>& values,
                                                   const std::string& session) const;

  TencentSmsSettings settings_;
  std::string host_;
};

}  // namespace careloop::dispatch::adapters
