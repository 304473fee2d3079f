#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace careloop {

/// A fresh random identifier: `prefix` + 20 lowercase hex digits (80 bits from the OS CSPRNG).
[[nodiscard]] std::string NewRandomId(std::string_view prefix);

/// An identifier derived from what caused it: `prefix` + the first 20 hex digits of
/// SHA-256 over the parts. The same parts always give the same id, which is what makes
/// replays harmless (a replayed cause claims the same id and finds it taken).
[[nodiscard]] std::string DerivedId(std::string_view prefix, std::initializer_list<std::string_view> parts);

/// Lowercase hex SHA-256 of `data`.
[[nodiscard]] std::string Sha256Hex(std::string_view data);

}  // namespace careloop
