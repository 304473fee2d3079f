#include "services/dispatch/adapters/providers/aliyun_sms_sender.h"

#include <httplib.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "common/providers/aliyun_signature.h"
#include "common/providers/crypto.h"
#include "services/dispatch/adapters/providers/provider_http.h"
#include "services/dispatch/adapters/providers/vendor_codes.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr std::string_view kApiVersion = "2017-05-25";

std::string PhoneForAliyun(std::string_view phone) {
  // Aliyun takes mainland numbers bare and international ones with the country code, no '+'.
  if (phone.starts_with('+')) {
    phone.remove_prefix(1);
  }
  return std::string(phone);
}

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

AliyunSmsSender::AliyunSmsSender(AliyunSmsSettings settings) : settings_(std::move(settings)) {
  settings_.endpoint = detail::NormaliseEndpoint(settings_.endpoint);
}

std::string_view AliyunSmsSender::Provider() const {
  return "aliyun";
}

app::SendOutcome AliyunSmsSender::Send(const app::OutboundSms& sms) {
  std::map<std::string, std::string> params = {
      {"Action", "SendSms"},       {"OutId", sms.message_id},           {"PhoneNumbers", PhoneForAliyun(sms.phone)},
      {"SignName", sms.sign_name}, {"TemplateCode", sms.template_code},
  };
  if (!sms.params.empty()) {
    params.emplace("TemplateParam", nlohmann::json(sms.params).dump());
  }
  return Call(std::move(params));
}

std::vector<app::SendOutcome> AliyunSmsSender::SendBatch(const app::SmsBatch& batch) {
  if (batch.messages.empty()) {
    return {};
  }
  nlohmann::json phones = nlohmann::json::array();
  nlohmann::json signs = nlohmann::json::array();
  nlohmann::json values = nlohmann::json::array();
  for (const auto& sms : batch.messages) {
    phones.push_back(PhoneForAliyun(sms.phone));
    signs.push_back(sms.sign_name);
    values.push_back(nlohmann::json(sms.params));
  }
  std::map<std::string, std::string> params = {
      {"Action", "SendBatchSms"},
      {"OutId", batch.batch_id},
      {"PhoneNumberJson", phones.dump()},
      {"SignNameJson", signs.dump()},
      {"TemplateCode", batch.messages.front().template_code},
      {"TemplateParamJson", values.dump()},
  };
  const app::SendOutcome answer = Call(std::move(params));
  if (answer.fault == domain::VendorFault::kPermanent && batch.messages.size() > 1) {
    // One refused number (or signature) refuses the whole call: each number on its own finds it.
    std::vector<app::SendOutcome> singly;
    for (const auto& sms : batch.messages) {
      singly.push_back(Send(sms));
    }
    return singly;
  }
  return std::vector<app::SendOutcome>(batch.messages.size(), answer);
}

app::SendOutcome AliyunSmsSender::Call(std::map<std::string, std::string> params) const {
  params.insert({
      {"AccessKeyId", settings_.access_key_id},
      {"Format", "JSON"},
      {"RegionId", settings_.region_id},
      {"SignatureMethod", "HMAC-SHA1"},
      {"SignatureNonce", providers::RandomHex(16)},
      {"SignatureVersion", "1.0"},
      {"Timestamp", providers::FormatUtcIso8601(UnixNow())},
      {"Version", std::string(kApiVersion)},
  });
  const std::string method = settings_.use_post ? "POST" : "GET";
  const std::string query =
      providers::AliyunCanonicalQuery(params) + "&Signature=" +
      providers::AliyunPercentEncode(providers::AliyunSign(method, params, settings_.access_key_secret));

  auto client = detail::MakeClient(
      {settings_.endpoint, settings_.connect_timeout, settings_.read_timeout, settings_.ca_cert_path});
  const httplib::Result result =
      settings_.use_post ? client->Post("/", query, "application/x-www-form-urlencoded") : client->Get("/?" + query);
  if (!result) {
    return detail::TransportFailure(result);
  }

  const auto body = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("Code") || !body["Code"].is_string()) {
    if (result->status >= 200 && result->status < 300) {
      return detail::MalformedResponse("Aliyun response without Code");
    }
    return detail::HttpStatusFailure(result->status);
  }
  const std::string code = body["Code"].get<std::string>();
  if (code == "OK") {
    app::SendOutcome outcome;
    outcome.accepted = true;
    outcome.provider_message_id = body.value("BizId", "");
    return outcome;
  }
  const std::string message = body.value("Message", "");
  VendorVerdict verdict = ClassifyAliyun(code, message);
  if (result->status >= 500 && verdict.fault == domain::VendorFault::kPermanent) {
    verdict.fault = domain::VendorFault::kTransient;  // the vendor's own trouble, whatever it says
  }
  return Rejected(verdict, code, message);
}

}  // namespace careloop::dispatch::adapters
