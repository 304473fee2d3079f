// The vendors' status queries, answered from the gateway's ledger of accepted sends: Aliyun
// QuerySendDetails (the sends to one number on one day, paged) and Tencent
// PullSmsSendStatusByPhoneNumber (the reports of one number in a time window, paged). An accepted
// send reads delivered; a send the gateway never accepted is simply not there.
#include <algorithm>
#include <cstdio>

#include "common/base/time.h"
#include "common/providers/aliyun_signature.h"
#include "common/providers/crypto.h"
#include "common/providers/tencent_signature.h"
#include "tools/fake_gateway/gateway.h"

namespace careloop::tools::fake_gateway {
namespace {

using nlohmann::json;

const TimeZone& China() {
  static const TimeZone zone("Asia/Shanghai");
  return zone;
}

GatewayResponse Answer(int status, const json& body) {
  return {status, body.dump(), "application/json; charset=utf-8"};
}

std::string RequestId() {
  return providers::RandomHex(16);
}

GatewayResponse AliyunError(int status, std::string_view code, std::string_view message) {
  return Answer(status, {{"Code", code}, {"Message", message}, {"RequestId", RequestId()}});
}

GatewayResponse TencentError(std::string_view code, std::string_view message) {
  return Answer(200, {{"Response", {{"Error", {{"Code", code}, {"Message", message}}}, {"RequestId", RequestId()}}}});
}

// "2026-12-02 10:00:05" in China time, as Aliyun writes its dates.
std::string ChinaDateTime(Instant instant) {
  const Date date = China().DateAt(instant);
  const int minutes = China().TimeOfDayAt(instant).minutes;
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count() % 60;
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", date.year, date.month, date.day, minutes / 60,
                minutes % 60, static_cast<int>(seconds));
  return text;
}

std::string Yyyymmdd(Instant instant) {
  const Date date = China().DateAt(instant);
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02d%02d", date.year, date.month, date.day);
  return text;
}

std::string Digits(std::string_view phone) {
  std::string digits;
  std::copy_if(phone.begin(), phone.end(), std::back_inserter(digits), [](char c) { return c >= '0' && c <= '9'; });
  return digits;
}

std::string Text(const json& entry, const char* field) {
  const auto found = entry.find(field);
  return found != entry.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// The ledger's accepted sends of `vendor`, oldest first, with when they were accepted.
std::vector<std::pair<Instant, json>> SendsOf(const json& ledger, std::string_view vendor) {
  std::vector<std::pair<Instant, json>> sends;
  for (const auto& entry : ledger) {
    if (Text(entry, "provider") != vendor) {
      continue;
    }
    if (const auto at = ParseRfc3339(Text(entry, "received_at"))) {
      sends.emplace_back(*at, entry);
    }
  }
  return sends;
}

}  // namespace

void Gateway::CountStatusQuery() {
  const std::lock_guard lock(mutex_);
  ++stats_.status_queries;
}

GatewayResponse Gateway::HandleAliyunQuery(const GatewayRequest& request) {
  const auto param = [&request](const std::string& name) -> std::string {
    const auto found = request.params.find(name);
    return found == request.params.end() ? std::string() : found->second;
  };
  for (const char* required : {"Version", "AccessKeyId", "Signature", "SignatureNonce", "Timestamp"}) {
    if (param(required).empty()) {
      return AliyunError(400, std::string("Missing") + required,
                         std::string("The input parameter \"") + required + "\" is not supplied.");
    }
  }
  if (param("AccessKeyId") != credentials_.aliyun.access_key_id || credentials_.aliyun.access_key_id.empty()) {
    return AliyunError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  }
  if (!providers::AliyunVerify(request.method, request.params, credentials_.aliyun.access_key_secret)) {
    return AliyunError(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
  }
  if (!ClaimNonce(param("SignatureNonce"))) {
    return AliyunError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
  const std::string phone = param("PhoneNumber");
  const std::string day = param("SendDate");
  if (phone.empty() || day.size() != 8) {
    return AliyunError(400, "isv.INVALID_PARAMETERS", "PhoneNumber and SendDate (yyyyMMdd) are required");
  }
  const int page_size = std::clamp(std::atoi(param("PageSize").c_str()), 1, 50);
  const int page = std::max(1, std::atoi(param("CurrentPage").c_str()));
  const std::string biz_id = param("BizId");
  CountStatusQuery();
  json details = json::array();
  int total = 0;
  for (const auto& [at, entry] : SendsOf(LedgerEntries(), "aliyun")) {
    if (Digits(Text(entry, "phone")) != Digits(phone) || Yyyymmdd(at) != day ||
        (!biz_id.empty() && Text(entry, "provider_message_id") != biz_id)) {
      continue;
    }
    if (++total <= (page - 1) * page_size || total > page * page_size) {
      continue;
    }
    details.push_back({{"PhoneNum", Text(entry, "phone")},
                       {"SendStatus", 3},
                       {"ErrCode", "DELIVERED"},
                       {"TemplateCode", Text(entry, "template_code")},
                       {"Content", Text(entry, "rendered_text")},
                       {"SendDate", ChinaDateTime(at)},
                       {"ReceiveDate", ChinaDateTime(at)},
                       {"OutId", Text(entry, "correlation_id")}});
  }
  return Answer(200, {{"Code", "OK"},
                      {"Message", "OK"},
                      {"RequestId", RequestId()},
                      {"TotalCount", total},
                      {"SmsSendDetailDTOs", {{"SmsSendDetailDTO", details}}}});
}

GatewayResponse Gateway::HandleTencentPull(const GatewayRequest& request) {
  providers::Tc3IncomingRequest incoming;
  incoming.http_method = request.method;
  incoming.headers = &request.headers;
  incoming.payload = request.body;
  if (providers::VerifyTc3Request(incoming, "sms", credentials_.tencent.secret_id, credentials_.tencent.secret_key) !=
      providers::Tc3Verdict::kOk) {
    return TencentError("AuthFailure.SignatureFailure", "The provided credentials could not be validated.");
  }
  const json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("BeginTime") || !body["BeginTime"].is_number_integer() ||
      !body.contains("PhoneNumber") || !body["PhoneNumber"].is_string()) {
    return TencentError("MissingParameter", "BeginTime (integer) and PhoneNumber are required.");
  }
  if (body.value("SmsSdkAppId", "") != credentials_.tencent.sdk_app_id) {
    return TencentError("InvalidParameterValue.SdkAppIdNotExist", "SdkAppId does not exist.");
  }
  const auto begin = Instant{std::chrono::seconds(body["BeginTime"].get<std::int64_t>())};
  const auto end = body.contains("EndTime") && body["EndTime"].is_number_integer()
                       ? Instant{std::chrono::seconds(body["EndTime"].get<std::int64_t>() + 1)}
                       : Instant::max();
  const std::int64_t offset = std::max<std::int64_t>(0, body.value("Offset", std::int64_t{0}));
  const std::int64_t limit = std::clamp<std::int64_t>(body.value("Limit", std::int64_t{100}), 1, 100);
  const std::string phone = Digits(body["PhoneNumber"].get<std::string>());
  CountStatusQuery();
  json set = json::array();
  std::int64_t index = 0;
  for (const auto& [at, entry] : SendsOf(LedgerEntries(), "tencent")) {
    if (Digits(Text(entry, "phone")) != phone || at < begin || at >= end) {
      continue;
    }
    if (index++ < offset || static_cast<std::int64_t>(set.size()) >= limit) {
      continue;
    }
    set.push_back({{"UserReceiveTime", std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count()},
                   {"CountryCode", "86"},
                   {"SubscriberNumber", phone.size() > 11 ? phone.substr(phone.size() - 11) : phone},
                   {"PhoneNumber", Text(entry, "phone")},
                   {"SerialNo", Text(entry, "provider_message_id")},
                   {"ReportStatus", "SUCCESS"},
                   {"Description", "用户接收成功"},
                   {"SessionContext", Text(entry, "correlation_id")}});
  }
  return Answer(200, {{"Response", {{"PullSmsSendStatusSet", set}, {"RequestId", RequestId()}}}});
}

}  // namespace careloop::tools::fake_gateway
