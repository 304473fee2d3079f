#include "tools/fake_gateway/gateway_config.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <functional>
#include <optional>
#include <stdexcept>

namespace careloop::tools::fake_gateway {
namespace {

YAML::Node LoadYaml(const std::string& path) {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::Exception& error) {
    throw std::runtime_error("cannot read " + path + ": " + error.what());
  }
}

std::string Field(const YAML::Node& section, const char* name, const std::string& path) {
  if (!section || !section[name]) {
    return {};
  }
  try {
    return section[name].as<std::string>();
  } catch (const YAML::Exception& error) {
    throw std::runtime_error(path + ": " + name + " must be a string: " + error.what());
  }
}

/// Replaces every `open`…`close` placeholder for which `lookup` has a value.
std::string Substitute(std::string_view text, std::string_view open, std::string_view close,
                       const std::function<std::optional<std::string>(std::string_view)>& lookup) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const auto start = text.find(open, at);
    if (start == std::string_view::npos) {
      break;
    }
    const auto end = text.find(close, start + open.size());
    if (end == std::string_view::npos) {
      break;
    }
    out.append(text.substr(at, start - at));
    const std::string_view name = text.substr(start + open.size(), end - start - open.size());
    if (const auto value = lookup(name)) {
      out += *value;
    } else {
      out.append(text.substr(start, end + close.size() - start));
    }
    at = end + close.size();
  }
  out.append(text.substr(at));
  return out;
}

std::string JsonText(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace

Credentials LoadCredentials(const std::string& path) {
  const YAML::Node root = LoadYaml(path);
  Credentials credentials;
  const YAML::Node aliyun = root["aliyun"];
  credentials.aliyun.access_key_id = Field(aliyun, "access_key_id", path);
  credentials.aliyun.access_key_secret = Field(aliyun, "access_key_secret", path);
  const YAML::Node tencent = root["tencent"];
  credentials.tencent.secret_id = Field(tencent, "secret_id", path);
  credentials.tencent.secret_key = Field(tencent, "secret_key", path);
  credentials.tencent.sdk_app_id = Field(tencent, "sdk_app_id", path);
  const YAML::Node wechat = root["wechat"];
  credentials.wechat.appid = Field(wechat, "appid", path);
  credentials.wechat.secret = Field(wechat, "secret", path);
  if (wechat && wechat["unfollowed"]) {
    if (!wechat["unfollowed"].IsSequence()) {
      throw std::runtime_error(path + ": wechat.unfollowed must be a list of openids");
    }
    for (const auto& openid : wechat["unfollowed"]) {
      credentials.wechat.unfollowed.push_back(openid.as<std::string>());
    }
  }
  return credentials;
}

std::vector<MessageTemplate> LoadTemplates(const std::string& path) {
  const YAML::Node root = LoadYaml(path);
  if (!root.IsSequence()) {
    throw std::runtime_error(path + ": expected a list of {code, text}");
  }
  std::vector<MessageTemplate> templates;
  for (const auto& entry : root) {
    MessageTemplate message_template{Field(entry, "code", path), Field(entry, "text", path)};
    if (message_template.code.empty()) {
      throw std::runtime_error(path + ": every template needs a code");
    }
    templates.push_back(std::move(message_template));
  }
  return templates;
}

std::string RenderNamed(std::string_view text, const nlohmann::json& params) {
  return Substitute(text, "${", "}", [&params](std::string_view name) -> std::optional<std::string> {
    if (!params.is_object()) {
      return std::nullopt;
    }
    const auto found = params.find(std::string(name));
    return found == params.end() ? std::nullopt : std::optional(JsonText(*found));
  });
}

std::string RenderPositional(std::string_view text, const std::vector<std::string>& values) {
  return Substitute(text, "{", "}", [&values](std::string_view name) -> std::optional<std::string> {
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), index);
    if (error != std::errc{} || end != name.data() + name.size() || index == 0 || index > values.size()) {
      return std::nullopt;
    }
    return values[index - 1];
  });
}

std::string RenderWeChat(std::string_view text, const nlohmann::json& data) {
  return Substitute(text, "{{", "}}", [&data](std::string_view name) -> std::optional<std::string> {
    constexpr std::string_view kSuffix = ".DATA";
    if (!name.ends_with(kSuffix) || !data.is_object()) {
      return std::nullopt;
    }
    const auto found = data.find(std::string(name.substr(0, name.size() - kSuffix.size())));
    return found == data.end() ? std::nullopt : std::optional(JsonText(*found));
  });
}

}  // namespace careloop::tools::fake_gateway
