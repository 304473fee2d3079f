#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "services/dispatch/app/provider_ports.h"

namespace careloop::dispatch::adapters {

/// How to reach the WeChat official-account API (or the fake gateway standing in for it).
struct WeChatSettings final {
  /// Base URL, scheme://host[:port]; e.g. "http://127.0.0.1:18080" for the fake gateway.
  std::string endpoint = "https://api.weixin.qq.com";
  std::string appid;
  std::string secret;
  /// A cached token is replaced this long before WeChat says it expires (capped at half its
  /// lifetime), so a send never races the expiry.
  std::chrono::seconds refresh_margin{300};
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds read_timeout{10000};
  std::string ca_cert_path;  ///< empty: the system trust store
};

/// WeChatSender over `POST /cgi-bin/message/template/send`, with `client_msg_id` = message id.
/// Fetches the access token from `GET /cgi-bin/token`, caches it, refreshes it before expiry and
/// once more when WeChat answers 40001/40014/42001 (token invalid or expired), then retries the
/// send once. Thread-safe; concurrent sends share one token and one refresh.
///
/// Every call to /cgi-bin/token invalidates the previous token after a grace period, so several
/// processes sharing one appid must not each run their own cache for long: in production give
/// each appid one token owner (or accept the refresh-on-40001 churn this class survives).
class WeChatTemplateSender final : public app::WeChatSender {
 public:
  /// Monotonic time source for token expiry.
  using SteadyNow = std::function<std::chrono::steady_clock::time_point()>;

  /// Throws std::invalid_argument when the endpoint is not http(s)://host[:port].
  explicit WeChatTemplateSender(WeChatSettings settings);

  /// Visible for testing: token expiry measured on `now` instead of the steady clock.
  WeChatTemplateSender(WeChatSettings settings, SteadyNow now);

  /// Sends one template message. Accepted on errcode 0 (provider_message_id = msgid).
  /// Classified by ClassifyWeChat (vendor_codes.h): 45009/45011/45047 throttled; -1 (system busy),
  /// a token still rejected after one refresh, 5xx and transport failures transient; other errcodes
  /// (bad openid, unsubscribed user, bad template, bad appid/secret) permanent; error_code is
  /// "wechat_<errcode>".
  [[nodiscard]] app::SendOutcome Send(const app::OutboundWeChat& message) override;

 private:
  struct CachedToken final {
    std::string value;
    std::chrono::steady_clock::time_point refresh_at;
  };
  /// A token, or the outcome explaining why none could be had.
  struct TokenOrFailure final {
    std::string token;
    std::optional<app::SendOutcome> failure;
  };

  /// Returns the cached token unless it is due for refresh or equals `rejected` (a token WeChat
  /// just refused); otherwise fetches a new one. Holds token_mutex_ across the fetch on purpose:
  /// parallel refreshes would invalidate each other's tokens.
  [[nodiscard]] TokenOrFailure Token(const std::string& rejected);
  [[nodiscard]] TokenOrFailure FetchToken();

  WeChatSettings settings_;
  SteadyNow now_;
  std::mutex token_mutex_;
  std::optional<CachedToken> token_;  ///< guarded by token_mutex_
};

}  // namespace careloop::dispatch::adapters
