#include "services/dispatch/adapters/providers/wechat_template_sender.h"

#include <httplib.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "common/providers/crypto.h"
#include "services/dispatch/adapters/providers/provider_http.h"
#include "services/dispatch/adapters/providers/vendor_codes.h"

namespace careloop::dispatch::adapters {
namespace {

constexpr int kInvalidCredential = 40001;
constexpr int kInvalidAccessToken = 40014;
constexpr int kAccessTokenExpired = 42001;

bool IsTokenRejection(int errcode) {
  return errcode == kInvalidCredential || errcode == kInvalidAccessToken || errcode == kAccessTokenExpired;
}

app::SendOutcome ErrcodeOutcome(int errcode, std::string errmsg) {
  return Rejected(ClassifyWeChat(errcode), "wechat_" + std::to_string(errcode), std::move(errmsg));
}

/// WeChat answers errors as {errcode, errmsg}; success bodies may omit errcode (token) or set 0.
int Errcode(const nlohmann::json& body) {
  const auto found = body.find("errcode");
  return found != body.end() && found->is_number_integer() ? found->get<int>() : 0;
}

std::string MessageId(const nlohmann::json& body) {
  const auto found = body.find("msgid");
  if (found == body.end()) {
    return {};
  }
  if (found->is_string()) {
    return found->get<std::string>();
  }
  return found->dump();  // WeChat sends a 64-bit integer
}

}  // namespace

WeChatTemplateSender::WeChatTemplateSender(WeChatSettings settings)
    : WeChatTemplateSender(std::move(settings), [] { return std::chrono::steady_clock::now(); }) {}

WeChatTemplateSender::WeChatTemplateSender(WeChatSettings settings, SteadyNow now)
    : settings_(std::move(settings)), now_(std::move(now)) {
  settings_.endpoint = detail::NormaliseEndpoint(settings_.endpoint);
}

WeChatTemplateSender::TokenOrFailure WeChatTemplateSender::FetchToken() {
  auto client = detail::MakeClient(
      {settings_.endpoint, settings_.connect_timeout, settings_.read_timeout, settings_.ca_cert_path});
  const std::string path =
      "/cgi-bin/token?grant_type=client_credential&appid=" + providers::PercentEncode(settings_.appid) +
      "&secret=" + providers::PercentEncode(settings_.secret);
  const httplib::Result result = client->Get(path);
  if (!result) {
    return {{}, detail::TransportFailure(result)};
  }
  const auto body = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) {
    if (result->status >= 200 && result->status < 300) {
      return {{}, detail::MalformedResponse("WeChat token response is not JSON")};
    }
    return {{}, detail::HttpStatusFailure(result->status)};
  }
  if (const int errcode = Errcode(body); errcode != 0) {
    return {{}, ErrcodeOutcome(errcode, body.value("errmsg", ""))};
  }
  const auto token = body.find("access_token");
  const auto expires_in = body.find("expires_in");
  if (token == body.end() || !token->is_string() || token->get<std::string>().empty() || expires_in == body.end() ||
      !expires_in->is_number_integer()) {
    return {{}, detail::MalformedResponse("WeChat token response without access_token")};
  }
  const std::chrono::seconds lifetime{expires_in->get<std::int64_t>()};
  const auto margin = std::min<std::chrono::seconds>(settings_.refresh_margin, lifetime / 2);
  token_ = CachedToken{token->get<std::string>(), now_() + lifetime - margin};
  return {token_->value, std::nullopt};
}

WeChatTemplateSender::TokenOrFailure WeChatTemplateSender::Token(const std::string& rejected) {
  const std::lock_guard lock(token_mutex_);
  if (token_ && now_() < token_->refresh_at && token_->value != rejected) {
    return {token_->value, std::nullopt};
  }
  // Another thread may already have replaced the rejected token; the check above covers that.
  token_.reset();
  return FetchToken();
}

app::SendOutcome WeChatTemplateSender::Send(const app::OutboundWeChat& message) {
  nlohmann::json data = nlohmann::json::object();
  for (const auto& [key, value] : message.data) {
    data[key] = {{"value", value}};
  }
  nlohmann::json request_body = {
      {"touser", message.openid},
      {"template_id", message.template_id},
      {"data", std::move(data)},
      {"client_msg_id", message.message_id},
  };
  if (!message.url.empty()) {
    request_body["url"] = message.url;
  }
  const std::string payload = request_body.dump();

  std::string rejected;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const TokenOrFailure token = Token(rejected);
    if (token.failure) {
      return *token.failure;
    }
    auto client = detail::MakeClient(
        {settings_.endpoint, settings_.connect_timeout, settings_.read_timeout, settings_.ca_cert_path});
    const httplib::Result result =
        client->Post("/cgi-bin/message/template/send?access_token=" + providers::PercentEncode(token.token), payload,
                     "application/json");
    if (!result) {
      return detail::TransportFailure(result);
    }
    const auto body = nlohmann::json::parse(result->body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) {
      if (result->status >= 200 && result->status < 300) {
        return detail::MalformedResponse("WeChat send response is not JSON");
      }
      return detail::HttpStatusFailure(result->status);
    }
    const int errcode = Errcode(body);
    if (errcode == 0) {
      app::SendOutcome outcome;
      outcome.accepted = true;
      outcome.provider_message_id = MessageId(body);
      return outcome;
    }
    if (IsTokenRejection(errcode)) {
      rejected = token.token;
      if (attempt == 0) {
        continue;
      }
      // Still rejected with a fresh token: most likely another process refreshed it meanwhile.
      return ErrcodeOutcome(errcode, body.value("errmsg", ""));  // transient (vendor_codes.cc)
    }
    return ErrcodeOutcome(errcode, body.value("errmsg", ""));
  }
  return detail::MalformedResponse("unreachable");  // the loop always returns
}

}  // namespace careloop::dispatch::adapters
