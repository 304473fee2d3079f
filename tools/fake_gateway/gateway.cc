#include "tools/fake_gateway/gateway.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/base/time.h"
#include "common/providers/aliyun_signature.h"
#include "common/providers/crypto.h"
#include "common/providers/tencent_signature.h"

namespace careloop::tools::fake_gateway {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxRememberedNonces = 100000;
constexpr std::chrono::seconds kTokenLifetime{7200};
constexpr std::size_t kAliyunMaxBatch = 100;   // SendBatchSms: numbers per call
constexpr std::size_t kTencentMaxBatch = 200;  // SendSms: PhoneNumberSet per call

std::string UpperCase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

/// A UUID-shaped request id, as both vendors return.
std::string NewRequestId() {
  const std::string hex = UpperCase(providers::RandomHex(16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

/// `digits` random decimal digits, first one non-zero.
std::string RandomDigits(std::size_t digits) {
  const std::string hex = providers::RandomHex(digits);
  std::string out;
  for (std::size_t i = 0; i < digits; ++i) {
    const int value = std::stoi(hex.substr(2 * i, 2), nullptr, 16);
    out.push_back(static_cast<char>('0' + (i == 0 ? 1 + value % 9 : value % 10)));
  }
  return out;
}

GatewayResponse Json(int status, const json& body) {
  return {status, body.dump(), "application/json; charset=utf-8"};
}

json Nullable(const std::string& text) {
  return text.empty() ? json(nullptr) : json(text);
}

bool IsPhoneNumber(std::string_view phone) {
  if (phone.starts_with('+')) {
    phone.remove_prefix(1);
  }
  return phone.size() >= 5 && phone.size() <= 20 &&
         std::all_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (true) {
    const auto comma = text.find(',', at);
    parts.push_back(text.substr(at, comma - at));
    if (comma == std::string::npos) {
      return parts;
    }
    at = comma + 1;
  }
}

json LedgerEntry(std::string_view provider, const std::string& phone, const std::string& openid,
                 const std::string& sign_name, const std::string& template_code, json params,
                 const std::string& correlation_id, const std::string& provider_message_id,
                 const std::optional<std::string>& rendered_text) {
  return {
      {"provider", provider},
      {"received_at",
       FormatRfc3339(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()))},
      {"phone", Nullable(phone)},
      {"openid", Nullable(openid)},
      {"sign_name", Nullable(sign_name)},
      {"template_code", template_code},
      {"params", std::move(params)},
      {"correlation_id", Nullable(correlation_id)},
      {"provider_message_id", provider_message_id},
      {"rendered_text", rendered_text ? json(*rendered_text) : json(nullptr)},
  };
}

// A number in either vendor's format, as digits without the mainland country code.
std::string PhoneKey(std::string_view phone) {
  std::string digits;
  for (const char c : phone) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    }
  }
  return digits.size() == 13 && digits.starts_with("86") ? digits.substr(2) : digits;
}

std::string FaultKey(const std::string& vendor, const std::string& phone) {
  return vendor + "|" + PhoneKey(phone);
}

std::map<std::string, std::string> TemplateIndex(std::vector<MessageTemplate> templates) {
  std::map<std::string, std::string> index;
  for (auto& entry : templates) {
    index[std::move(entry.code)] = std::move(entry.text);
  }
  return index;
}

// ---- vendor-shaped answers ----------------------------------------------------------------

/// A vendor outage: 503 and no vendor body (the adapters see an HTTP failure, transient).
GatewayResponse Outage() {
  GatewayResponse response;
  response.status = 503;
  response.body = "service unavailable";
  response.content_type = "text/plain";
  return response;
}

GatewayResponse AliyunError(int status, std::string_view code, std::string_view message) {
  return Json(status, {{"Code", code}, {"Message", message}, {"RequestId", NewRequestId()}});
}

GatewayResponse TencentError(std::string_view code, std::string_view message) {
  // Tencent answers API errors with HTTP 200 and the error inside Response.
  return Json(200, {{"Response", {{"Error", {{"Code", code}, {"Message", message}}}, {"RequestId", NewRequestId()}}}});
}

GatewayResponse WeChatError(int errcode, std::string_view errmsg) {
  return Json(200, {{"errcode", errcode}, {"errmsg", errmsg}});
}

std::string_view TencentVerdictCode(providers::Tc3Verdict verdict) {
  switch (verdict) {
    case providers::Tc3Verdict::kUnknownSecretId: return "AuthFailure.SecretIdNotFound";
    case providers::Tc3Verdict::kSignatureMismatch: return "AuthFailure.SignatureFailure";
    case providers::Tc3Verdict::kMissingAuthorization:
    case providers::Tc3Verdict::kMalformed:
    case providers::Tc3Verdict::kOk: break;
  }
  return "AuthFailure.InvalidAuthorization";
}

}  // namespace

