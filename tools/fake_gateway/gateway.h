#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "tools/fake_gateway/gateway_config.h"
#include "tools/fake_gateway/ledger.h"
#include "tools/fake_gateway/receipt_callbacks.h"

/// A test double for the SMS / WeChat vendors: speaks Aliyun SendSms and SendBatchSms, Tencent
/// SendSms (up to 200 numbers) and the
/// WeChat token + template-message APIs closely enough that the real adapters cannot tell, checks
/// their signatures, records what it accepted, and injects faults on request. Not a product part.
namespace careloop::tools::fake_gateway {

/// An HTTP request, already parsed; what Gateway::Handle needs and nothing about sockets.
struct GatewayRequest final {
  std::string method;  ///< "GET", "POST", …
  std::string path;    ///< without the query string
  /// Query parameters and, for application/x-www-form-urlencoded bodies, form fields; decoded.
  std::map<std::string, std::string> params;
  std::map<std::string, std::string> headers;  ///< by lowercase name
  std::string body;
};

/// What to answer.
struct GatewayResponse final {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
};

/// Injected behaviour for the next vendor *send* requests (token requests are never faulted).
enum class FaultMode {
  kNormal,    ///< answer normally
  kFail,      ///< vendor-shaped permanent rejection
  kThrottle,  ///< vendor-shaped rate limit (retryable)
  kSlow,      ///< wait `delay` (1 s when 0) then answer normally
  kError,     ///< HTTP 503, the vendor's outage (transient)
  /// Aliyun and Tencent sends: accept and record the send (it shows in the ledger and in status
  /// queries), then hold the answer `delay` (30 s when 0, or until shutdown) so the client times
  /// out: the "lost answer" that dispatch reconciles. WeChat sends answer normally.
  kLoseAnswer,
};

/// A fault and how long it lasts.
struct FaultPlan final {
  FaultMode mode = FaultMode::kNormal;
  std::chrono::milliseconds delay{0};  ///< applied before answering, in any mode
  int count = 0;                       ///< how many send requests it applies to; 0 = until reset
  /// Only this vendor's sends ("aliyun", "tencent", "wechat"); empty: every vendor's without a
  /// fault of its own.
  std::string vendor;
  /// Only sends to this number (either vendor's format: "13912345671", "+8613912345671");
  /// empty: any number. A number's own fault goes before the vendor's and the global one.
  std::string phone;
  /// The first `skip` matching sends are answered normally: the fault hits the (skip+1)-th.
  int skip = 0;
};

/// Counters a test can assert on.
struct GatewayStats final {
  std::int64_t token_requests = 0;   ///< every GET /cgi-bin/token, successful or not
  std::int64_t send_requests = 0;    ///< every vendor send request that reached validation
  std::int64_t accepted = 0;         ///< send requests answered with success
  std::int64_t receipts_pushed = 0;  ///< delivery receipts pushed to dispatch (ReceiptCallbacks)
  std::int64_t status_queries = 0;   ///< Aliyun QuerySendDetails and Tencent status pulls answered
};

/// The gateway's behaviour, independent of any server. Thread-safe: Handle may run on many
/// threads at once.
///
/// Routes: `/` (Aliyun SendSms, SendBatchSms and QuerySendDetails by GET query or POST form;
/// Tencent SendSms (one or many numbers) and PullSmsSendStatusByPhoneNumber by POST when an
/// X-TC-Action header is present), `GET /cgi-bin/token`, `POST /cgi-bin/message/template/send`,
/// and for tests `GET /_health`, `GET /_ledger` (ledger lines as a JSON array), `GET /_stats`,
/// `POST /_control` ({"mode": "normal"|"fail"|"throttle"|"slow"|"error"|"lose", "delay_ms": N,
/// "count": K, "vendor": "aliyun"|"tencent"|"wechat" (optional), "phone": number (optional),
/// "skip": S (optional), "revoke_tokens": bool, "wechat_unfollow": [openid…], "wechat_follow": [openid…]}).
/// Status queries answer from the ledger of accepted sends (status_queries.cc): every accepted
/// send reads delivered (Aliyun SendStatus 3, Tencent SUCCESS); a send never accepted is absent.
/// WeChat follow state: an openid in `wechat.unfollowed` (or unfollowed by control) gets 43004.
class Gateway final {
 public:
  /// Throws std::runtime_error when the ledger file cannot be opened.
  Gateway(Credentials credentials, std::vector<MessageTemplate> templates, const std::string& ledger_path);

