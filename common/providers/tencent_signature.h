#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Tencent Cloud API 3.0 request signatures (TC3-HMAC-SHA256), as used by SMS `SendSms`
/// (version 2021-01-11).
namespace careloop::providers {

inline constexpr std::string_view kTc3Algorithm = "TC3-HMAC-SHA256";
/// The JSON content type we sign and send; it must match the request's header byte for byte.
inline constexpr std::string_view kTc3JsonContentType = "application/json; charset=utf-8";

/// One Tencent Cloud API call to sign. Views must outlive the call.
struct TencentRequest final {
  std::string_view secret_id;
  std::string_view secret_key;
  std::string_view service;    ///< e.g. "sms"; also the credential-scope service.
  std::string_view host;       ///< The exact `Host` header value, e.g. "sms.tencentcloudapi.com".
  std::string_view action;     ///< X-TC-Action, e.g. "SendSms".
  std::string_view version;    ///< X-TC-Version, e.g. "2021-01-11".
  std::string_view region;     ///< X-TC-Region, e.g. "ap-guangzhou"; empty omits the header.
  std::int64_t timestamp = 0;  ///< X-TC-Timestamp, Unix seconds; the scope date is its UTC date.
  std::string_view payload;    ///< The JSON body exactly as sent.
};

/// Headers to put on a signed POST: Authorization, Content-Type, Host, X-TC-Action,
/// X-TC-Version, X-TC-Timestamp and (when set) X-TC-Region.
using TencentHeaders = std::vector<std::pair<std::string, std::string>>;

/// The `Authorization` header value for a JSON POST to "/". Signs `content-type;host`, the set in
/// Tencent's published worked example and the SDKs' default.
[[nodiscard]] std::string TencentAuthorization(const TencentRequest& request);

/// Every header a signed JSON POST needs, Authorization included.
[[nodiscard]] TencentHeaders TencentSignedHeaders(const TencentRequest& request);

/// Step 1: CanonicalRequest. `canonical_headers` are (lowercase name, value) pairs sorted by name;
/// values are lowercased and trimmed here.
[[nodiscard]] std::string Tc3CanonicalRequest(std::string_view http_method, std::string_view canonical_uri,
                                              std::string_view canonical_query,
                                              const std::vector<std::pair<std::string, std::string>>& canonical_headers,
                                              std::string_view payload);

/// Step 2: StringToSign = algorithm \n timestamp \n date/service/tc3_request \n
/// hex(sha256(canonical_request)).
[[nodiscard]] std::string Tc3StringToSign(std::int64_t timestamp, std::string_view service,
                                          std::string_view canonical_request);

/// Step 3: hex(HMAC-SHA256(derived key, string_to_sign)), the key derived from "TC3" + secret key,
/// the UTC date, the service and "tc3_request".
[[nodiscard]] std::string Tc3Signature(std::string_view secret_key, std::string_view date, std::string_view service,
                                       std::string_view string_to_sign);

/// The parts of a `TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header.
struct Tc3Authorization final {
  std::string secret_id;
  std::string date;
  std::string service;
  std::vector<std::string> signed_headers;  ///< lowercase, in the order given
  std::string signature;                    ///< lowercase hex
};

/// Parses an Authorization header; nullopt if it is not a well-formed TC3 header.
[[nodiscard]] std::optional<Tc3Authorization> ParseTc3Authorization(std::string_view header);

/// A request as a server received it, for verification. Views must outlive the call.
struct Tc3IncomingRequest final {
  std::string_view http_method;
  std::string_view canonical_uri = "/";
  std::string_view canonical_query;
  /// Request headers by lowercase name.
  const std::map<std::string, std::string>* headers = nullptr;
  std::string_view payload;
};

/// Outcome of checking a TC3 signature; maps onto Tencent's AuthFailure.* codes.
enum class Tc3Verdict {
  kOk,
  kMissingAuthorization,  ///< AuthFailure.MissingAuthorization
  kMalformed,             ///< AuthFailure.InvalidAuthorization (bad header, scope or timestamp)
  kUnknownSecretId,       ///< AuthFailure.SecretIdNotFound
  kSignatureMismatch,     ///< AuthFailure.SignatureFailure
};

/// Checks the Authorization header of `request` against the one secret pair the server knows.
/// Requires content-type and host among the signed headers, a scope date equal to the UTC date of
/// X-TC-Timestamp, and the scope service `service`. Does not judge clock skew.
[[nodiscard]] Tc3Verdict VerifyTc3Request(const Tc3IncomingRequest& request, std::string_view service,
                                          std::string_view secret_id, std::string_view secret_key);

}  // namespace careloop::providers