std::optional<FaultMode> ParseFaultMode(std::string_view name) {
  if (name == "normal") {
    return FaultMode::kNormal;
  }
  if (name == "fail") {
    return FaultMode::kFail;
  }
  if (name == "throttle") {
    return FaultMode::kThrottle;
  }
  if (name == "slow") {
    return FaultMode::kSlow;
  }
  if (name == "error") {
    return FaultMode::kError;
  }
  if (name == "lose") {
    return FaultMode::kLoseAnswer;
  }
  return std::nullopt;
}

Gateway::Gateway(Credentials credentials, std::vector<MessageTemplate> templates, const std::string& ledger_path)
    : credentials_(std::move(credentials)),
      templates_(TemplateIndex(std::move(templates))),
      ledger_(ledger_path),
      unfollowed_(credentials_.wechat.unfollowed.begin(), credentials_.wechat.unfollowed.end()) {}

GatewayResponse Gateway::Handle(const GatewayRequest& request) {
  try {
    if (request.path == "/_health") {
      return Json(200, {{"status", "ok"}});
    }
    if (request.path == "/_ledger" && request.method == "GET") {
      return Json(200, LedgerEntries());
    }
    if (request.path == "/_stats" && request.method == "GET") {
      const GatewayStats stats = Stats();
      return Json(200, {{"token_requests", stats.token_requests},
                        {"send_requests", stats.send_requests},
                        {"receipts_pushed", stats.receipts_pushed},
                        {"status_queries", stats.status_queries},
                        {"accepted", stats.accepted}});
    }
    if (request.path == "/_control" && request.method == "POST") {
      return HandleControl(request);
    }
    if (request.path == "/cgi-bin/token" && request.method == "GET") {
      return HandleWeChatToken(request);
    }
    if (request.path == "/cgi-bin/message/template/send" && request.method == "POST") {
      return HandleWeChatSend(request);
    }
    if (request.path == "/") {
      if (request.headers.contains("x-tc-action")) {
        if (request.headers.at("x-tc-action") == "PullSmsSendStatusByPhoneNumber") {
          return HandleTencentPull(request);
        }
        return HandleTencent(request);
      }
      if (const auto action = request.params.find("Action");
          action != request.params.end() && action->second == "QuerySendDetails") {
        return HandleAliyunQuery(request);
      }
      if (request.method == "GET" || request.method == "POST") {
        return HandleAliyun(request);
      }
    }
    return Json(404, {{"error", "no such route"}, {"path", request.path}});
  } catch (const std::exception& error) {
    // A fake must survive whatever a client sends; report instead of dying.
    return Json(500, {{"error", error.what()}});
  }
}

// ---- Aliyun -------------------------------------------------------------------------------

