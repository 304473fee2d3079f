#include "services/surveys/adapters/random_link_tokens.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <stdexcept>

namespace careloop::surveys::adapters {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr size_t kTokenBytes = 12;  // 96 bits: 16 base64url characters, no padding

}  // namespace

std::string RandomLinkTokens::NewToken() {
  std::array<uint8_t, kTokenBytes> bytes{};
  size_t filled = 0;
  while (filled < bytes.size()) {
    const ssize_t got = getrandom(bytes.data() + filled, bytes.size() - filled, 0);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw std::runtime_error("getrandom failed: no random bytes for a survey link token");
    }
    filled += static_cast<size_t>(got);
  }
  std::string token;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const uint32_t group = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) | uint32_t{bytes[i + 2]};
    for (int shift = 18; shift >= 0; shift -= 6) {
      token += kAlphabet[(group >> shift) & 0x3F];
    }
  }
  return token;
}

bool LooksLikeLinkToken(const std::string& token) {
  if (token.size() < 16 || token.size() > 64) {
    return false;
  }
  return token.find_first_not_of(kAlphabet) == std::string::npos;
}

}  // namespace careloop::surveys::adapters
