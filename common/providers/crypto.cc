#include "common/providers/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <vector>

namespace careloop::providers {
namespace {

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

std::string Hmac(const EVP_MD* digest, std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int out_length = 0;
  if (HMAC(digest, key.data(), static_cast<int>(key.size()), Bytes(data), data.size(), out.data(), &out_length) ==
      nullptr) {
    throw std::runtime_error("HMAC computation failed");
  }
  return {reinterpret_cast<const char*>(out.data()), out_length};
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '~';
}

std::tm UtcTime(std::int64_t unix_seconds) {
  const auto seconds = static_cast<std::time_t>(unix_seconds);
  std::tm parts{};
  if (gmtime_r(&seconds, &parts) == nullptr) {
    throw std::runtime_error("timestamp out of range");
  }
  return parts;
}

}  // namespace

std::string Sha256(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> out{};
  SHA256(Bytes(data), data.size(), out.data());
  return {reinterpret_cast<const char*>(out.data()), out.size()};
}

std::string HmacSha1(std::string_view key, std::string_view data) {
  return Hmac(EVP_sha1(), key, data);
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  return Hmac(EVP_sha256(), key, data);
}

std::string HexEncode(std::string_view bytes) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(kDigits[byte >> 4U]);
    out.push_back(kDigits[byte & 0x0FU]);
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  std::vector<unsigned char> out(4 * ((bytes.size() + 2) / 3) + 1);
  const int written = EVP_EncodeBlock(out.data(), Bytes(bytes), static_cast<int>(bytes.size()));
  return {reinterpret_cast<const char*>(out.data()), static_cast<std::size_t>(written)};
}

std::string PercentEncode(std::string_view text) {
  static constexpr std::string_view kDigits = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (IsUnreserved(byte)) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kDigits[byte >> 4U]);
      out.push_back(kDigits[byte & 0x0FU]);
    }
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomHex(std::size_t byte_count) {
  std::string bytes(byte_count, '\0');
  if (byte_count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(byte_count)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return HexEncode(bytes);
}

std::string FormatUtcIso8601(std::int64_t unix_seconds) {
  const std::tm parts = UtcTime(unix_seconds);
  std::array<char, 32> buffer{};
  const auto length = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &parts);
  return {buffer.data(), length};
}

std::string FormatUtcDate(std::int64_t unix_seconds) {
  const std::tm parts = UtcTime(unix_seconds);
  std::array<char, 16> buffer{};
  const auto length = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%d", &parts);
  return {buffer.data(), length};
}

}  // namespace careloop::providers
