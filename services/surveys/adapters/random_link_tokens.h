#pragma once

#include <string>

#include "services/surveys/app/link_ports.h"

namespace careloop::surveys::adapters {

/// Link tokens from the kernel's CSPRNG (getrandom(2)): 96 random bits as 16 base64url characters.
class RandomLinkTokens final : public app::LinkTokenSource {
 public:
  /// Throws std::runtime_error if the kernel gives no random bytes (never expected).
  [[nodiscard]] std::string NewToken() override;
};

/// Whether `token` has the shape of a link token (base64url, 16–64 characters): anything else is
/// unknown without a look-up.
[[nodiscard]] bool LooksLikeLinkToken(const std::string& token);

}  // namespace careloop::surveys::adapters
