#pragma once

#include <chrono>
#include <string>
#include <string_view>

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
/// the message id. Thread-safe: every call is independent (own connection, own nonce).
/// Timestamps come from the system clock even under a simulated deployment clock, because Aliyun
/// rejects requests whose Timestamp is far from real time.
class AliyunSmsSender final : public app::SmsSender {
 public:
  /// Throws std::invalid_argument when the endpoint is not http(s)://host[:port].
  explicit AliyunSmsSender(AliyunSmsSettings settings);

  /// "aliyun".
  [[nodiscard]] std::string_view Provider() const override;

  /// Sends one SMS. Accepted on Code "OK" (provider_message_id = BizId). A rejection carries
  /// Aliyun's Code and Message and is classified by ClassifyAliyun (vendor_codes.h): throttled
  /// with the window its message names, transient (vendor-side errors, 5xx, transport), or permanent.
  [[nodiscard]] app::SendOutcome Send(const app::OutboundSms& sms) override;

 private:
  AliyunSmsSettings settings_;
};

}  // namespace careloop::dispatch::adapters
