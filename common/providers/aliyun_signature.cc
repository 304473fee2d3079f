#include "common/providers/aliyun_signature.h"

#include "common/providers/crypto.h"

namespace careloop::providers {

std::string AliyunPercentEncode(std::string_view text) {
  return PercentEncode(text);
}

std::string AliyunCanonicalQuery(const std::map<std::string, std::string>& params) {
  // std::map iterates in byte order of the keys, which is the order Aliyun sorts in.
  std::string query;
  for (const auto& [key, value] : params) {
    if (key == kAliyunSignatureParam) {
      continue;
    }
    if (!query.empty()) {
      query.push_back('&');
    }
    query += AliyunPercentEncode(key);
    query.push_back('=');
    query += AliyunPercentEncode(value);
  }
  return query;
}

std::string AliyunStringToSign(std::string_view http_method, const std::map<std::string, std::string>& params) {
  std::string out(http_method);
  out += '&';
  out += AliyunPercentEncode("/");
  out += '&';
  out += AliyunPercentEncode(AliyunCanonicalQuery(params));
  return out;
}

std::string AliyunSign(std::string_view http_method, const std::map<std::string, std::string>& params,
                       std::string_view access_key_secret) {
  // The trailing '&' is part of the key: the doc formula omits it but every published example
  // and the vendor SDKs need it.
  std::string key(access_key_secret);
  key += '&';
  return Base64Encode(HmacSha1(key, AliyunStringToSign(http_method, params)));
}

bool AliyunVerify(std::string_view http_method, const std::map<std::string, std::string>& params,
                  std::string_view access_key_secret) {
  const auto given = params.find(std::string(kAliyunSignatureParam));
  if (given == params.end()) {
    return false;
  }
  return ConstantTimeEquals(given->second, AliyunSign(http_method, params, access_key_secret));
}

}  // namespace careloop::providers
