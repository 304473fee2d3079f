#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/dispatch/app/receipts_app.h"

namespace careloop::dispatch::adapters {

/// The secrets the receipt routes check (settings `dispatch.receipts`).
struct ReceiptSecrets final {
  std::string aliyun_token;   ///< the `token` query parameter of the URL configured in Aliyun's console
  std::string tencent_token;  ///< the same for the callback URL configured in Tencent's console
  std::string wechat_token;   ///< the official account's server-configuration Token (signature check)
};

/// One HTTP request to the receipt routes, already parsed.
struct ReceiptRequest final {
  std::string method;
  std::string path;
  std::map<std::string, std::string> query;
  std::string body;
};

struct ReceiptAnswer final {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
};

/// The vendors' delivery-report routes, independent of the HTTP server:
///   POST /receipts/aliyun?token=T    Aliyun SmsReport (JSON array)   → {"code":0,"msg":"接收成功"}
///   POST /receipts/tencent?token=T   Tencent status callback         → {"result":0,"errmsg":"OK"}
///   GET  /receipts/wechat?signature&timestamp&nonce&echostr  WeChat's URL check → echostr
///   POST /receipts/wechat?signature&timestamp&nonce  event push (XML): TEMPLATESENDJOBFINISH is a
///        receipt; subscribe/unsubscribe go to FollowEvents                  → "success"
/// A wrong token or signature is 401 (Aliyun, Tencent) or 403 (WeChat) and nothing is written;
/// a body that is not the vendor's format is 400; a receipt for an unknown message is answered
/// as received (so the vendor stops retrying) and only logged; a receipt for a message still in
/// flight (it beat the vendor's answer to us) is 503, so the vendor pushes it again.
class ReceiptRoutes final {
 public:
  ReceiptRoutes(app::ReceiptsApp& app, ReceiptSecrets secrets) : app_(app), secrets_(std::move(secrets)) {}

  /// Throws redis::RedisUnavailable (the server answers 503 and the vendor retries later).
  [[nodiscard]] ReceiptAnswer Handle(const ReceiptRequest& request);

 private:
  /// Hands each receipt to the app; a 503 answer when one must be pushed again.
  [[nodiscard]] std::optional<ReceiptAnswer> Settle(const std::vector<domain::DeliveryReceipt>& receipts,
                                                    std::string_view vendor);
  [[nodiscard]] ReceiptAnswer Aliyun(const ReceiptRequest& request);
  [[nodiscard]] ReceiptAnswer Tencent(const ReceiptRequest& request);
  [[nodiscard]] ReceiptAnswer WeChat(const ReceiptRequest& request);

  app::ReceiptsApp& app_;
  ReceiptSecrets secrets_;
};

}  // namespace careloop::dispatch::adapters
