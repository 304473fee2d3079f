#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

/// Small encoding and hashing helpers shared by the vendor signers (Aliyun, Tencent) and the
/// fake gateway. Byte strings travel as std::string; digests are raw bytes unless the name says
/// Hex or Base64.
namespace careloop::providers {

/// SHA-256 digest of `data` (32 raw bytes).
[[nodiscard]] std::string Sha256(std::string_view data);

/// HMAC-SHA1 of `data` keyed with `key` (20 raw bytes), RFC 2104.
[[nodiscard]] std::string HmacSha1(std::string_view key, std::string_view data);

/// HMAC-SHA256 of `data` keyed with `key` (32 raw bytes), RFC 2104.
[[nodiscard]] std::string HmacSha256(std::string_view key, std::string_view data);

/// Lowercase hexadecimal form of `bytes`.
[[nodiscard]] std::string HexEncode(std::string_view bytes);

/// Standard (RFC 4648 §4) base64 with padding.
[[nodiscard]] std::string Base64Encode(std::string_view bytes);

/// RFC 3986 percent-encoding of UTF-8 text: only A-Z a-z 0-9 - _ . ~ stay literal, every other
/// byte becomes %XY with uppercase hex (so a space is %20, never '+').
[[nodiscard]] std::string PercentEncode(std::string_view text);

/// Compares two byte strings in time that depends only on their lengths, so a verifier does not
/// leak how much of a guessed signature or token was right.
[[nodiscard]] bool ConstantTimeEquals(std::string_view a, std::string_view b);

/// `byte_count` bytes from OpenSSL's CSPRNG, hex encoded (nonces, tokens, ids).
/// Throws std::runtime_error if the generator fails, which only happens on a broken system.
[[nodiscard]] std::string RandomHex(std::size_t byte_count);

/// UTC instant as ISO 8601 / RFC 3339 `YYYY-MM-DDTHH:MM:SSZ` (Aliyun's `Timestamp` format).
[[nodiscard]] std::string FormatUtcIso8601(std::int64_t unix_seconds);

/// UTC calendar date `YYYY-MM-DD` of an instant (the date in Tencent's credential scope).
[[nodiscard]] std::string FormatUtcDate(std::int64_t unix_seconds);

}  // namespace careloop::providers
