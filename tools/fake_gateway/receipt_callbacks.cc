#include "tools/fake_gateway/receipt_callbacks.h"

#include <httplib.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <ctime>

#include "common/providers/crypto.h"

namespace careloop::tools::fake_gateway {
namespace {

using nlohmann::json;

std::string ChinaNow() {
  const std::time_t now = std::time(nullptr) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

std::string WeChatSignature(const std::string& token, const std::string& timestamp, const std::string& nonce) {
  std::array<std::string, 3> parts{token, timestamp, nonce};
  std::sort(parts.begin(), parts.end());
  const std::string joined = parts[0] + parts[1] + parts[2];
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(joined.data()), joined.size(), digest.data());
  return providers::HexEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string Str(const json& entry, const char* name) {
  const auto found = entry.find(name);
  return found != entry.end() && found->is_string() ? found->get<std::string>() : std::string{};
}

}  // namespace

std::optional<ReceiptMode> ParseReceiptMode(std::string_view name) {
  if (name == "never") return ReceiptMode::kNever;
  if (name == "on_time") return ReceiptMode::kOnTime;
  if (name == "late") return ReceiptMode::kLate;
  if (name == "forged") return ReceiptMode::kForged;
  if (name == "failed") return ReceiptMode::kFailed;
  return std::nullopt;
}

std::optional<ReceiptPlan> ParseReceiptPlan(const json& body, ReceiptPlan base, std::string& error) {
  if (!body.is_object()) {
    error = "receipts must be an object";
    return std::nullopt;
  }
  std::optional<ReceiptMode> mode;
  if (body.contains("mode")) {
    mode = body["mode"].is_string() ? ParseReceiptMode(body["mode"].get<std::string>()) : std::nullopt;
    if (!mode) {
      error = "receipts.mode must be never|on_time|late|forged|failed";
      return std::nullopt;
    }
  }
  if (body.contains("delay_ms")) {
    if (!body["delay_ms"].is_number_integer() || body["delay_ms"].get<std::int64_t>() < 0) {
      error = "receipts.delay_ms must be a non-negative integer";
      return std::nullopt;
    }
    base.delay = std::chrono::milliseconds(body["delay_ms"].get<std::int64_t>());
  }
  const std::string phone = body.value("phone", "");
  if (mode) {
    if (phone.empty()) {
      base.mode = *mode;
    } else {
      base.modes_by_phone[phone] = *mode;
    }
  }
  for (const auto& [key, field] : std::initializer_list<std::pair<const char*, std::string ReceiptPlan::*>>{
           {"aliyun_url", &ReceiptPlan::aliyun_url},
           {"tencent_url", &ReceiptPlan::tencent_url},
           {"wechat_url", &ReceiptPlan::wechat_url},
           {"aliyun_token", &ReceiptPlan::aliyun_token},
           {"tencent_token", &ReceiptPlan::tencent_token},
           {"wechat_token", &ReceiptPlan::wechat_token}}) {
    if (body.contains(key)) {
      base.*field = body.value(key, "");
    }
  }
  return base;
}

ReceiptCallbacks::ReceiptCallbacks() : thread_([this] { Run(); }) {}

ReceiptCallbacks::~ReceiptCallbacks() {
  Stop();
}

void ReceiptCallbacks::Configure(ReceiptPlan plan) {
  const std::lock_guard lock(mutex_);
  plan_ = std::move(plan);
}

ReceiptPlan ReceiptCallbacks::Plan() const {
  const std::lock_guard lock(mutex_);
  return plan_;
}

std::int64_t ReceiptCallbacks::Pushed() const {
  const std::lock_guard lock(mutex_);
  return pushed_;
}

void ReceiptCallbacks::Accepted(const json& entry) {
  const std::lock_guard lock(mutex_);
  const std::string vendor = Str(entry, "provider");
  const std::string recipient = vendor == "wechat" ? Str(entry, "openid") : Str(entry, "phone");
  const auto by_phone = plan_.modes_by_phone.find(recipient);
  const ReceiptMode mode = by_phone != plan_.modes_by_phone.end() ? by_phone->second : plan_.mode;
  if (mode == ReceiptMode::kNever) {
    return;
  }
  const bool forged = mode == ReceiptMode::kForged;
  const bool delivered = mode != ReceiptMode::kFailed;
  Pending pending;
  pending.due =
      std::chrono::steady_clock::now() + (mode == ReceiptMode::kLate ? plan_.delay : std::chrono::milliseconds{50});
  pending.content_type = "application/json";
  if (vendor == "aliyun" && !plan_.aliyun_url.empty()) {
    pending.url = plan_.aliyun_url + "?token=" + (forged ? "forged" : plan_.aliyun_token);
    pending.body = json::array({{{"phone_number", recipient},
                                 {"send_time", ChinaNow()},
                                 {"report_time", ChinaNow()},
                                 {"success", delivered},
                                 {"err_code", delivered ? "DELIVERED" : "MK:0001"},
                                 {"err_msg", delivered ? "用户接收成功" : "空号"},
                                 {"sms_size", "1"},
                                 {"biz_id", Str(entry, "provider_message_id")},
                                 {"out_id", Str(entry, "correlation_id")}}})
                       .dump();
  } else if (vendor == "tencent" && !plan_.tencent_url.empty()) {
    pending.url = plan_.tencent_url + "?token=" + (forged ? "forged" : plan_.tencent_token);
    pending.body = json::array({{{"user_receive_time", ChinaNow()},
                                 {"nationcode", "86"},
                                 {"mobile", recipient},
                                 {"report_status", delivered ? "SUCCESS" : "FAIL"},
                                 {"errmsg", delivered ? "DELIVRD" : "MN:0001"},
                                 {"description", delivered ? "用户短信送达成功" : "空号"},
                                 {"sid", Str(entry, "provider_message_id")}}})
                       .dump();
  } else if (vendor == "wechat" && !plan_.wechat_url.empty()) {
    const std::string timestamp = std::to_string(std::time(nullptr));
    const std::string nonce = providers::RandomHex(8);
    const std::string signature = forged ? std::string(40, '0') : WeChatSignature(plan_.wechat_token, timestamp, nonce);
    pending.url = plan_.wechat_url + "?signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce;
    pending.content_type = "text/xml";
    pending.body = "<xml><ToUserName><![CDATA[gh_fake]]></ToUserName><FromUserName><![CDATA[" + recipient +
                   "]]></FromUserName><CreateTime>" + timestamp +
                   "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>"
                   "<MsgID>" +
                   Str(entry, "provider_message_id") + "</MsgID><Status><![CDATA[" +
                   (delivered ? "success" : "failed:user block") + "]]></Status></xml>";
  } else {
    return;  // no endpoint configured for this vendor
  }
  pending_.push_back(std::move(pending));
  wake_.notify_all();
}

void ReceiptCallbacks::Stop() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) {
      return;
    }
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void ReceiptCallbacks::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (pending_.empty()) {
      wake_.wait(lock);
      continue;
    }
    const auto next = std::min_element(pending_.begin(), pending_.end(),
                                       [](const Pending& a, const Pending& b) { return a.due < b.due; });
    if (next->due > std::chrono::steady_clock::now()) {
      wake_.wait_until(lock, next->due);
      continue;
    }
    Pending due = std::move(*next);
    pending_.erase(next);
    lock.unlock();
    const auto scheme_end = due.url.find("://");
    const auto path_start = due.url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    httplib::Client client(due.url.substr(0, path_start));
    client.set_connection_timeout(std::chrono::seconds(2));
    client.set_read_timeout(std::chrono::seconds(5));
    const auto result =
        client.Post(path_start == std::string::npos ? "/" : due.url.substr(path_start), due.body, due.content_type);
    lock.lock();
    ++pushed_;
    const bool again = !result || result->status >= 500;
    if (again && due.retries_left > 0) {
      --due.retries_left;
      due.due = std::chrono::steady_clock::now() + std::chrono::milliseconds{200};
      pending_.push_back(std::move(due));
    }
  }
}

}  // namespace careloop::tools::fake_gateway
