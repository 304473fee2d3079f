#include "services/dispatch/adapters/providers/aliyun_status_query.h"

#include <httplib.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "common/providers/aliyun_signature.h"
#include "common/providers/crypto.h"
#include "services/dispatch/adapters/providers/provider_http.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr int kPageSize = 50;  // the API's maximum
constexpr int kMaxPages = 20;  // 1,000 sends to one number in a day: far beyond any care traffic

Error Unavailable(std::string message) {
  return Error{ErrorCode::kUnavailable, "aliyun", std::move(message)};
}

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// "2026-12-02 10:00:05" (China time) → instant; unset when unreadable.
Instant ChinaTime(const std::string& text) {
  static const TimeZone kChina("Asia/Shanghai");
  const auto date = text.size() >= 19 ? Date::Parse(text.substr(0, 10)) : std::nullopt;
  const auto time = text.size() >= 19 ? TimeOfDay::Parse(text.substr(11, 5)) : std::nullopt;
  if (!date || !time) {
    return {};
  }
  return kChina.At(*date, *time) + std::chrono::seconds(std::stoi(text.substr(17, 2)));
}

std::string PhoneForAliyun(std::string_view phone) {
  if (phone.starts_with('+')) {
    phone.remove_prefix(1);
  }
  return std::string(phone);
}

}  // namespace

AliyunStatusQuery::AliyunStatusQuery(AliyunSmsSettings settings) : settings_(std::move(settings)) {
  settings_.endpoint = detail::NormaliseEndpoint(settings_.endpoint);
}

std::string_view AliyunStatusQuery::Provider() const {
  return "aliyun";
}

Result<domain::VendorFinding> AliyunStatusQuery::Find(const app::StatusQuery& query) {
  domain::VendorFinding finding;
  finding.vendor = "aliyun";
  for (const auto& day : domain::VendorSendDays(query.sent_from, query.sent_to)) {
    for (int page = 1; page <= kMaxPages; ++page) {
      const std::map<std::string, std::string> params = {
          {"AccessKeyId", settings_.access_key_id},
          {"Action", "QuerySendDetails"},
          {"CurrentPage", std::to_string(page)},
          {"Format", "JSON"},
          {"PageSize", std::to_string(kPageSize)},
          {"PhoneNumber", PhoneForAliyun(query.phone)},
          {"RegionId", settings_.region_id},
          {"SendDate", day},
          {"SignatureMethod", "HMAC-SHA1"},
          {"SignatureNonce", providers::RandomHex(16)},
          {"SignatureVersion", "1.0"},
          {"Timestamp", providers::FormatUtcIso8601(UnixNow())},
          {"Version", "2017-05-25"},
      };
      const std::string body_text =
          providers::AliyunCanonicalQuery(params) + "&Signature=" +
          providers::AliyunPercentEncode(providers::AliyunSign("POST", params, settings_.access_key_secret));
      auto client = detail::MakeClient(
          {settings_.endpoint, settings_.connect_timeout, settings_.read_timeout, settings_.ca_cert_path});
      const httplib::Result result = client->Post("/", body_text, "application/x-www-form-urlencoded");
      if (!result) {
        return Unavailable("QuerySendDetails: " + httplib::to_string(result.error()));
      }
      const auto body = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
      if (!body.is_object() || body.value("Code", "") != "OK") {
        return Unavailable(
            "QuerySendDetails answered HTTP " + std::to_string(result->status) + " " +
            (body.is_object() ? body.value("Code", "") + " " + body.value("Message", "") : "unreadable"));
      }
      const auto dtos = body.find("SmsSendDetailDTOs");
      const nlohmann::json empty = nlohmann::json::array();
      const nlohmann::json& details = dtos != body.end() && dtos->is_object() && dtos->contains("SmsSendDetailDTO") &&
                                              (*dtos)["SmsSendDetailDTO"].is_array()
                                          ? (*dtos)["SmsSendDetailDTO"]
                                          : empty;
      for (const auto& detail : details) {
        const std::string out_id = detail.is_object() ? detail.value("OutId", "") : std::string();
        if (out_id.empty() || (out_id != query.message_id && out_id != query.also_filed_as)) {
          continue;
        }
        const int status = detail.value("SendStatus", 0);
        finding.state = status == 3   ? domain::VendorSendState::kDelivered
                        : status == 2 ? domain::VendorSendState::kFailed
                                      : domain::VendorSendState::kAccepted;
        finding.code = detail.value("ErrCode", "");
        finding.reason = status == 2 ? "the carrier reported it undelivered" : "";
        finding.reported_at = ChinaTime(detail.value("ReceiveDate", ""));
        return finding;
      }
      // TotalCount is a number in the API reference and a string in some answers.
      const auto total = body.find("TotalCount");
      const long long count = total == body.end()  ? 0
                              : total->is_string() ? std::atoll(total->get<std::string>().c_str())
                              : total->is_number() ? total->get<long long>()
                                                   : 0;
      if (static_cast<long long>(page) * kPageSize >= count || details.empty()) {
        break;
      }
    }
  }
  return finding;  // no send with our id on those days: the vendor never got it
}

}  // namespace careloop::dispatch::adapters
