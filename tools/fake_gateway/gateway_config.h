#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

/// Configuration of the fake SMS/WeChat gateway: the one set of credentials per vendor it
/// accepts, and the SMS templates it knows how to render.
namespace careloop::tools::fake_gateway {

/// Aliyun AccessKey pair.
struct AliyunCredentials final {
  std::string access_key_id;
  std::string access_key_secret;
};

/// Tencent Cloud key pair plus the SMS application id requests must name.
struct TencentCredentials final {
  std::string secret_id;
  std::string secret_key;
  std::string sdk_app_id;
};

/// WeChat official-account appid and secret, and the openids that do not follow the account
/// (a template message to one is answered errcode 43004 "require subscribe").
struct WeChatCredentials final {
  std::string appid;
  std::string secret;
  std::vector<std::string> unfollowed;
};

/// What the gateway accepts. A vendor left empty rejects every request as unknown credentials.
struct Credentials final {
  AliyunCredentials aliyun;
  TencentCredentials tencent;
  WeChatCredentials wechat;
};

/// A template as registered with a vendor: Aliyun text uses ${name}, Tencent text {1}, {2}…,
/// WeChat text {{key.DATA}}.
struct MessageTemplate final {
  std::string code;  ///< Aliyun TemplateCode, Tencent TemplateId or WeChat template_id
  std::string text;
};

/// Reads `aliyun: {access_key_id, access_key_secret}`, `tencent: {secret_id, secret_key,
/// sdk_app_id}`, `wechat: {appid, secret, unfollowed: [openid…]}`; every section optional.
/// Throws std::runtime_error naming the file when it cannot be read or parsed.
[[nodiscard]] Credentials LoadCredentials(const std::string& path);

/// Reads a YAML list of `{code, text}`. Throws std::runtime_error as LoadCredentials does.
[[nodiscard]] std::vector<MessageTemplate> LoadTemplates(const std::string& path);

/// Aliyun rendering: each ${name} replaced by params[name] (strings verbatim, other JSON values
/// dumped); unknown placeholders are left as they are.
[[nodiscard]] std::string RenderNamed(std::string_view text, const nlohmann::json& params);

/// Tencent rendering: {1} is values[0], {2} values[1]…; out-of-range placeholders stay.
[[nodiscard]] std::string RenderPositional(std::string_view text, const std::vector<std::string>& values);

/// WeChat rendering: {{key.DATA}} replaced by data[key] (a string); unknown keys stay.
[[nodiscard]] std::string RenderWeChat(std::string_view text, const nlohmann::json& data);

}  // namespace careloop::tools::fake_gateway
