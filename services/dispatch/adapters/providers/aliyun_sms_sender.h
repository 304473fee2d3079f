#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <map>

#include "services/dispatch/app/batch_ports.h"
#include "services/dispatch/app/provider_ports.h"

namespace careloop::dispatch::adapters {

/// How to reach Aliyun Dysmsapi (or the fake gateway standing in for it).
struct AliyunSmsSettings final {
  /// Base URL, scheme://host[:port]; e.g. "http://127.0.0.1:18080" for the fake gateway.
  std::string endpoint = "https://dysmsapi.aliyuncs.com";
  std::string access_key_id;
  std::string access_key_secret;
  std::string region_id = "cn-hangzhou";
  /// POST form (default) keeps phone numbers and template values out of URLs and access logs;
  /// GET is the other transport the API accepts.
  bool use_post = true;
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds read_timeout{10000};
  std::string ca_cert_path;  ///< empty: the system trust store
};

/// SmsSender over Aliyun `SendSms` (RPC API 2017-05-25, HMAC-SHA1 signature). `OutId` carries
/// the message id. Also the SmsBatchSender over `SendBatchSms` (aliyun_sms_batch.cc). Thread-safe: every call is
/// independent (own connection, own nonce). Timestamps come from the system clock even under a simulated deployment
/// clock, because Aliyun rejects requests whose Timestamp is far from real time.
class AliyunSmsSender final : public app::SmsSender, public app::SmsBatchSender {
 public:
  /// Throws std::invalid_argument when the endpoint is not http(s)://host[:port].
  explicit AliyunSmsSender(AliyunSmsSettings settings);

  /// "aliyun".
  [[nodiscard]] std::string_view Provider() const override;

  /// Sends one SMS. Accepted on Code "OK" (provider_message_id = BizId). A rejection carries
  /// Aliyun's Code and Message and is classified by ClassifyAliyun (vendor_codes.h): throttled
  /// with the window its message names, transient (vendor-side errors, 5xx, transport), or permanent.
  [[nodiscard]] app::SendOutcome Send(const app::OutboundSms& sms) override;

  /// SendBatchSms takes at most 100 numbers a call.
  [[nodiscard]] size_t MaxBatch() const override { return 100; }
  /// One SendBatchSms call (PhoneNumberJson, SignNameJson, TemplateCode, TemplateParamJson; OutId
  /// the batch id). Aliyun answers for the whole call: accepted, each message with the call's
  /// BizId, or one fault for all. A permanent rejection of a call of several numbers (one bad
  /// number refuses the call) is tried number by number with SendSms, so only the bad number's
  /// message fails.
  [[nodiscard]] std::vector<app::SendOutcome> SendBatch(const app::SmsBatch& batch) override;

 private:
  /// Adds the common parameters to `params`, signs them and calls Aliyun; Code "OK" is accepted
  /// (provider_message_id BizId), anything else classified (ClassifyAliyun).
  [[nodiscard]] app::SendOutcome Call(std::map<std::string, std::string> params) const;

  AliyunSmsSettings settings_;
};

}  // namespace careloop::dispatch::adapters
