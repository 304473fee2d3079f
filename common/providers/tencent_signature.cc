#include "common/providers/tencent_signature.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/providers/crypto.h"

namespace careloop::providers {
namespace {

constexpr std::string_view kTerminator = "tc3_request";

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  return text;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) {
      return parts;
    }
    text.remove_prefix(at + 1);
  }
}

std::string Join(const std::vector<std::string>& parts, char separator) {
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) {
      out.push_back(separator);
    }
    out += part;
  }
  return out;
}

std::string AuthorizationValue(std::string_view secret_id, std::string_view date, std::string_view service,
                               std::string_view signed_headers, std::string_view signature) {
  std::string out(kTc3Algorithm);
  out += " Credential=";
  out += secret_id;
  out += '/';
  out += date;
  out += '/';
  out += service;
  out += '/';
  out += kTerminator;
  out += ", SignedHeaders=";
  out += signed_headers;
  out += ", Signature=";
  out += signature;
  return out;
}

}  // namespace

std::string Tc3CanonicalRequest(std::string_view http_method, std::string_view canonical_uri,
                                std::string_view canonical_query,
                                const std::vector<std::pair<std::string, std::string>>& canonical_headers,
                                std::string_view payload) {
  std::string out(http_method);
  out += '\n';
  out += canonical_uri;
  out += '\n';
  out += canonical_query;
  out += '\n';
  std::vector<std::string> names;
  for (const auto& [name, value] : canonical_headers) {
    names.push_back(Lower(name));
    out += names.back();
    out += ':';
    out += Lower(Trim(value));
    out += '\n';
  }
  out += '\n';
  out += Join(names, ';');
  out += '\n';
  out += HexEncode(Sha256(payload));
  return out;
}

std::string Tc3StringToSign(std::int64_t timestamp, std::string_view service, std::string_view canonical_request) {
  std::string out(kTc3Algorithm);
  out += '\n';
  out += std::to_string(timestamp);
  out += '\n';
  out += FormatUtcDate(timestamp);
  out += '/';
  out += service;
  out += '/';
  out += kTerminator;
  out += '\n';
  out += HexEncode(Sha256(canonical_request));
  return out;
}

std::string Tc3Signature(std::string_view secret_key, std::string_view date, std::string_view service,
                         std::string_view string_to_sign) {
  std::string key = "TC3";
  key += secret_key;
  const std::string secret_date = HmacSha256(key, date);
  const std::string secret_service = HmacSha256(secret_date, service);
  const std::string secret_signing = HmacSha256(secret_service, kTerminator);
  return HexEncode(HmacSha256(secret_signing, string_to_sign));
}

std::string TencentAuthorization(const TencentRequest& request) {
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"content-type", std::string(kTc3JsonContentType)},
      {"host", std::string(request.host)},
  };
  const std::string canonical = Tc3CanonicalRequest("POST", "/", "", headers, request.payload);
  const std::string string_to_sign = Tc3StringToSign(request.timestamp, request.service, canonical);
  const std::string date = FormatUtcDate(request.timestamp);
  return AuthorizationValue(request.secret_id, date, request.service, "content-type;host",
                            Tc3Signature(request.secret_key, date, request.service, string_to_sign));
}

TencentHeaders TencentSignedHeaders(const TencentRequest& request) {
  TencentHeaders headers = {
      {"Authorization", TencentAuthorization(request)},
      {"Content-Type", std::string(kTc3JsonContentType)},
      {"Host", std::string(request.host)},
      {"X-TC-Action", std::string(request.action)},
      {"X-TC-Version", std::string(request.version)},
      {"X-TC-Timestamp", std::to_string(request.timestamp)},
  };
  if (!request.region.empty()) {
    headers.emplace_back("X-TC-Region", std::string(request.region));
  }
  return headers;
}

