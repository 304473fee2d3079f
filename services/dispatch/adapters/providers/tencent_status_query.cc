#include "services/dispatch/adapters/providers/tencent_status_query.h"

#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <utility>

#include "common/providers/tencent_signature.h"
#include "services/dispatch/adapters/providers/provider_http.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr int kPageSize = 100;  // the API's maximum
constexpr int kMaxPages = 10;

Error Unavailable(std::string message) {
  return Error{ErrorCode::kUnavailable, "tencent", std::move(message)};
}

std::int64_t Seconds(Instant instant) {
  return std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
}

std::string PhoneForTencent(std::string_view phone) {
  if (phone.starts_with('+')) {
    return std::string(phone);
  }
  if (phone.size() == 11 && phone.front() == '1') {
    return "+86" + std::string(phone);
  }
  return "+" + std::string(phone);
}

}  // namespace

TencentStatusQuery::TencentStatusQuery(TencentSmsSettings settings) : settings_(std::move(settings)) {
  settings_.endpoint = detail::NormaliseEndpoint(settings_.endpoint);
  host_ = detail::EndpointAuthority(settings_.endpoint);
}

std::string_view TencentStatusQuery::Provider() const {
  return "tencent";
}

Result<domain::VendorFinding> TencentStatusQuery::Find(const app::StatusQuery& query) {
  domain::VendorFinding finding;
  finding.vendor = "tencent";
  for (int page = 0; page < kMaxPages; ++page) {
    const nlohmann::json request_body = {
        {"BeginTime", Seconds(query.sent_from)},
        {"EndTime", Seconds(query.sent_to)},
        {"Offset", page * kPageSize},
        {"Limit", kPageSize},
        {"PhoneNumber", PhoneForTencent(query.phone)},
        {"SmsSdkAppId", settings_.sdk_app_id},
    };
    const std::string payload = request_body.dump();
    providers::TencentRequest signing;
    signing.secret_id = settings_.secret_id;
    signing.secret_key = settings_.secret_key;
    signing.service = "sms";
    signing.host = host_;
    signing.action = "PullSmsSendStatusByPhoneNumber";
    signing.version = "2021-01-11";
    signing.region = settings_.region;
    signing.timestamp =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    signing.payload = payload;
    httplib::Headers headers;
    std::string content_type;
    for (auto& [name, value] : providers::TencentSignedHeaders(signing)) {
      if (name == "Content-Type") {  // httplib sets it from its own argument
        content_type = std::move(value);
      } else {
        headers.emplace(std::move(name), std::move(value));
      }
    }
    auto client = detail::MakeClient(
        {settings_.endpoint, settings_.connect_timeout, settings_.read_timeout, settings_.ca_cert_path});
    const httplib::Result result = client->Post("/", headers, payload, content_type);
    if (!result) {
      return Unavailable("PullSmsSendStatusByPhoneNumber: " + httplib::to_string(result.error()));
    }
    const auto body = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object() || !body.contains("Response") || !body["Response"].is_object()) {
      return Unavailable("PullSmsSendStatusByPhoneNumber answered HTTP " + std::to_string(result->status));
    }
    const auto& response = body["Response"];
    if (response.contains("Error") && response["Error"].is_object()) {
      return Unavailable("PullSmsSendStatusByPhoneNumber: " + response["Error"].value("Code", "") + " " +
                         response["Error"].value("Message", ""));
    }
    if (!response.contains("PullSmsSendStatusSet") || !response["PullSmsSendStatusSet"].is_array()) {
      return Unavailable("PullSmsSendStatusByPhoneNumber answered without PullSmsSendStatusSet");
    }
    const auto& set = response["PullSmsSendStatusSet"];
    for (const auto& status : set) {
      const std::string context = status.is_object() ? status.value("SessionContext", "") : std::string();
      if (context.empty() || (context != query.message_id && context != query.also_filed_as)) {
        continue;
      }
      const bool delivered = status.value("ReportStatus", "") == "SUCCESS";
      finding.state = delivered ? domain::VendorSendState::kDelivered : domain::VendorSendState::kFailed;
      finding.provider_message_id = status.value("SerialNo", "");
      finding.code = status.value("ReportStatus", "");
      finding.reason = status.value("Description", "");
      if (status.contains("UserReceiveTime") && status["UserReceiveTime"].is_number_integer()) {
        finding.reported_at = Instant{std::chrono::seconds(status["UserReceiveTime"].get<std::int64_t>())};
      }
      return finding;
    }
    if (static_cast<int>(set.size()) < kPageSize) {
      break;
    }
  }
  return finding;  // no report with our id: the vendor never got it
}

}  // namespace careloop::dispatch::adapters