GatewayResponse Gateway::HandleAliyun(const GatewayRequest& request) {
  const auto& params = request.params;
  const auto param = [&params](const std::string& name) -> std::string {
    const auto found = params.find(name);
    return found == params.end() ? std::string() : found->second;
  };
  for (const char* required : {"Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
                               "SignatureNonce", "Timestamp"}) {
    if (param(required).empty()) {
      return AliyunError(400, std::string("Missing") + required,
                         std::string("The input parameter \"") + required +
                             "\" that is mandatory for processing this request is not supplied.");
    }
  }
  if (param("Action") != "SendSms" && param("Action") != "SendBatchSms") {
    return AliyunError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
  }
  if (param("Version") != "2017-05-25") {
    return AliyunError(400, "InvalidVersion", "Specified parameter Version is not valid.");
  }
  if (param("SignatureMethod") != "HMAC-SHA1" || param("SignatureVersion") != "1.0") {
    return AliyunError(400, "InvalidParameter",
                       "Only SignatureMethod HMAC-SHA1 with SignatureVersion 1.0 is supported.");
  }
  if (param("AccessKeyId") != credentials_.aliyun.access_key_id || credentials_.aliyun.access_key_id.empty()) {
    return AliyunError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  }
  if (!providers::AliyunVerify(request.method, params, credentials_.aliyun.access_key_secret)) {
    return AliyunError(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
  }
  if (!ClaimNonce(param("SignatureNonce"))) {
    return AliyunError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
  if (param("Action") == "SendBatchSms") {
    return AliyunBatch(params);
  }
  for (const char* required : {"PhoneNumbers", "SignName", "TemplateCode"}) {
    if (param(required).empty()) {
      return AliyunError(400, std::string("Missing") + required,
                         std::string("The input parameter \"") + required +
                             "\" that is mandatory for processing this request is not supplied.");
    }
  }
  json template_params = json::object();
  if (const std::string raw = param("TemplateParam"); !raw.empty()) {
    template_params = json::parse(raw, nullptr, /*allow_exceptions=*/false);
    if (!template_params.is_object()) {
      return AliyunError(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值");
    }
  }
  const std::vector<std::string> phones = SplitCommas(param("PhoneNumbers"));
  if (!std::all_of(phones.begin(), phones.end(), IsPhoneNumber)) {
    return AliyunError(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
  }

  const FaultPlan fault = TakeFaultFor("aliyun", phones);
  switch (fault.mode) {
    case FaultMode::kFail: return AliyunError(200, "isv.SMS_TEMPLATE_ILLEGAL", "模板不合法(不存在或被拉黑)");
    case FaultMode::kThrottle: return AliyunError(200, "isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1");
    case FaultMode::kError: return Outage();
    case FaultMode::kNormal:
    case FaultMode::kSlow:
    case FaultMode::kLoseAnswer: break;
  }

  const std::string biz_id = RandomDigits(18) + "^0";
  const std::string template_code = param("TemplateCode");
  std::optional<std::string> rendered;
  if (const auto text = TemplateText(template_code)) {
    rendered = RenderNamed(*text, template_params);
  }
  for (const auto& phone : phones) {
    RecordAccepted(LedgerEntry("aliyun", phone, "", param("SignName"), template_code, template_params, param("OutId"),
                               biz_id, rendered));
  }
  HoldAnswer(fault);
  return Json(200, {{"Code", "OK"}, {"Message", "OK"}, {"BizId", biz_id}, {"RequestId", NewRequestId()}});
}

GatewayResponse Gateway::AliyunBatch(const std::map<std::string, std::string>& params) {
  const auto param = [&params](const std::string& name) -> std::string {
    const auto found = params.find(name);
    return found == params.end() ? std::string() : found->second;
  };
  for (const char* required : {"PhoneNumberJson", "SignNameJson", "TemplateCode"}) {
    if (param(required).empty()) {
      return AliyunError(400, std::string("Missing") + required,
                         std::string("The input parameter \"") + required +
                             "\" that is mandatory for processing this request is not supplied.");
    }
  }
  const json phones = json::parse(param("PhoneNumberJson"), nullptr, /*allow_exceptions=*/false);
  const json signs = json::parse(param("SignNameJson"), nullptr, /*allow_exceptions=*/false);
  json values = json::array();
  if (const std::string raw = param("TemplateParamJson"); !raw.empty()) {
    values = json::parse(raw, nullptr, /*allow_exceptions=*/false);
  }
  const auto strings = [](const json& list) {
    return list.is_array() && std::all_of(list.begin(), list.end(), [](const json& v) { return v.is_string(); });
  };
  if (!strings(phones) || !strings(signs) || !values.is_array() ||
      !std::all_of(values.begin(), values.end(), [](const json& v) { return v.is_object(); })) {
    return AliyunError(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值");
  }
  if (phones.empty() || phones.size() > kAliyunMaxBatch || signs.size() != phones.size() ||
      (!values.empty() && values.size() != phones.size())) {
    return AliyunError(200, "isv.INVALID_PARAMETERS", "参数异常");
  }
  if (!std::all_of(phones.begin(), phones.end(),
                   [](const json& phone) { return IsPhoneNumber(phone.get<std::string>()); })) {
    return AliyunError(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
  }
  std::vector<std::string> numbers;
  for (const json& phone : phones) {
    numbers.push_back(phone.get<std::string>());
  }
  const FaultPlan fault = TakeFaultFor("aliyun", numbers);  // one fault per call: the whole batch
  switch (fault.mode) {
    case FaultMode::kFail: return AliyunError(200, "isv.SMS_TEMPLATE_ILLEGAL", "模板不合法(不存在或被拉黑)");
    case FaultMode::kThrottle: return AliyunError(200, "isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1");
    case FaultMode::kError: return Outage();
    case FaultMode::kNormal:
    case FaultMode::kSlow:
    case FaultMode::kLoseAnswer: break;
  }
  const std::string biz_id = RandomDigits(18) + "^0";
  const std::string template_code = param("TemplateCode");
  const auto text = TemplateText(template_code);
  for (size_t i = 0; i < phones.size(); ++i) {  // every number is its own send
    const json number_params = values.empty() ? json::object() : values[i];
    std::optional<std::string> rendered;
    if (text) {
      rendered = RenderNamed(*text, number_params);
    }
    RecordAccepted(LedgerEntry("aliyun", phones[i].get<std::string>(), "", signs[i].get<std::string>(), template_code,
                               number_params, param("OutId"), biz_id, rendered));
  }
  HoldAnswer(fault);
  return Json(200, {{"Code", "OK"}, {"Message", "OK"}, {"BizId", biz_id}, {"RequestId", NewRequestId()}});
}

// ---- Tencent ------------------------------------------------------------------------------

GatewayResponse Gateway::HandleTencent(const GatewayRequest& request) {
  if (request.method != "POST") {
    return TencentError("InvalidParameter", "this gateway accepts Tencent calls by POST only");
  }
  providers::Tc3IncomingRequest incoming;
  incoming.http_method = request.method;
  incoming.headers = &request.headers;
  incoming.payload = request.body;
  const providers::Tc3Verdict verdict =
      providers::VerifyTc3Request(incoming, "sms", credentials_.tencent.secret_id, credentials_.tencent.secret_key);
  if (verdict != providers::Tc3Verdict::kOk) {
    return TencentError(TencentVerdictCode(verdict),
                        "The provided credentials could not be "
                        "validated. Please check your signature "
                        "is correct.");
  }
  if (request.headers.at("x-tc-action") != "SendSms") {
    return TencentError("InvalidAction", "The requested action does not exist.");
  }
  const auto version = request.headers.find("x-tc-version");
  if (version == request.headers.end() || version->second != "2021-01-11") {
    return TencentError("NoSuchVersion", "The requested version does not exist.");
  }
  const json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) {
    return TencentError("InvalidParameter", "The request body is not a JSON object.");
  }
  const auto text_field = [&body](const char* name) -> std::string {
    const auto found = body.find(name);
    return found != body.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  const auto phone_set = body.find("PhoneNumberSet");
  if (phone_set == body.end() || !phone_set->is_array() || phone_set->empty()) {
    return TencentError("MissingParameter",
                        "The request is missing a required parameter "
                        "`PhoneNumberSet`.");
  }
  for (const char* required : {"SmsSdkAppId", "TemplateId", "SignName"}) {
    if (text_field(required).empty()) {
      return TencentError("MissingParameter", std::string("The request is missing a required "
                                                          "parameter `") +
                                                  required + "`.");
    }
  }
  if (text_field("SmsSdkAppId") != credentials_.tencent.sdk_app_id) {
    return TencentError("InvalidParameterValue.SdkAppIdNotExist", "SdkAppId does not exist.");
  }
  std::vector<std::string> values;
  if (const auto set = body.find("TemplateParamSet"); set != body.end()) {
    if (!set->is_array() || !std::all_of(set->begin(), set->end(), [](const json& v) { return v.is_string(); })) {
      return TencentError("InvalidParameterValue.TemplateParameterFormatError",
                          "TemplateParamSet must be an array of strings.");
    }
    values = set->get<std::vector<std::string>>();
  }
  if (phone_set->size() > kTencentMaxBatch) {
    return TencentError("LimitExceeded.PhoneNumberCountLimit", "The number of phone numbers exceeds 200.");
  }
  std::vector<std::string> phones;
  for (const auto& phone : *phone_set) {
    if (!phone.is_string() || !IsPhoneNumber(phone.get<std::string>())) {
      return TencentError("InvalidParameterValue.IncorrectPhoneNumber", "The phone number format is incorrect.");
    }
    phones.push_back(phone.get<std::string>());
  }

  const FaultPlan taken = TakeFaultFor("tencent", phones);
  const FaultMode fault = taken.mode;
  if (fault == FaultMode::kError) {
    return Outage();
  }
  if (fault == FaultMode::kFail) {
    return TencentError("FailedOperation.TemplateIncorrectOrUnapproved",
                        "The template is not approved or its content is incorrect.");
  }
  const std::string template_id = text_field("TemplateId");
  const std::string session_context = text_field("SessionContext");
  std::optional<std::string> rendered;
  if (const auto text = TemplateText(template_id)) {
    rendered = RenderPositional(*text, values);
  }
  json statuses = json::array();
  for (const auto& phone : phones) {
    if (fault == FaultMode::kThrottle) {
      // Tencent reports per-number frequency limits inside SendStatusSet.
      statuses.push_back({{"SerialNo", ""},
                          {"PhoneNumber", phone},
                          {"Fee", 0},
                          {"SessionContext", session_context},
                          {"Code", "LimitExceeded.PhoneNumberThirtySecondLimit"},
                          {"Message",
                           "the number of SMS messages sent from a single mobile "
                           "number within 30 seconds exceeds the upper limit"},
                          {"IsoCode", "CN"}});
      continue;
    }
    const std::string serial = "2640:" + RandomDigits(28);
    RecordAccepted(LedgerEntry("tencent", phone, "", text_field("SignName"), template_id, values, session_context,
                               serial, rendered));
    statuses.push_back({{"SerialNo", serial},
                        {"PhoneNumber", phone},
                        {"Fee", 1},
                        {"SessionContext", session_context},
                        {"Code", "Ok"},
                        {"Message", "send success"},
                        {"IsoCode", "CN"}});
  }
  HoldAnswer(taken);
  return Json(200, {{"Response", {{"SendStatusSet", statuses}, {"RequestId", NewRequestId()}}}});
}

// ---- WeChat -------------------------------------------------------------------------------

GatewayResponse Gateway::HandleWeChatToken(const GatewayRequest& request) {
  {
    const std::lock_guard lock(mutex_);
    ++stats_.token_requests;
  }
  const auto param = [&request](const char* name) -> std::string {
    const auto found = request.params.find(name);
    return found == request.params.end() ? std::string() : found->second;
  };
  if (param("grant_type") != "client_credential") {
    return WeChatError(40002, "invalid grant_type");
  }
  if (credentials_.wechat.appid.empty() || param("appid") != credentials_.wechat.appid) {
    return WeChatError(40013, "invalid appid");
  }
  if (!providers::ConstantTimeEquals(param("secret"), credentials_.wechat.secret)) {
    return WeChatError(40125, "invalid appsecret");
  }
  const std::string token = providers::RandomHex(32);
  {
    const std::lock_guard lock(mutex_);
    tokens_[token] = std::chrono::steady_clock::now() + kTokenLifetime;
  }
  return Json(200, {{"access_token", token}, {"expires_in", kTokenLifetime.count()}});
}

GatewayResponse Gateway::HandleWeChatSend(const GatewayRequest& request) {
  const auto token_param = request.params.find("access_token");
  if (token_param == request.params.end() || token_param->second.empty()) {
    return WeChatError(41001, "access_token missing");
  }
  {
    const std::lock_guard lock(mutex_);
    const auto token = tokens_.find(token_param->second);
    if (token == tokens_.end()) {
      return WeChatError(40001, "invalid credential, access_token is invalid or not latest");
    }
    if (token->second <= std::chrono::steady_clock::now()) {
      return WeChatError(42001, "access_token expired");
    }
  }
  const json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) {
    return WeChatError(47001, "data format error");
  }
  const std::string openid = body.value("touser", "");
  const std::string template_id = body.value("template_id", "");
  if (openid.empty()) {
    return WeChatError(40003, "invalid openid");
  }
  if (template_id.empty()) {
    return WeChatError(40037, "invalid template_id");
  }
  {
    const std::lock_guard lock(mutex_);
    if (unfollowed_.contains(openid)) {
      ++stats_.send_requests;
      return WeChatError(43004, "require subscribe");
    }
  }
  json data = json::object();
  if (const auto given = body.find("data"); given != body.end()) {
    if (!given->is_object()) {
      return WeChatError(47001, "data format error");
    }
    for (const auto& [key, item] : given->items()) {
      if (!item.is_object() || !item.contains("value")) {
        return WeChatError(47001, "data format error");
      }
      data[key] = item["value"];
    }
  }

  switch (TakeFault("wechat")) {
    case FaultMode::kFail: return WeChatError(43004, "require subscribe");
    case FaultMode::kThrottle: return WeChatError(45009, "reach max api daily quota limit");
    case FaultMode::kError: return Outage();
    case FaultMode::kNormal:
    case FaultMode::kSlow:
    case FaultMode::kLoseAnswer: break;  // SMS only
  }
  const std::string msgid = RandomDigits(18);
  std::optional<std::string> rendered;
  if (const auto text = TemplateText(template_id)) {
    rendered = RenderWeChat(*text, data);
  }
  RecordAccepted(
      LedgerEntry("wechat", "", openid, "", template_id, data, body.value("client_msg_id", ""), msgid, rendered));
  return Json(200, {{"errcode", 0}, {"errmsg", "ok"}, {"msgid", std::stoll(msgid)}});
}

// ---- control ------------------------------------------------------------------------------

GatewayResponse Gateway::HandleControl(const GatewayRequest& request) {
  const json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) {
    return Json(400, {{"error", "body must be a JSON object"}});
  }
  if (body.value("revoke_tokens", false)) {
    RevokeTokens();
  }
  if (body.contains("receipts")) {
    std::string error;
    auto plan = ParseReceiptPlan(body["receipts"], receipts_.Plan(), error);
    if (!plan) {
      return Json(400, {{"error", error}});
    }
    receipts_.Configure(std::move(*plan));
  }
  for (const auto& [key, follows] : {std::pair{"wechat_unfollow", false}, std::pair{"wechat_follow", true}}) {
    if (const auto list = body.find(key); list != body.end()) {
      if (!list->is_array()) {
        return Json(400, {{"error", std::string(key) + " must be a list of openids"}});
      }
      for (const auto& openid : *list) {
        if (openid.is_string()) {
          SetFollows(openid.get<std::string>(), follows);
        }
      }
    }
  }
  if (!body.contains("mode")) {
    return Json(200, {{"status", "ok"}});
  }
  const auto mode = body["mode"].is_string() ? ParseFaultMode(body["mode"].get<std::string>()) : std::nullopt;
  const auto number = [&body](const char* name) -> std::optional<std::int64_t> {
    const auto found = body.find(name);
    if (found == body.end() || found->is_null()) {
      return 0;
    }
    if (!found->is_number_integer() || found->get<std::int64_t>() < 0) {
      return std::nullopt;
    }
    return found->get<std::int64_t>();
  };
  const auto delay_ms = number("delay_ms");
  const auto count = number("count");
  const auto skip = number("skip");
  if (!mode || !delay_ms || !count || !skip) {
    return Json(400, {{"error",
                       "expected mode normal|fail|throttle|slow|error|lose and non-negative integer "
                       "delay_ms, count and skip"}});
  }
  const std::string vendor = body.value("vendor", "");
  if (vendor != "" && vendor != "aliyun" && vendor != "tencent" && vendor != "wechat") {
    return Json(400, {{"error", "vendor must be aliyun, tencent or wechat"}});
  }
  const std::string phone = body.contains("phone") && body["phone"].is_string() ? body["phone"].get<std::string>() : "";
  SetFault(
      {*mode, std::chrono::milliseconds(*delay_ms), static_cast<int>(*count), vendor, phone, static_cast<int>(*skip)});
  return Json(200, {{"status", "ok"},
                    {"mode", body["mode"]},
                    {"delay_ms", *delay_ms},
                    {"count", *count},
                    {"vendor", vendor},
                    {"phone", phone},
                    {"skip", *skip}});
}

void Gateway::SetFault(const FaultPlan& plan) {
  const std::lock_guard lock(mutex_);
  if (plan.mode == FaultMode::kNormal) {
    if (plan.vendor.empty() && plan.phone.empty()) {
      faults_.clear();  // everything back to normal
    } else {
      faults_.erase(FaultKey(plan.vendor, plan.phone));
    }
    return;
  }
  faults_[FaultKey(plan.vendor, plan.phone)] = plan;
}

void Gateway::SetFollows(const std::string& openid, bool follows) {
  const std::lock_guard lock(mutex_);
  if (follows) {
    unfollowed_.erase(openid);
  } else {
    unfollowed_.insert(openid);
  }
}

void Gateway::RevokeTokens() {
  const std::lock_guard lock(mutex_);
  tokens_.clear();
}

nlohmann::json Gateway::LedgerEntries() const {
  return ledger_.Entries();
}

GatewayStats Gateway::Stats() const {
  const std::lock_guard lock(mutex_);
  GatewayStats stats = stats_;
  stats.receipts_pushed = receipts_.Pushed();
  return stats;
}

void Gateway::Shutdown() {
  {
    const std::lock_guard lock(mutex_);
    shutting_down_ = true;
  }
  shutdown_signal_.notify_all();
  receipts_.Stop();
}

FaultMode Gateway::TakeFault(const std::string& vendor) {
  return TakeFaultFor(vendor, {}).mode;
}

FaultPlan Gateway::TakeFaultFor(const std::string& vendor, const std::vector<std::string>& phones) {
  FaultPlan taken;
  {
    const std::lock_guard lock(mutex_);
    ++stats_.send_requests;
    std::vector<std::string> keys;
    for (const auto& phone : phones) {
      keys.push_back(FaultKey(vendor, phone));
      keys.push_back(FaultKey("", phone));
    }
    keys.push_back(FaultKey(vendor, ""));
    keys.push_back(FaultKey("", ""));
    auto fault = faults_.end();
    for (const auto& key : keys) {
      if (fault = faults_.find(key); fault != faults_.end()) {
        break;
      }
    }
    if (fault != faults_.end()) {
      if (fault->second.skip > 0) {
        --fault->second.skip;  // this one passes: the fault waits for a later send
      } else {
        taken = fault->second;
        if (fault->second.count > 0 && --fault->second.count == 0) {
          faults_.erase(fault);
        }
      }
    }
  }
  if (taken.mode == FaultMode::kSlow && taken.delay.count() == 0) {
    taken.delay = std::chrono::milliseconds(1000);
  }
  if (taken.mode != FaultMode::kLoseAnswer) {
    Delay(taken.delay);
  }
  return taken;
}

void Gateway::HoldAnswer(const FaultPlan& plan) {
  if (plan.mode == FaultMode::kLoseAnswer) {
    Delay(plan.delay.count() > 0 ? plan.delay : std::chrono::milliseconds(30'000));
  }
}

void Gateway::Delay(std::chrono::milliseconds delay) {
  if (delay.count() <= 0) {
    return;
  }
  std::unique_lock lock(mutex_);
  shutdown_signal_.wait_for(lock, delay, [this] { return shutting_down_; });
}

std::optional<std::string> Gateway::TemplateText(const std::string& code) const {
  const auto found = templates_.find(code);
  return found == templates_.end() ? std::nullopt : std::optional(found->second);
}

bool Gateway::ClaimNonce(const std::string& nonce) {
  const std::lock_guard lock(mutex_);
  if (!nonces_.insert(nonce).second) {
    return false;
  }
  nonce_order_.push_back(nonce);
  if (nonce_order_.size() > kMaxRememberedNonces) {
    nonces_.erase(nonce_order_.front());
    nonce_order_.pop_front();
  }
  return true;
}

void Gateway::RecordAccepted(const nlohmann::json& entry) {
  ledger_.Append(entry);
  receipts_.Accepted(entry);
  const std::lock_guard lock(mutex_);
  ++stats_.accepted;
}

}  // namespace careloop::tools::fake_gateway