std::optional<Tc3Authorization> ParseTc3Authorization(std::string_view header) {
  header = Trim(header);
  if (header.substr(0, kTc3Algorithm.size()) != kTc3Algorithm || header.size() == kTc3Algorithm.size() ||
      header[kTc3Algorithm.size()] != ' ') {
    return std::nullopt;
  }
  header.remove_prefix(kTc3Algorithm.size() + 1);
  std::optional<std::string_view> credential;
  std::optional<std::string_view> signed_headers;
  std::optional<std::string_view> signature;
  for (const auto field : Split(header, ',')) {
    const std::string_view trimmed = Trim(field);
    const auto equals = trimmed.find('=');
    if (equals == std::string_view::npos) {
      return std::nullopt;
    }
    const std::string_view name = trimmed.substr(0, equals);
    const std::string_view value = trimmed.substr(equals + 1);
    if (name == "Credential") {
      credential = value;
    } else if (name == "SignedHeaders") {
      signed_headers = value;
    } else if (name == "Signature") {
      signature = value;
    } else {
      return std::nullopt;
    }
  }
  if (!credential || !signed_headers || !signature) {
    return std::nullopt;
  }
  const auto scope = Split(*credential, '/');
  if (scope.size() != 4 || scope[3] != kTerminator || scope[0].empty()) {
    return std::nullopt;
  }
  Tc3Authorization out;
  out.secret_id = std::string(scope[0]);
  out.date = std::string(scope[1]);
  out.service = std::string(scope[2]);
  for (const auto name : Split(*signed_headers, ';')) {
    if (name.empty()) {
      return std::nullopt;
    }
    out.signed_headers.push_back(Lower(name));
  }
  out.signature = Lower(*signature);
  return out;
}

Tc3Verdict VerifyTc3Request(const Tc3IncomingRequest& request, std::string_view service, std::string_view secret_id,
                            std::string_view secret_key) {
  static const std::map<std::string, std::string> kNoHeaders;
  const auto& headers = request.headers != nullptr ? *request.headers : kNoHeaders;
  const auto authorization_header = headers.find("authorization");
  if (authorization_header == headers.end() || authorization_header->second.empty()) {
    return Tc3Verdict::kMissingAuthorization;
  }
  const auto authorization = ParseTc3Authorization(authorization_header->second);
  if (!authorization) {
    return Tc3Verdict::kMalformed;
  }
  if (authorization->secret_id != secret_id) {
    return Tc3Verdict::kUnknownSecretId;
  }
  const auto timestamp_header = headers.find("x-tc-timestamp");
  if (timestamp_header == headers.end()) {
    return Tc3Verdict::kMalformed;
  }
  std::int64_t timestamp = 0;
  const std::string& timestamp_text = timestamp_header->second;
  const auto [end, error] =
      std::from_chars(timestamp_text.data(), timestamp_text.data() + timestamp_text.size(), timestamp);
  if (error != std::errc{} || end != timestamp_text.data() + timestamp_text.size()) {
    return Tc3Verdict::kMalformed;
  }
  if (authorization->date != FormatUtcDate(timestamp) || authorization->service != service) {
    return Tc3Verdict::kMalformed;
  }
  const auto& names = authorization->signed_headers;
  const auto has = [&names](std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (!has("content-type") || !has("host") || !std::is_sorted(names.begin(), names.end())) {
    return Tc3Verdict::kMalformed;
  }
  std::vector<std::pair<std::string, std::string>> canonical_headers;
  for (const auto& name : names) {
    const auto found = headers.find(name);
    if (found == headers.end()) {
      return Tc3Verdict::kMalformed;
    }
    canonical_headers.emplace_back(name, found->second);
  }
  const std::string canonical = Tc3CanonicalRequest(request.http_method, request.canonical_uri, request.canonical_query,
                                                    canonical_headers, request.payload);
  const std::string expected =
      Tc3Signature(secret_key, authorization->date, service, Tc3StringToSign(timestamp, service, canonical));
  return ConstantTimeEquals(expected, authorization->signature) ? Tc3Verdict::kOk : Tc3Verdict::kSignatureMismatch;
}

}  // namespace careloop::providers
