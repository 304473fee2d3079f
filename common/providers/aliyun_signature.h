#pragma once

#include <map>
#include <string>
#include <string_view>

/// Aliyun (Alibaba Cloud) RPC-style request signatures: SignatureMethod=HMAC-SHA1,
/// SignatureVersion=1.0, as used by Dysmsapi `SendSms` (API version 2017-05-25).
namespace careloop::providers {

/// Name of the parameter that carries the signature; it never takes part in signing.
inline constexpr std::string_view kAliyunSignatureParam = "Signature";

/// Aliyun's percent-encoding: RFC 3986 over UTF-8, A-Z a-z 0-9 - _ . ~ literal, everything else
/// %XY (space → %20, '*' → %2A, '~' kept).
[[nodiscard]] std::string AliyunPercentEncode(std::string_view text);

/// `k1=v1&k2=v2…` with keys and values Aliyun-percent-encoded, sorted by key, `Signature`
/// excluded. Sent as the GET query or the POST form body (then followed by `&Signature=…`).
[[nodiscard]] std::string AliyunCanonicalQuery(const std::map<std::string, std::string>& params);

/// `HTTPMethod&%2F&percentEncode(canonicalQuery)`.
[[nodiscard]] std::string AliyunStringToSign(std::string_view http_method,
                                             const std::map<std::string, std::string>& params);

/// Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)): the `Signature` parameter value
/// (before it is percent-encoded into the request).
[[nodiscard]] std::string AliyunSign(std::string_view http_method, const std::map<std::string, std::string>& params,
                                     std::string_view access_key_secret);

/// True when `params` carries a `Signature` equal (in constant time) to the one computed from the
/// other parameters with `access_key_secret`.
[[nodiscard]] bool AliyunVerify(std::string_view http_method, const std::map<std::string, std::string>& params,
                                std::string_view access_key_secret);

}  // namespace careloop::providers
