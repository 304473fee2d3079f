#pragma once

#include <string>
#include <string_view>

namespace careloop::log {

/// Masks what must never reach a log in clear: mainland mobile numbers (138****5678, also
/// with +86/86 prefixes), 18-character national ID numbers (110101********123X) and 15-digit
/// old-style ones. Anything else passes unchanged.
[[nodiscard]] std::string MaskPii(std::string_view text);

/// Masks a phone number given on its own: keeps the first 3 and last 4 digits.
[[nodiscard]] std::string MaskPhone(std::string_view phone);

/// Masks a person's name: keeps the first character (UTF-8 aware), e.g. "张**".
[[nodiscard]] std::string MaskName(std::string_view name);

}  // namespace careloop::log
