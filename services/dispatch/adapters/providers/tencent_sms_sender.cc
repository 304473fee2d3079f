#include "services/dispatch/adapters/providers/tencent_sms_sender.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "common/providers/tencent_signature.h"
#include "services/dispatch/adapters/providers/provider_http.h"
#include "services/dispatch/adapters/providers/vendor_codes.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr std::string_view kService = "sms";
constexpr std::string_view kAction = "SendSms";
constexpr std::string_view kVersion = "2021-01-11";

std::string PhoneForTencent(std::string_view phone) {
  if (phone.starts_with('+')) {
    return std::string(phone);
  }
  // An 11-digit number starting with 1 is a bare mainland mobile; anything else is E.164
  // without the '+'.
  if (phone.size() == 11 && phone.front() == '1') {
    return "+86" + std::string(phone);
  }
  return "+" + std::string(phone);
}

bool IsAllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Template values in Tencent's positional order, or nullopt when the order cannot be known.
std::optional<std::vector<std::string>> OrderedParams(const app::OutboundSms& sms) {
  std::vector<std::string> values;
  if (!sms.param_order.empty()) {
    for (const auto& name : sms.param_order) {
      const auto found = sms.params.find(name);
      if (found == sms.params.end()) {
        return std::nullopt;
      }
      values.push_back(found->second);
    }
    return values;
  }
  std::vector<std::pair<std::uint64_t, std::string>> numbered;
  for (const auto& [name, value] : sms.params) {
    if (!IsAllDigits(name) || name.size() > 9) {
      return std::nullopt;
    }
    numbered.emplace_back(std::stoull(name), value);
  }
  std::sort(numbered.begin(), numbered.end());
  for (auto& [index, value] : numbered) {
    values.push_back(std::move(value));
  }
  return values;
}

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

TencentSmsSender::TencentSmsSender(TencentSmsSettings settings) : settings_(std::move(settings)) {
  settings_.endpoint = detail::NormaliseEndpoint(settings_.endpoint);
  host_ = detail::EndpointAuthority(settings_.endpoint);
}

std::string_view TencentSmsSender::Provider() const {
  return "tencent";
}

app::SendOutcome TencentSmsSender::Send(const app::OutboundSms& sms) {
  const auto values = OrderedParams(sms);
  if (!values) {
    app::SendOutcome outcome;
    outcome.fault = domain::VendorFault::kPermanent;
    outcome.error_code = "template_param_order";
    outcome.error_message = "Tencent templates are positional: param_order must name every template parameter";
    return outcome;
  }
  const nlohmann::json request_body = {
      {"PhoneNumberSet", nlohmann::json::array({PhoneForTencent(sms.phone)})},
      {"SmsSdkAppId", settings_.sdk_app_id},
      {"SignName", sms.sign_name},
      {"TemplateId", sms.template_code},
      {"TemplateParamSet", *values},
      {"SessionContext", sms.message_id},
  };
  const std::string payload = request_body.dump();

  providers::TencentRequest signing;
  signing.secret_id = settings_.secret_id;
  signing.secret_key = settings_.secret_key;
  signing.service = kService;
  signing.host = host_;
  signing.action = kAction;
  signing.version = kVersion;
  signing.region = settings_.region;
  signing.timestamp = UnixNow();
  signing.payload = payload;
  httplib::Headers headers;
  std::string content_type;
  for (auto& [name, value] : providers::TencentSignedHeaders(signing)) {
    // httplib sets Content-Type from its own argument; adding it twice would send two headers.
    if (name == "Content-Type") {
      content_type = std::move(value);
    } else {
      headers.emplace(std::move(name), std::move(value));
    }
  }

  auto client = detail::MakeClient(
      {settings_.endpoint, settings_.connect_timeout, settings_.read_timeout, settings_.ca_cert_path});
  const httplib::Result result = client->Post("/", headers, payload, content_type);
  if (!result) {
    return detail::TransportFailure(result);
  }
  const auto body = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("Response") || !body["Response"].is_object()) {
    if (result->status >= 200 && result->status < 300) {
      return detail::MalformedResponse("Tencent response without Response");
    }
    return detail::HttpStatusFailure(result->status);
  }
  const auto& response = body["Response"];
  if (response.contains("Error") && response["Error"].is_object()) {
    const std::string code = response["Error"].value("Code", "Unknown");
    return Rejected(ClassifyTencent(code), code, response["Error"].value("Message", ""));
  }
  if (!response.contains("SendStatusSet") || !response["SendStatusSet"].is_array() ||
      response["SendStatusSet"].empty() || !response["SendStatusSet"][0].is_object()) {
    return detail::MalformedResponse("Tencent response without SendStatusSet");
  }
  const auto& status = response["SendStatusSet"][0];
  const std::string code = status.value("Code", "");
  if (code == "Ok") {
    app::SendOutcome outcome;
    outcome.accepted = true;
    outcome.provider_message_id = status.value("SerialNo", "");
    return outcome;
  }
  return Rejected(ClassifyTencent(code), code, status.value("Message", ""));
}

}  // namespace careloop::dispatch::adapters
