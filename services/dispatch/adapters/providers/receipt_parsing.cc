#include "services/dispatch/adapters/providers/receipt_parsing.h"

#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/providers/crypto.h"

namespace careloop::dispatch::adapters {
namespace {

using nlohmann::json;

/// "2017-01-01 00:00:00" in China time (UTC+8, no daylight saving); unset when malformed.
Instant ChinaTime(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6) {
    return Instant{};
  }
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                         std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) {
    return Instant{};
  }
  const auto utc = std::chrono::sys_days{date} + std::chrono::hours{h} + std::chrono::minutes{mi} +
                   std::chrono::seconds{s} - std::chrono::hours{8};
  return Instant{std::chrono::duration_cast<Millis>(utc.time_since_epoch())};
}

std::string Text(const json& item, const char* name) {
  const auto found = item.find(name);
  if (found == item.end() || found->is_null()) {
    return {};
  }
  return found->is_string() ? found->get<std::string>() : found->dump();
}

/// The text of <tag>…</tag>, CDATA unwrapped; empty when absent.
std::string Tag(std::string_view xml, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">";
  const std::string close = "</" + std::string(tag) + ">";
  const auto start = xml.find(open);
  if (start == std::string_view::npos) {
    return {};
  }
  const auto from = start + open.size();
  const auto end = xml.find(close, from);
  if (end == std::string_view::npos) {
    return {};
  }
  std::string_view value = xml.substr(from, end - from);
  if (value.starts_with("<![CDATA[") && value.ends_with("]]>")) {
    value = value.substr(9, value.size() - 12);
  }
  return std::string(value);
}

}  // namespace

std::optional<std::vector<domain::DeliveryReceipt>> ParseAliyunReport(std::string_view body) {
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) {
    return std::nullopt;
  }
  std::vector<domain::DeliveryReceipt> receipts;
  for (const auto& item : parsed) {
    if (!item.is_object() || !item.contains("success")) {
      return std::nullopt;
    }
    domain::DeliveryReceipt receipt;
    receipt.vendor = "aliyun";
    receipt.message_id = Text(item, "out_id");
    receipt.provider_message_id = Text(item, "biz_id");
    receipt.phone = Text(item, "phone_number");
    receipt.delivered = item["success"].is_boolean() ? item["success"].get<bool>() : Text(item, "success") == "true";
    receipt.status_code = Text(item, "err_code");
    receipt.reason = Text(item, "err_msg");
    receipt.at = ChinaTime(Text(item, "report_time"));
    receipts.push_back(std::move(receipt));
  }
  return receipts;
}

std::optional<std::vector<domain::DeliveryReceipt>> ParseTencentCallback(std::string_view body) {
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) {
    return std::nullopt;
  }
  std::vector<domain::DeliveryReceipt> receipts;
  for (const auto& item : parsed) {
    if (!item.is_object() || !item.contains("report_status") || !item.contains("sid")) {
      return std::nullopt;
    }
    domain::DeliveryReceipt receipt;
    receipt.vendor = "tencent";
    receipt.provider_message_id = Text(item, "sid");
    receipt.delivered = Text(item, "report_status") == "SUCCESS";
    receipt.status_code = Text(item, "errmsg");
    receipt.reason = Text(item, "description");
    receipt.at = ChinaTime(Text(item, "user_receive_time"));
    receipts.push_back(std::move(receipt));
  }
  return receipts;
}

std::optional<WeChatEvent> ParseWeChatEvent(std::string_view xml) {
  if (Tag(xml, "MsgType") != "event") {
    return std::nullopt;
  }
  WeChatEvent event;
  event.event = Tag(xml, "Event");
  event.openid = Tag(xml, "FromUserName");
  event.msg_id = Tag(xml, "MsgID");
  if (event.msg_id.empty()) {
    event.msg_id = Tag(xml, "MsgId");
  }
  event.status = Tag(xml, "Status");
  const std::string created = Tag(xml, "CreateTime");
  if (!created.empty() && std::all_of(created.begin(), created.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      created.size() < 15) {
    event.create_time = std::stoll(created);
  }
  return event;
}

domain::DeliveryReceipt WeChatReceipt(const WeChatEvent& event) {
  domain::DeliveryReceipt receipt;
  receipt.vendor = "wechat";
  receipt.provider_message_id = event.msg_id;
  receipt.delivered = event.status == "success";
  receipt.status_code = event.status;
  receipt.reason = event.status;
  if (event.create_time > 0) {
    receipt.at = Instant{std::chrono::seconds{event.create_time}};
  }
  return receipt;
}

bool WeChatSignatureValid(std::string_view token, std::string_view timestamp, std::string_view nonce,
                          std::string_view signature) {
  if (token.empty() || signature.empty()) {
    return false;
  }
  std::array<std::string_view, 3> parts{token, timestamp, nonce};
  std::sort(parts.begin(), parts.end());
  const std::string joined = std::string(parts[0]) + std::string(parts[1]) + std::string(parts[2]);
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(joined.data()), joined.size(), digest.data());
  const std::string expected =
      providers::HexEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
  return providers::ConstantTimeEquals(expected, signature);
}

bool SharedTokenValid(std::string_view configured, std::string_view presented) {
  return !configured.empty() && providers::ConstantTimeEquals(configured, presented);
}

}  // namespace careloop::dispatch::adapters
