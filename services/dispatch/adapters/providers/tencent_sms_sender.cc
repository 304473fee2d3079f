#include "services/dispatch/adapters/providers/tencent_sms_sender.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <tuple>
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

app::SendOutcome UnorderedParams() {
  app::SendOutcome outcome;
  outcome.fault = domain::VendorFault::kPermanent;
  outcome.error_code = "template_param_order";
  outcome.error_message = "Tencent templates are positional: param_order must name every template parameter";
  return outcome;
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
    return UnorderedParams();
  }
  return Call({PhoneForTencent(sms.phone)}, sms.sign_name, sms.template_code, *values, sms.message_id).front();
}

std::vector<app::SendOutcome> TencentSmsSender::SendBatch(const app::SmsBatch& batch) {
  std::vector<app::SendOutcome> outcomes(batch.messages.size());
  // Messages that may share a call: the same signature, template and values, in batch order.
  std::map<std::tuple<std::string, std::string, std::vector<std::string>>, std::vector<size_t>> calls;
  for (size_t i = 0; i < batch.messages.size(); ++i) {
    const auto& sms = batch.messages[i];
    const auto values = OrderedParams(sms);
    if (!values) {
      outcomes[i] = UnorderedParams();
      continue;
    }
    calls[{sms.sign_name, sms.template_code, *values}].push_back(i);
  }
  for (const auto& [text, members] : calls) {
    for (size_t from = 0; from < members.size(); from += MaxBatch()) {
      const size_t to = std::min(members.size(), from + MaxBatch());
      std::vector<std::string> phones;
      for (size_t k = from; k < to; ++k) {
        phones.push_back(PhoneForTencent(batch.messages[members[k]].phone));
      }
      auto answered = Call(phones, std::get<0>(text), std::get<1>(text), std::get<2>(text), batch.batch_id);
      const bool all_refused = std::all_of(answered.begin(), answered.end(), [](const app::SendOutcome& outcome) {
        return outcome.fault == domain::VendorFault::kPermanent;
      });
      if (phones.size() > 1 && all_refused) {
        // The whole call refused (one bad number can do that): each number on its own finds it.
        for (size_t k = from; k < to; ++k) {
          answered[k - from] = Send(batch.messages[members[k]]);
        }
      }
      for (size_t k = from; k < to; ++k) {
        outcomes[members[k]] = std::move(answered[k - from]);
      }
    }
  }
  return outcomes;
}

std::vector<app::SendOutcome> TencentSmsSender::Call(const std::vector<std::string>& phones, const std::string& sign,
                                                     const std::string& template_id,
                                                     const std::vector<std::string>& values,
                                                     const std::string& session) const {
  const auto all = [&](app::SendOutcome outcome) { return std::vector<app::SendOutcome>(phones.size(), outcome); };
  const nlohmann::json request_body = {
      {"PhoneNumberSet", phones},  {"SmsSdkAppId", settings_.sdk_app_id}, {"SignName", sign},
      {"TemplateId", template_id}, {"TemplateParamSet", values},          {"SessionContext", session},
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
    return all(detail::TransportFailure(result));
  }
  const auto body = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("Response") || !body["Response"].is_object()) {
    if (result->status >= 200 && result->status < 300) {
      return all(detail::MalformedResponse("Tencent response without Response"));
    }
    return all(detail::HttpStatusFailure(result->status));
  }
  const auto& response = body["Response"];
  if (response.contains("Error") && response["Error"].is_object()) {
    const std::string code = response["Error"].value("Code", "Unknown");
    return all(Rejected(ClassifyTencent(code), code, response["Error"].value("Message", "")));
  }
  if (!response.contains("SendStatusSet") || !response["SendStatusSet"].is_array() ||
      response["SendStatusSet"].empty()) {
    return all(detail::MalformedResponse("Tencent response without SendStatusSet"));
  }
  // Each status names its number; a number the answer leaves out is not known to be sent.
  std::vector<app::SendOutcome> outcomes = all(detail::MalformedResponse("Tencent answer without this number"));
  const auto& statuses = response["SendStatusSet"];
  for (size_t s = 0; s < statuses.size(); ++s) {
    if (!statuses[s].is_object()) {
      continue;
    }
    const auto& status = statuses[s];
    const std::string phone = status.value("PhoneNumber", "");
    // One number: its status whatever number it names; several: matched by number.
    size_t at = phones.size() == 1 ? 0 : phones.size();
    for (size_t p = 0; phones.size() > 1 && p < phones.size(); ++p) {
      if (phones[p] == phone) {
        at = p;
        break;
      }
    }
    if (at >= phones.size()) {
      continue;
    }
    const std::string code = status.value("Code", "");
    if (code == "Ok") {
      app::SendOutcome outcome;
      outcome.accepted = true;
      outcome.provider_message_id = status.value("SerialNo", "");
      outcomes[at] = std::move(outcome);
    } else {
      outcomes[at] = Rejected(ClassifyTencent(code), code, status.value("Message", ""));
    }
  }
  return outcomes;
}

}  // namespace careloop::dispatch::adapters