  /// Answers one request. Never throws for anything a client can send.
  [[nodiscard]] GatewayResponse Handle(const GatewayRequest& request);

  /// Sets the fault for the next send requests (what POST /_control does).
  void SetFault(const FaultPlan& plan);

  /// Marks `openid` as (not) following the official account.
  void SetFollows(const std::string& openid, bool follows);

  /// Makes every issued WeChat access token invalid, so the next send gets errcode 40001.
  void RevokeTokens();

  /// Ledger lines, oldest first (what GET /_ledger returns).
  [[nodiscard]] nlohmann::json LedgerEntries() const;

  [[nodiscard]] GatewayStats Stats() const;

  /// Wakes requests sleeping in a slow fault and makes later delays return at once; called when
  /// the server stops so shutdown does not wait for them. Permanent.
  void Shutdown();

 private:
  [[nodiscard]] GatewayResponse HandleAliyun(const GatewayRequest& request);
  /// Aliyun SendBatchSms (the request's signature already checked): every number recorded as
  /// its own send, one fault per call.
  [[nodiscard]] GatewayResponse AliyunBatch(const std::map<std::string, std::string>& params);
  [[nodiscard]] GatewayResponse HandleTencent(const GatewayRequest& request);
  [[nodiscard]] GatewayResponse HandleWeChatToken(const GatewayRequest& request);
  [[nodiscard]] GatewayResponse HandleWeChatSend(const GatewayRequest& request);
  [[nodiscard]] GatewayResponse HandleControl(const GatewayRequest& request);
  // status_queries.cc: the vendors' status queries over the ledger.
  [[nodiscard]] GatewayResponse HandleAliyunQuery(const GatewayRequest& request);
  [[nodiscard]] GatewayResponse HandleTencentPull(const GatewayRequest& request);
  void CountStatusQuery();

  /// Counts a send request to `vendor`, consumes one unit of its fault (its own, else the
  /// global one) and sleeps its delay.
  [[nodiscard]] FaultMode TakeFault(const std::string& vendor);
  /// The same for a send to `phones`, taking a number's own fault first; returns the plan
  /// taken (mode kNormal when none applies). Delays kLoseAnswer not: see HoldAnswer.
  [[nodiscard]] FaultPlan TakeFaultFor(const std::string& vendor, const std::vector<std::string>& phones);
  /// A kLoseAnswer send, recorded: waits until the client gave up (or shutdown).
  void HoldAnswer(const FaultPlan& plan);
  void Delay(std::chrono::milliseconds delay);
  [[nodiscard]] std::optional<std::string> TemplateText(const std::string& code) const;
  /// False if the nonce was seen before (Aliyun rejects replays).
  [[nodiscard]] bool ClaimNonce(const std::string& nonce);
  void RecordAccepted(const nlohmann::json& entry);

  const Credentials credentials_;
  const std::map<std::string, std::string> templates_;  ///< code → text
  Ledger ledger_;
  ReceiptCallbacks receipts_;

  mutable std::mutex mutex_;
  std::condition_variable shutdown_signal_;
  bool shutting_down_ = false;  ///< guarded by mutex_
  /// By FaultKey(vendor, phone); "" parts for any vendor / any number. Guarded by mutex_.
  std::map<std::string, FaultPlan> faults_;
  GatewayStats stats_;                   ///< guarded by mutex_
  std::set<std::string> nonces_;         ///< guarded by mutex_
  std::deque<std::string> nonce_order_;  ///< guarded by mutex_; bounds nonces_
  /// WeChat access token → when it expires. Guarded by mutex_.
  std::unordered_map<std::string, std::chrono::steady_clock::time_point> tokens_;
  std::set<std::string> unfollowed_;  ///< guarded by mutex_; openids not following the account
};

/// "normal" | "fail" | "throttle" | "slow" | "error" | "lose" → FaultMode; nullopt for anything else.
[[nodiscard]] std::optional<FaultMode> ParseFaultMode(std::string_view name);

}  // namespace careloop::tools::fake_gateway
