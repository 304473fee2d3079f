#include "services/dispatch/adapters/receipt_routes.h"

#include <nlohmann/json.hpp>

#include "common/log/log.h"
#include "services/dispatch/adapters/providers/receipt_parsing.h"

namespace careloop::dispatch::adapters {
namespace {

std::string Param(const ReceiptRequest& request, const std::string& name) {
  const auto found = request.query.find(name);
  return found == request.query.end() ? std::string{} : found->second;
}

ReceiptAnswer Refused(int status, std::string_view vendor, std::string_view why) {
  log::Warn("receipt refused", {{"vendor", std::string(vendor)}, {"why", std::string(why)}});
  return {status, nlohmann::json{{"error", why}}.dump()};
}

}  // namespace

ReceiptAnswer ReceiptRoutes::Handle(const ReceiptRequest& request) {
  if (request.path == "/receipts/aliyun" && request.method == "POST") {
    return Aliyun(request);
  }
  if (request.path == "/receipts/tencent" && request.method == "POST") {
    return Tencent(request);
  }
  if (request.path == "/receipts/wechat" && (request.method == "POST" || request.method == "GET")) {
    return WeChat(request);
  }
  return {404, R"({"error":"no such route"})"};
}

std::optional<ReceiptAnswer> ReceiptRoutes::Settle(const std::vector<domain::DeliveryReceipt>& receipts,
                                                   std::string_view vendor) {
  bool retry = false;
  for (const auto& receipt : receipts) {
    auto handled = app_.Receive(receipt);
    if (handled.ok()) {
      continue;
    }
    retry = retry || handled.error().IsRetryable();
    log::Warn("receipt not recorded", {{"vendor", std::string(vendor)}, {"error", handled.error().ToString()}});
  }
  if (retry) {  // the vendor pushes the batch again; receipts already recorded are harmless then
    return ReceiptAnswer{503, R"({"error":"a message is still being sent, retry later"})"};
  }
  return std::nullopt;
}

ReceiptAnswer ReceiptRoutes::Aliyun(const ReceiptRequest& request) {
  if (!SharedTokenValid(secrets_.aliyun_token, Param(request, "token"))) {
    return Refused(401, "aliyun", "token does not match");
  }
  const auto receipts = ParseAliyunReport(request.body);
  if (!receipts) {
    return Refused(400, "aliyun", "body is not an SmsReport JSON array");
  }
  if (auto retry = Settle(*receipts, "aliyun")) {
    return *retry;
  }
  return {200, nlohmann::json{{"code", 0}, {"msg", "接收成功"}}.dump()};
}

ReceiptAnswer ReceiptRoutes::Tencent(const ReceiptRequest& request) {
  if (!SharedTokenValid(secrets_.tencent_token, Param(request, "token"))) {
    return Refused(401, "tencent", "token does not match");
  }
  const auto receipts = ParseTencentCallback(request.body);
  if (!receipts) {
    return Refused(400, "tencent", "body is not a status-callback JSON array");
  }
  if (auto retry = Settle(*receipts, "tencent")) {
    return *retry;
  }
  return {200, nlohmann::json{{"result", 0}, {"errmsg", "OK"}}.dump()};
}

ReceiptAnswer ReceiptRoutes::WeChat(const ReceiptRequest& request) {
  if (!WeChatSignatureValid(secrets_.wechat_token, Param(request, "timestamp"), Param(request, "nonce"),
                            Param(request, "signature"))) {
    return Refused(403, "wechat", "signature does not match");
  }
  if (request.method == "GET") {
    return {200, Param(request, "echostr"), "text/plain; charset=utf-8"};  // the URL check
  }
  const auto event = ParseWeChatEvent(request.body);
  if (!event) {
    return {200, "success", "text/plain; charset=utf-8"};  // a user message: not a receipt route's concern
  }
  if (event->event == "TEMPLATESENDJOBFINISH") {
    if (auto retry = Settle({WeChatReceipt(*event)}, "wechat")) {
      return *retry;
    }
  } else if (event->event == "subscribe" || event->event == "unsubscribe") {
    const Instant at = event->create_time > 0 ? Instant{std::chrono::seconds{event->create_time}} : Instant{};
    if (!app_.Followed(event->openid, event->event == "subscribe", at)) {
      log::Info("wechat follow event not handled here", {{"event", event->event}});
    }
  }
  return {200, "success", "text/plain; charset=utf-8"};
}

}  // namespace careloop::dispatch::adapters
