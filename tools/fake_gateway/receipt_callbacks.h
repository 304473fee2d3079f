#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

/// The fake gateway's delivery receipts: after accepting a send it pushes the vendor's report to
/// dispatch's receipt endpoint, the way Aliyun (SmsReport), Tencent (status callback) and WeChat
/// (TEMPLATESENDJOBFINISH) do — on time, late, never, or with a forged token/signature.
namespace careloop::tools::fake_gateway {

enum class ReceiptMode {
  kNever,   ///< no receipt (the default until configured)
  kOnTime,  ///< just after the send (50 ms: a carrier is never faster)
  kLate,    ///< `delay` after the send
  kForged,  ///< right after, with a wrong token / signature (dispatch must refuse it)
  kFailed,  ///< right after, reporting the message undelivered
};
[[nodiscard]] std::optional<ReceiptMode> ParseReceiptMode(std::string_view name);

/// Where and how to push receipts. `modes_by_phone` overrides `mode` for a number (or openid).
struct ReceiptPlan final {
  ReceiptMode mode = ReceiptMode::kNever;
  std::chrono::milliseconds delay{0};
  std::map<std::string, ReceiptMode> modes_by_phone;
  std::string aliyun_url;  ///< e.g. http://127.0.0.1:8090/receipts/aliyun (the token is added)
  std::string tencent_url;
  std::string wechat_url;
  std::string aliyun_token;
  std::string tencent_token;
  std::string wechat_token;
};

/// Reads `{"mode", "delay_ms", "phone" (the mode is then for that number only), "aliyun_url", …}`;
/// nullopt with `error` set when malformed. Fields left out keep `base`'s values.
[[nodiscard]] std::optional<ReceiptPlan> ParseReceiptPlan(const nlohmann::json& body, ReceiptPlan base,
                                                          std::string& error);

/// Pushes receipts on its own thread, each at its time. Thread-safe.
class ReceiptCallbacks final {
 public:
  ReceiptCallbacks();
  ~ReceiptCallbacks();
  ReceiptCallbacks(const ReceiptCallbacks&) = delete;
  ReceiptCallbacks& operator=(const ReceiptCallbacks&) = delete;

  void Configure(ReceiptPlan plan);
  [[nodiscard]] ReceiptPlan Plan() const;
  /// A send the gateway accepted (its ledger entry): queues its receipt per the plan.
  void Accepted(const nlohmann::json& entry);
  /// Receipts pushed so far (whatever the answer).
  [[nodiscard]] std::int64_t Pushed() const;
  /// Stops the thread; queued receipts are dropped. Idempotent.
  void Stop();

 private:
  struct Pending final {
    std::chrono::steady_clock::time_point due;
    std::string url;
    std::string body;
    std::string content_type;
    int retries_left = 3;  ///< the vendors push again after a 5xx or no answer
  };
  void Run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  ReceiptPlan plan_;              ///< guarded by mutex_
  std::vector<Pending> pending_;  ///< guarded by mutex_
  std::int64_t pushed_ = 0;       ///< guarded by mutex_
  bool stopping_ = false;         ///< guarded by mutex_
  std::thread thread_;
};

}  // namespace careloop::tools::fake_gateway
