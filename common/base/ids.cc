#include "common/base/ids.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <stdexcept>

namespace careloop {
namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::string NewRandomId(std::string_view prefix) {
  std::array<unsigned char, 10> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return std::string(prefix) + Hex(bytes.data(), bytes.size());
}

std::string Sha256Hex(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  return Hex(digest.data(), digest.size());
}

std::string DerivedId(std::string_view prefix, std::initializer_list<std::string_view> parts) {
  std::string joined;
  for (auto part : parts) {
    joined.append(part);
    joined.push_back('\x1f');  // unit separator: ("ab","c") and ("a","bc") must differ
  }
  return std::string(prefix) + Sha256Hex(joined).substr(0, 20);
}

}  // namespace careloop
